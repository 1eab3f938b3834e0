"""Option lists of article text, shaped by the display engine to the width they have."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.shaped import Shaping

_SLICE = 50  # options added at a time by `add_in_slices`


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
        self._generation = 0  # one more at each rebuild: slices of an older one are not added

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

    def add_in_slices(self, options: Iterable[Option], then: Callable[[], None] | None = None) -> None:
        """Add `options` a slice at a time, each in a callback of its own, so that keys are
        answered between them; then call `then`. OptionList measures each option it adds, and
        an option given lazily is made (shaped) in its slice: a 10 MB article's 3,600 entities,
        shaped and added at once, held the UI thread for a second."""
        generation = self._generation
        pending = iter(options)

        def add() -> None:
            if generation != self._generation:  # built again since
                return
            chunk = list(itertools.islice(pending, _SLICE))
            self.add_options(chunk)
            if len(chunk) == _SLICE:
                # A timer, not a message: a widget's messages waiting are handled in one go,
                # without the event loop running the keys' in between.
                self.set_timer(0.001, add)
            elif then is not None:
                then()

        add()

    def _rebuild(self) -> None:
        width = self.option_width
        if width != self._built_width:
            self._built_width = width
            self._generation += 1
            self.build_options(width)

    def on_resize(self) -> None:
        self._rebuild()
