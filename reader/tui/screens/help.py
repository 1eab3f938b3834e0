"""Help: every key, listed from the bindings themselves so the list cannot go stale."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static


@dataclass(frozen=True, slots=True)
class BindingGroup:
    """The bindings one screen or widget owns, under the name a reader knows it by."""

    title: str
    bindings: tuple[Binding, ...]


def help_markdown() -> str:
    return files("reader.tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, groups: list[BindingGroup], keymap: dict[str, str]) -> None:
        super().__init__()
        self.groups = groups
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_markdown(), id="help-intro")
            yield Static(self.key_table(), id="help-keys")

    def keys_of(self, binding: Binding) -> list[str]:
        """A binding's keys as remapped by the config, shown the way the footer shows them."""
        keys = self.keymap.get(binding.id, binding.key) if binding.id else binding.key
        return [self.app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")]

    def key_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Id (for [keys] in the config)", style="dim", no_wrap=True)
        for group in self.groups:
            table.add_row(Text(group.title, style="bold underline"), "", "")
            for binding in group.bindings:
                table.add_row(Text(" ".join(self.keys_of(binding))), Text(binding.description), Text(binding.id or ""))
            table.add_row("", "", "")
        return table
