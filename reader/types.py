"""Every choice a user or a stage can name, declared once.

Each is a `Literal` for the type checker and the tuple of its values, in the order help texts list
them, for argparse's `choices` and the config file's checks (posting's `types.py` is the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeGuard, get_args

Harakat = Literal["keep", "strip"]
"""Keep the short-vowel marks on screen, or drop them (`--harakat`)."""
HARAKAT: tuple[Harakat, ...] = get_args(Harakat)

BidiChoice = Literal["auto", "app", "terminal", "kitty", "konsole"]
"""Who reorders right-to-left text (`--bidi`): reader, the terminal, reader for kitty's shaping (which
reverses right-to-left runs), reader for Konsole's and qterminal's own bidi (which reorders each row
or run as left to right), or a guess from the terminal."""
BIDI_CHOICES: tuple[BidiChoice, ...] = get_args(BidiChoice)

Sidebar = Literal["auto", "left", "right"]
"""Side of the section and entity panes; auto puts them after the article's reading direction."""
SIDEBARS: tuple[Sidebar, ...] = get_args(Sidebar)

ThemeName = Literal["dark", "light"]
"""The colour themes a user can choose (`--theme`, `t`)."""
THEME_NAMES: tuple[ThemeName, ...] = get_args(ThemeName)

EntityType = Literal["PER", "LOC", "ORG", "MISC"]
"""Named-entity types: people, places, organisations, and the rest (ANERcorp's tag set)."""
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)


@dataclass(frozen=True, slots=True)
class EntityKind:
    """How one entity type is named and drawn."""

    name: str  # the entity pane's heading for the type
    # A Rich style that is not colour, for readers who cannot tell the colours apart; the legend
    # names it. Not italic: terminal fonts rarely have an italic Arabic face (DejaVu Sans Mono
    # Oblique has none: boxes in mlterm and urxvt); faint is drawn by every terminal measured.
    cue: str
    color: str  # default "#rrggbb"; the config file's [colors] table overrides it


ENTITY_KINDS: dict[EntityType, EntityKind] = {
    "PER": EntityKind("People", "bold", "#d7005f"),
    "LOC": EntityKind("Places", "underline", "#00875f"),
    "ORG": EntityKind("Organisations", "bold underline", "#875fd7"),
    "MISC": EntityKind("Other", "dim", "#0087af"),
}
assert tuple(ENTITY_KINDS) == ENTITY_TYPES


def is_entity_type(value: str) -> TypeGuard[EntityType]:
    """Whether `value` names an entity type (a binding's argument or a config key, say)."""
    return value in ENTITY_TYPES


OutputFormat = Literal["plain", "markdown", "json"]
"""What `reader cat` prints."""
OUTPUT_FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
