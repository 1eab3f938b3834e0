"""Search hits for pipes: tab-separated lines or JSON Lines; and entity rows across the library.

In the tab-separated form each field is escaped as `\\\\`, `\\t`, `\\n`, and a matched word in
the snippet is wrapped in ⟦ and ⟧ (U+27E6, U+27E7); the same brackets in the article's own
text are written `\\⟦` and `\\⟧`, so a mark can never be mistaken for text. JSON gives the marks
as offsets instead, and on a terminal they are shown in reverse video.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from reader.library.records import EntityRow, Hit
from reader.sanitize import neutralise
from reader.sources.files import display_name, exact_name
from reader.writers.json import json_line

OPEN, CLOSE = "⟦", "⟧"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", OPEN: "\\" + OPEN, CLOSE: "\\" + CLOSE})
_REVERSE, _PLAIN = "\x1b[7m", "\x1b[27m"


def field(text: str) -> str:
    """One tab-separated field: nothing in it can end the field, the line or look like a mark."""
    return text.translate(_ESCAPES)


def marked(snippet: str, marks: Sequence[tuple[int, int]], *, terminal: bool = False) -> str:
    """The snippet escaped as a field, each mark wrapped in ⟦ ⟧ (or reverse video on a terminal)."""
    opening, closing = (_REVERSE, _PLAIN) if terminal else (OPEN, CLOSE)
    clean = neutralise if terminal else (lambda text: text)
    parts: list[str] = []
    at = 0
    for start, end in marks:
        if start < at:
            continue
        parts += [field(clean(snippet[at:start])), opening, field(clean(snippet[start:end])), closing]
        at = end
    parts.append(field(clean(snippet[at:])))
    return "".join(parts)


def hit_line(hit: Hit, *, terminal: bool = False) -> str:
    """`source<TAB>title<TAB>section<TAB>snippet`, one line. The source is shown as a list shows a
    file name (`rtl<U+202E>evil.txt`, `d\\x9b31m.txt`): a bidi control in a name would reorder the
    line it is printed on; JSON keeps the exact string instead."""
    clean = neutralise if terminal else (lambda text: text)
    cells = [field(display_name(hit.row.source)), field(clean(hit.row.title)), field(clean(hit.heading))]
    return "\t".join([*cells, marked(hit.snippet, hit.marks, terminal=terminal)]) + "\n"


def hit_record(hit: Hit) -> dict[str, Any]:
    """A hit as JSON; a file name that is not UTF-8 also as its exact bytes, as `reader cat` gives it."""
    source, source_bytes = exact_name(hit.row.source)
    record = {
        "source": source,
        "title": hit.row.title,
        "section": hit.heading,
        "snippet": hit.snippet,
        "marks": [list(mark) for mark in hit.marks],
        "score": round(hit.score, 6),
        "section_index": hit.section,
        "paragraph": hit.paragraph,
        "at": list(hit.at) if hit.at else None,
    }
    if source_bytes is not None:
        record["source_bytes"] = base64.b64encode(source_bytes).decode("ascii")
    return record


def hit_json(hit: Hit) -> str:
    return json_line(hit_record(hit))


def entity_table(rows: Sequence[EntityRow], *, aligned: bool) -> str:
    """key, type, name, mentions, articles: tab-separated with a header, or padded for a terminal."""
    from rich.cells import cell_len

    lines = [("key", "type", "name", "mentions", "articles")]
    lines += [(field(r.key), r.type, field(r.name), str(r.mentions), str(r.articles)) for r in rows]
    if not aligned:
        return "".join("\t".join(line) + "\n" for line in lines)
    widths = [max(cell_len(line[i]) for line in lines) for i in range(3)]
    out = []
    for key, kind, name, mentions, articles in lines:
        out.append(
            f"{key}{' ' * (widths[0] - cell_len(key))}  {kind:<5} {name}{' ' * (widths[2] - cell_len(name))}"
            f"  {mentions:>8} {articles:>8}\n"
        )
    return "".join(out)
