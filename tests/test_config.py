"""The config file: good settings are read, and a bad one is one clear error naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import DEFAULT_COLORS, Config, config_path, load_config
from reader.errors import ConfigError
from reader.tui.app import settings_for
from reader.tui.options import AppOptions


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_config_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")
    assert (config.theme, config.sidebar, config.max_width, config.bidi) == ("dark", "auto", 100, None)
    assert config.colors == DEFAULT_COLORS


def test_config_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    assert config_path() == tmp_path / "config.toml"


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
theme = "light"
bidi = "terminal"
sidebar = "left"
max_width = 72
harakat = "strip"

[keys]
"scroll.down" = "j,down,ctrl+n"

[colors]
PER = "#112233"
""",
    )
    config = load_config(path)
    assert (config.theme, config.bidi, config.sidebar, config.max_width, config.harakat) == (
        "light",
        "terminal",
        "left",
        72,
        "strip",
    )
    assert config.keys == {"scroll.down": "j,down,ctrl+n"}
    assert config.colors["PER"] == "#112233" and config.colors["LOC"] == DEFAULT_COLORS["LOC"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('theme = "dark"\nmax_width = = 3\n', 2, "bad TOML"),
        ('theme = "dark"\n\nsidebar = "middle"\n', 3, "sidebar: must be one of auto, left, right"),
        ('max_width = "wide"\n', 1, "max_width: must be a whole number"),
        ("max_width = 5\n", 1, "from 20 to 1000"),
        ('theme = "dark"\n[colors]\nPER = "red"\n', 3, "colors.PER: must be a colour"),
        ('[colors]\nPERSON = "#000000"\n', 2, "unknown entity type"),
        ('theme = "dark"\nfont = "big"\n', 2, "font: unknown setting"),
        ('[keys]\n"scroll.down" = 3\n', 2, "keys.scroll.down: must be a string"),
    ],
)
def test_a_bad_config_names_the_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert words in message
    assert "\n" not in message


def test_a_key_remap_for_an_unknown_binding_id_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "dark"\n[keys]\n"scroll.down" = "x"\n"scroll.sideways" = "y"\n')
    with pytest.raises(ConfigError, match=rf"^{path}:4: keys: no binding has the id 'scroll.sideways'$"):
        settings_for(AppOptions(), load_config(path))


def test_command_line_options_win_over_the_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'theme = "light"\nsidebar = "left"\nmax_width = 60\n'))
    settings = settings_for(AppOptions(sidebar="right", max_width=None), config)
    assert (settings.theme, settings.sidebar, settings.max_width) == ("light", "right", 60)
    assert isinstance(settings, Config)
