"""The entity pane: entities grouped by type with mention counts, and the legend of their styles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.layout import BidiMode
from reader.terminal_rows import LRM
from reader.tui.shaped import Shaping, shaped_line
from reader.tui.widgets.shaped_option_list import ShapedOptionList
from reader.types import ENTITY_KINDS, ENTITY_TYPES, EntityType


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """One entity: its key, type, the name to show and how many mentions it has."""

    key: str
    type: EntityType
    name: str
    count: int


def entity_entries(names_by_key: dict[str, Counter[str]], types: Mapping[str, EntityType]) -> list[EntityEntry]:
    """Entries sorted by type, then by mentions (most first), then by name.

    An entity is shown by its fullest name (`سيرجي لافروف`, not the later bare `لافروف`), as
    `reader entities` shows it.
    """
    entries = [
        EntityEntry(
            key,
            types[key],
            max(names, key=lambda name: (len(name.split()), names[name], len(name))),
            sum(names.values()),
        )
        for key, names in names_by_key.items()
    ]
    order = {name: index for index, name in enumerate(ENTITY_TYPES)}
    return sorted(entries, key=lambda entry: (order[entry.type], -entry.count, entry.name))


@dataclass(frozen=True, slots=True)
class LaidOut:
    """The entity pane's options at a width (made as they are read, unless a list), and the
    entity on each line (None for a type's header)."""

    width: int
    options: Iterable[Option]
    entries: list[EntityEntry | None]


def entity_options(
    entries: list[EntityEntry], width: int, shaping: Shaping, styles: Mapping[EntityType, Style]
) -> LaidOut:
    """The options of `entries`, grouped under their types' headers, each name shaped to `width`
    with its count, made as they are read. Plain objects, no widget: a large article's are made
    in a worker thread (a 10 MB one's 3,600 names take a second to shape)."""
    lines: list[EntityEntry | None] = []
    current = None
    for entry in entries:
        if entry.type != current:
            current = entry.type
            lines.append(None)
        lines.append(entry)
    # In terminal mode an LRM ends the name's right-to-left run: else the terminal's bidi draws
    # the count, a number after the name's closing RLM, into it (mlterm showed `3× name`).
    mark = LRM if shaping.mode is BidiMode.TERMINAL else ""

    def option(at: int, entry: EntityEntry | None) -> Option:
        if entry is None:
            kind = lines[at + 1]
            assert kind is not None  # a header stands before its type's first entity
            style = Style(bold=True) + styles[kind.type]
            return Option(Text(f"{kind.type} · {ENTITY_KINDS[kind.type].name}", style=style), disabled=True)
        count = Text(f"{mark} ×{entry.count}", style="dim")
        room = max(1, width - count.cell_len)
        return Option(shaped_line(entry.name, room, shaping, style=styles[entry.type]) + count)

    return LaidOut(width, (option(at, entry) for at, entry in enumerate(lines)), lines)


class EntityList(ShapedOptionList):
    """Choosing an entity (Enter or a click) asks the reader to jump to its next mention."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Next mention of entity", id="entities.jump"),
        Binding("j", "cursor_down", "Down", id="entities.down", show=False),
        Binding("k", "cursor_up", "Up", id="entities.up", show=False),
    ]

    class Chosen(Message):
        def __init__(self, entry: EntityEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, shaping: Shaping, styles: Mapping[EntityType, Style], *, id: str | None = None) -> None:
        super().__init__(shaping, id=id)
        self.type_styles = styles
        self.entries: list[EntityEntry] | None = None
        self._laid_out: LaidOut | None = None
        self._option_entries: list[EntityEntry | None] = []

    def set_entries(self, entries: list[EntityEntry] | None, *, laid_out: LaidOut | None = None) -> None:
        """None while the entities are still being found; `laid_out`: their options, made
        already (in a worker, for a large article), used if made for the list's width."""
        self.entries = entries
        self._laid_out = laid_out
        self.entries_changed()

    def build_options(self, width: int) -> None:
        self.clear_options()
        if self.entries is None:
            self._option_entries = [None]
            self.add_option(Option(Text("Finding entities…", style="italic"), disabled=True))
            return
        if not self.entries:
            self._option_entries = [None]
            self.add_option(Option(Text("No entities found", style="italic"), disabled=True))
            return
        laid_out, self._laid_out = self._laid_out, None  # its options go to the list once
        if laid_out is None or laid_out.width != width:
            laid_out = entity_options(self.entries, width, self.shaping, self.type_styles)
        self._option_entries = laid_out.entries
        self.add_in_slices(laid_out.options)

    @property
    def line_entries(self) -> list[EntityEntry | None]:
        """The entity on each line of the list, None for a type's header or a message."""
        return list(self._option_entries)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._option_entries[event.option_index] if event.option_index < len(self._option_entries) else None
        if entry is not None:
            self.post_message(self.Chosen(entry))


class EntityLegend(Static):
    """Which key toggles which type, its colour and its cue that is not colour, and if it is on."""

    DEFAULT_CSS = """
    EntityLegend {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, styles: Mapping[EntityType, Style], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.type_styles = styles
        self.enabled: set[str] = set(ENTITY_TYPES)

    def on_mount(self) -> None:
        self.update(self.legend())

    def set_enabled(self, enabled: set[str]) -> None:
        self.enabled = set(enabled)
        self.update(self.legend())

    def legend(self) -> Text:
        text = Text(end="")
        for number, entity_type in enumerate(ENTITY_TYPES, start=1):
            on = entity_type in self.enabled
            if number > 1:
                text.append("\n")
            text.append(f"{number} ", style="bold")
            text.append(entity_type, style=self.type_styles[entity_type] if on else Style(dim=True, strike=True))
            text.append(f" {ENTITY_KINDS[entity_type].cue}", style="" if on else "dim")
            text.append("" if on else " (off)", style="dim")
        return text
