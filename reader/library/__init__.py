"""The library: every article the reader has indexed, in one SQLite store that opens at once.

The interface, all on `Library` (reader.library.store), the same whatever engine is behind it:

- `add(prepared)` / `add_article(article, source=..., kind=..., origin=..., published=...)`:
  write articles (a file's or a page's), replacing an earlier version of the same source;
- `remove(sources)`: take articles out (their read state and position stay, keyed by source);
- `get(source)` / `get_by_id(id)`: an article with its entities, as they were tagged when it
  was indexed (`Stored`); `rows(...)` / `count(...)`: pages of the list, sorted and filtered;
- `search(library, query)` (reader.library.search): ranked hits with snippets;
- `entities()` / `entity_keys(name)`: entities across the library, and the articles naming one;
- `position`, `set_position`, `is_read`, `set_read`: reading state by source.

A source is an absolute path (`kind` "file", `origin` the folder it was indexed from) or a URL
(`kind` "url", `origin` the feed it came from). `index_paths` (reader.library.indexer) brings the
store up to date with files and folders. The database lives in platformdirs' `user_data_dir`
(`READER_DATA_DIR` overrides it); its schema is in reader.library.schema.
"""

from __future__ import annotations

from reader.library.records import ArticleRow, EntityRow, Fingerprint, Hit, IndexSummary, Prepared, Stored
from reader.library.store import Library, StoreError, data_dir

__all__ = [
    "ArticleRow",
    "EntityRow",
    "Fingerprint",
    "Hit",
    "IndexSummary",
    "Library",
    "Prepared",
    "StoreError",
    "Stored",
    "data_dir",
]
