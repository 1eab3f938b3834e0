"""The style each entity type is drawn in: the user's colour and the type's cue that is not colour."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style

from reader.types import ENTITY_KINDS, EntityType


def entity_styles(colors: Mapping[str, str]) -> dict[EntityType, Style]:
    """Each type's style, from `colors` (type -> "#rrggbb"; a type left out is drawn uncoloured)
    and `reader.types.ENTITY_KINDS`'s cues."""
    out: dict[EntityType, Style] = {}
    for kind, info in ENTITY_KINDS.items():
        color = colors.get(kind)
        out[kind] = (Style(color=color) if color else Style()) + Style.parse(info.cue)
    return out
