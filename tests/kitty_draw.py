"""Run by kitty's own Python (`kitty +runpy`): which cells kitty draws differently from what it is meant to show.

Reads JSON from standard input: {"font": family, "lines": [[display_line, sent_line], ...]}. For each
pair, kitty's renderer (`render_line`, the code a kitty window draws with, fonts and HarfBuzz included)
draws `display_line` with `force_ltr` on, which is every run shaped left to right as sent, as xterm
shows a display line, and `sent_line` with kitty's defaults. Prints JSON: for each pair, the indices of
the cells whose pixels differ.

Not imported by the suite: tests/test_kitty.py runs it when kitty is installed (Debian's `kitty`).
"""

import json
import sys

from kitty.fast_data_types import Screen, set_options, test_render_line
from kitty.fonts.render import setup_for_testing
from kitty.options.types import defaults


def draw(text: str, columns: int, sprites: dict, font: str, force_ltr: bool) -> list:
    set_options(defaults._replace(font_family=font, font_size=16.0, force_ltr=force_ltr))
    screen = Screen(None, 1, columns)
    screen.draw(text)
    line = screen.line(0)
    test_render_line(line)
    cells = []
    for column in range(columns):
        x, y, z = line.sprite_at(column)
        cells.append(bytes(sprites.get((x, y, z & 0xFFF), b"")))
    return cells


def main() -> None:
    request = json.load(sys.stdin)
    font = request["font"]
    answer = []
    with setup_for_testing(font, 16.0, 96.0) as (sprites, _width, _height):
        for display, sent in request["lines"]:
            columns = len(display) + 2
            meant = draw(display, columns, sprites, font, True)
            shown = draw(sent, columns, sprites, font, False)
            answer.append([column for column in range(columns) if meant[column] != shown[column]])
    json.dump(answer, sys.stdout)


main()
