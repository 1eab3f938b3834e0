"""The footer: the keys that work where the focus is, most useful first, as many as fit, help always.

Textual's footer shows every binding of the focus chain in chain order, so at 80 columns the
scroll keys fill it and `? Help`, an app binding and so the last, never shows. Here each screen
lists the binding ids it wants shown (`FOOTER_ORDER`, most useful first); the footer shows those
that are active now, in that order, until the width is used, and keeps room for help at the end.
While a text entry takes typed text (the library filter, the search bar), a key that would type
into it is not shown: those keys are not bindings then. Help shows as F1 then.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.keys import REPLACED_KEYS, key_to_character
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # private, and only here: Footer's keys, not exported (Textual 8.2)

from reader.tui.widgets.search_bar import SearchBar

HELP = "app.help"


@dataclass(slots=True)
class FooterItem:
    """One entry: the keys shown, the words after them, the key a click sends."""

    keys: list[str]
    description: str
    key: str
    enabled: bool

    @property
    def cells(self) -> int:
        return cell_len(" ".join(self.keys)) + 1 + cell_len(self.description) + 1  # a space after each


class KeyFooter(Footer):
    """Keys chosen and ordered by the screen's `FOOTER_ORDER`; see the module docstring."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._width = 0

    def items(self) -> tuple[list[FooterItem], FooterItem | None]:
        """What the footer shows now, before fitting it to the width: the screen's keys in order,
        and help."""
        screen = self.screen
        order: tuple[str, ...] = getattr(screen, "FOOTER_ORDER", ())
        rank = {binding_id: k for k, binding_id in enumerate(order)}
        focused = screen.focused
        typing = isinstance(focused, SearchBar) and focused.accepting
        label = getattr(screen, "footer_label", None)
        seen: set[str] = set()
        items: dict[str, FooterItem] = {}  # by group, or by binding id where there is no group
        ranks: dict[str, int] = {}
        help_item = None
        for _namespace, binding, enabled, _tooltip in screen.active_bindings.values():
            binding_id = binding.id or ""
            if binding_id in seen or (binding_id not in rank and binding_id != HELP):
                continue
            if typing and _types_text(binding.key):
                continue
            seen.add(binding_id)  # of a binding's keys, the first that works now is enough
            shown_key = self.app.get_key_display(binding)
            if binding_id == HELP:
                help_item = FooterItem([shown_key], binding.description, binding.key, enabled)
                continue
            slot = binding.group.description if binding.group is not None else binding_id
            if slot in items:
                items[slot].keys.append(shown_key)
                continue
            description = slot if binding.group is not None else binding.description
            if label is not None:
                description = label(binding_id, description)
            items[slot] = FooterItem([shown_key], description, binding.key, enabled)
            ranks[slot] = rank[binding_id]
        return [items[slot] for slot in sorted(items, key=ranks.__getitem__)], help_item

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._width = self.size.width or self.app.size.width
        items, help_item = self.items()
        room = self._width - (help_item.cells if help_item else 0)
        for item in items:
            if item.cells <= room:  # else a shorter item further on may still fit
                room -= item.cells
                yield self._key(item)
        if help_item:
            yield self._key(help_item)

    def _key(self, item: FooterItem) -> FooterKey:
        return FooterKey(item.key, " ".join(item.keys), item.description, "", disabled=not item.enabled).data_bind(
            compact=Footer.compact
        )

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self.refresh(recompose=True)


def _types_text(key: str) -> bool:
    """True for a key that types a character (`j`, `slash`, `space`), not Esc, Enter or Tab."""
    character = key_to_character(REPLACED_KEYS.get(key, key))
    return character is not None and character.isprintable()
