"""Tagged once: `reader cat --format json` and `reader entities` take the library's mentions for a
file it holds unchanged, instead of tagging it again; a changed file is tagged as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader import entities as entities_module
from reader.cli import main
from reader.entities import report
from reader.library import Library
from reader.library.indexer import index_paths
from tests.conftest import SEED


@pytest.fixture
def tagging(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every whole-article tagging the commands do, by source."""
    calls: list[str] = []
    real = entities_module.article_entities

    def counted(article, recognizer=None):  # type: ignore[no-untyped-def]
        calls.append(article.source)
        return real(article, recognizer)

    monkeypatch.setattr(entities_module, "article_entities", counted)
    monkeypatch.setattr(report, "article_entities", counted)
    return calls


def test_cat_json_and_entities_read_the_stored_mentions_of_an_unchanged_file(
    tmp_path: Path, tagging: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    assert main(["cat", "--format", "json", str(path)]) == 0  # no library yet: tagged here
    tagged_here = capsys.readouterr().out
    assert tagging == [str(path)]
    with Library() as library:
        index_paths(library, [str(path)], workers=1)
    tagging.clear()

    assert main(["cat", "--format", "json", str(path)]) == 0
    assert capsys.readouterr().out == tagged_here, "the same entities, from the store"
    assert main(["entities", str(path)]) == 0
    listed = capsys.readouterr().out
    assert "لافروف" in listed
    assert tagging == [], "nothing was tagged again"

    path.write_text(SEED.read_text(encoding="utf-8") + "\nسطر جديد.\n", encoding="utf-8")  # changed since
    assert main(["cat", "--format", "json", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert tagging == [str(path)] and record["entities"]


def test_reading_files_never_creates_a_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.library.store import DATABASE_NAME, data_dir

    assert main(["cat", "--format", "json", str(SEED)]) == 0
    capsys.readouterr()
    assert not (data_dir() / DATABASE_NAME).exists()
