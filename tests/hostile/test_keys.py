"""Key remaps that clash or name no key are errors naming the config line (issue 15, item 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import load_config
from reader.errors import ConfigError
from reader.tui.app import settings_for
from reader.tui.options import AppOptions


def _settings(tmp_path: Path, keys: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "config.toml"
    path.write_text(f'theme = "dark"\n\n[keys]\n{keys}\n', encoding="utf-8")
    return settings_for(AppOptions(), load_config(path)), path


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ('"app.help" = "q"', "4: keys.app.help: 'q' is already reader.back (Article)"),
        ('"scroll.down" = "j"\n"scroll.up" = "n"', "5: keys.scroll.up: 'n' is already search.next (Article)"),
        ('"sections.next" = "ctlr+n"', "4: keys.sections.next: 'ctlr+n' is not a key"),
        ('"sections.next" = "n,,"', "4: keys.sections.next: '' is not a key"),
        ('"app.theme" = "ctrl+"', "4: keys.app.theme: 'ctrl+' is not a key"),
        ('"app.theme" = "fn+t"', "4: keys.app.theme: 'fn+t' is not a key"),
    ],
)
def test_a_clash_or_a_key_that_does_not_exist_names_the_line(tmp_path: Path, keys: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _settings(tmp_path, keys)
    assert str(raised.value) == f"{tmp_path / 'config.toml'}:{message}" + str(raised.value).split(message, 1)[1]
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "keys",
    [
        '"app.help" = "h"',
        '"app.help" = "?"',  # its own default, as a character
        '"sections.next" = "n,]"',  # n is shared with search.next by design
        '"reader.back" = "ctrl+w"\n"library.quit" = "ctrl+w"\n"help.close" = "escape"\n"app.help" = "q"',  # q freed
        '"scroll.down" = "ctrl+n,down"',
        '"search.start" = "ctrl+f,slash"',
    ],
)
def test_remaps_that_clash_with_nothing_are_taken(tmp_path: Path, keys: str) -> None:
    settings, _ = _settings(tmp_path, keys)
    assert settings.keys
