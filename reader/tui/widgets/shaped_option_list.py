"""Option lists of article text, shaped by the display engine to the width they have."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.tui.shaped import Shaping


class ShapedOptionList(OptionList):
    """Textual would wrap option text itself; these lists lay each entry out to their width instead,
    and again whenever the width or the entries change. They are panes beside the article: no
    border, a tint when focused."""

    # Not scoped: the NO_COLOR rule starts at the app (`App:nocolor`), above the widget.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ShapedOptionList {
        border: none;
        padding: 0;
    }
    ShapedOptionList:focus {
        border: none;
        background-tint: $foreground 5%;
    }
    /* NO_COLOR: the highlighted entry is told apart by attributes, not colour. */
    App:nocolor ShapedOptionList > .option-list--option-highlighted {
        text-style: reverse bold;
    }
    """

    def __init__(self, shaping: Shaping, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shaping = shaping
        self._built_width = -1

    def entries_changed(self) -> None:
        """Lay the options out again, even at the same width."""
        self._built_width = -1
        self._rebuild()

    def build_options(self, width: int) -> None:
        """Replace the options with the entries laid out to `width` cells."""
        raise NotImplementedError

    @property
    def option_width(self) -> int:
        """The cells an entry is laid out to."""
        return max(1, self.scrollable_content_region.width - 2)

    def _rebuild(self) -> None:
        width = self.option_width
        if width != self._built_width:
            self._built_width = width
            self.build_options(width)

    def on_resize(self) -> None:
        self._rebuild()
