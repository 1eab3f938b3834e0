"""A folder means the articles in it and in its subfolders (as glow reads them)."""

from __future__ import annotations

import os
from pathlib import Path

from reader.sources import expand_paths


def test_subfolders_are_read_in_order_and_hidden_ones_and_links_to_folders_are_not(tmp_path: Path) -> None:
    news = tmp_path / "news"
    for name in ("b.txt", "a.md", "nest/c.txt", "nest/deeper/d.html", ".hidden/e.txt", "nest/.f.txt", "g.pdf"):
        (news / name).parent.mkdir(parents=True, exist_ok=True)
        (news / name).write_text("عنوان\n\nنص\n", encoding="utf-8")
    os.symlink(news, news / "nest" / "loop")  # a link back up: no loop, no article twice
    found = [os.path.relpath(path, news) for path in expand_paths([str(news)])]
    assert found == ["a.md", "b.txt", "nest/c.txt", "nest/deeper/d.html"]


def test_a_folder_whose_articles_are_all_in_a_subfolder_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "nest").mkdir()
    (tmp_path / "nest" / "x.txt").write_text("عنوان\n\nنص\n", encoding="utf-8")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "nest" / "x.txt")]
