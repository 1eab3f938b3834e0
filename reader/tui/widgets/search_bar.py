"""A one-line text entry whose text is shown through the display engine.

Textual's Input draws text in logical order, unshaped; Arabic typed into it would be unreadable in
a terminal that does no bidi. This bar keeps the text and shows it laid out like the article.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from reader.tui.shaped import Shaping, shaped_line


class SearchBar(Widget, can_focus=True):
    """Typing edits the text; Enter submits it; Esc cancels (handled by the screen's bindings).

    Keys come fast when pasted or sent by a script: the bar takes text from the moment it is
    opened, even before focus reaches it, and stops taking it the moment Enter is pressed, so the
    keys after Enter act on the screen. Its bindings are priority bindings for that reason.
    """

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        background: $boost;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Go", id="search.submit", priority=True),
        Binding("backspace", "delete", "Delete", show=False, id="search.delete", priority=True),
    ]

    class Changed(Message):
        def __init__(self, bar: SearchBar, value: str) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

    class Submitted(Message):
        def __init__(self, bar: SearchBar, value: str) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

    def __init__(self, prompt: str, shaping: Shaping, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompt = prompt
        self.shaping = shaping
        self.value = ""
        self.accepting = False

    def open(self) -> None:
        """Show the bar and take typed text, starting now."""
        self.accepting = True
        self.display = True
        self.focus()

    def close(self) -> None:
        self.accepting = False
        self.display = False

    def set_value(self, value: str) -> None:
        self.value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        width = self.size.width
        prompt = Text(self.prompt, style="bold")
        room = max(0, width - len(self.prompt) - 1)
        query = shaped_line(self.value, room, self.shaping, align=False) if self.value else Text("")
        cursor = Text("▏" if self.has_focus else "")
        return prompt + query + cursor

    def on_key(self, event: events.Key) -> None:
        if self.accepting:
            self.take_key(event)

    def take_key(self, event: events.Key) -> bool:
        """Add a typed character; True when the key was one."""
        if event.is_printable and event.character and event.key not in ("enter", "tab"):
            event.stop()
            event.prevent_default()
            self.set_value(self.value + event.character)
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.accepting

    def action_delete(self) -> None:
        self.set_value(self.value[:-1])

    def action_submit(self) -> None:
        self.accepting = False
        self.post_message(self.Submitted(self, self.value))
