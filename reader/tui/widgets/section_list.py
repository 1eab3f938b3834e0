"""The section pane: title, lead and headings, with the section in view highlighted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.rows import Row
from reader.tui.shaped import Shaping, shaped_line
from reader.tui.widgets.shaped_option_list import ShapedOptionList


@dataclass(frozen=True, slots=True)
class SectionEntry:
    label: str
    row: int
    kind: str  # "title" | "lead" | "heading"


def section_entries(rows: list[Row]) -> list[SectionEntry]:
    """The pane's entries: the title, the lead (by its first words) and each heading."""
    entries = [SectionEntry(rows[0].text, 0, "title")] if rows else []
    lead = next((i for i, row in enumerate(rows) if row.section == 0 and row.kind in ("paragraph", "item")), None)
    has_heading_zero = any(row.kind == "heading" and row.section == 0 for row in rows)
    if lead is not None and not has_heading_zero:
        entries.append(SectionEntry(rows[lead].text, lead, "lead"))
    entries += [SectionEntry(row.text, i, "heading") for i, row in enumerate(rows) if row.kind == "heading"]
    return entries


def section_options(entries: list[SectionEntry], width: int, shaping: Shaping) -> Iterator[Option]:
    """The entries' options, each shaped to `width` as it is read: plain objects, made in a
    worker for a large article."""
    for entry in entries:
        style = "bold" if entry.kind == "title" else ("dim" if entry.kind == "lead" else "")
        yield Option(shaped_line(entry.label, width, shaping, style=style))


class SectionList(ShapedOptionList):
    """Choosing an entry (Enter or a click) asks the reader to jump to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Jump to section", id="sections.jump"),
        Binding("j", "cursor_down", "Down", id="sections.down", show=False),
        Binding("k", "cursor_up", "Up", id="sections.up", show=False),
    ]

    class Chosen(Message):
        def __init__(self, entry: SectionEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, shaping: Shaping, *, id: str | None = None) -> None:
        super().__init__(shaping, id=id)
        self.entries: list[SectionEntry] = []
        self._laid_out: tuple[int, Iterable[Option]] | None = None

    def set_entries(self, entries: list[SectionEntry], *, laid_out: tuple[int, Iterable[Option]] | None = None) -> None:
        """`laid_out`: the entries' options at a width, made already (in a worker, for a large
        article), used if made for the list's width."""
        self.entries = entries
        self._laid_out = laid_out
        self.entries_changed()

    def build_options(self, width: int) -> None:
        highlighted = self.highlighted
        self.clear_options()
        laid_out, self._laid_out = self._laid_out, None  # its options go to the list once
        options = laid_out[1] if laid_out is not None and laid_out[0] == width else None
        if options is None:
            options = section_options(self.entries, width, self.shaping)

        def highlight() -> None:
            if highlighted is not None and self.entries:
                self.highlighted = min(highlighted, len(self.entries) - 1)

        self.add_in_slices(options, then=highlight)

    def show_entry_in_view(self, index: int) -> None:
        """Highlight the entry of the section in view without moving focus."""
        if self.entries and self.highlighted != index:
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.entries):
            self.post_message(self.Chosen(self.entries[event.option_index]))
