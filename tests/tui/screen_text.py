"""What a person would see: the app's screen as plain text lines, for assertions.

Read from the screenshot Textual exports (`App.export_screenshot`, the SVG the snapshot tests
compare), which is the whole screen as composed for the terminal: the screens below a modal, the
notifications, every layer. Each run of text is a `<text>` element on its row (its `…-line-N`
clip path) at `x` = column × cell width, the cell width being `textLength / len(text)`. Runs of
spaces are not drawn, so the gaps between runs are filled with spaces again, and each row is as
wide as the screen.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from rich.cells import cell_len
from textual.app import App

_TEXT = "{http://www.w3.org/2000/svg}text"
_ROW = re.compile(r"-line-(\d+)\)$")


def screen_lines(app: App) -> list[str]:
    width, height = app.size
    runs: dict[int, list[tuple[int, str]]] = {}
    for element in ET.fromstring(app.export_screenshot()).iter(_TEXT):
        row = _ROW.search(element.get("clip-path", ""))
        text = (element.text or "").replace("\n", "")  # each row's end is drawn as a newline
        if row is None or not text:  # no row: the window title of the screenshot's frame
            continue
        column = round(float(element.get("x", "0")) * len(text) / float(element.get("textLength", "1")))
        runs.setdefault(int(row.group(1)), []).append((column, text.replace("\xa0", " ")))
    lines = []
    for y in range(height):
        line, cells = "", 0
        for column, text in sorted(runs.get(y, [])):
            line += " " * (column - cells) + text
            cells = column + cell_len(text)
        lines.append(line + " " * (width - cells))
    return lines


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))
