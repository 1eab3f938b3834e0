"""The command line and the stages load no Textual: `reader cat` in a pipe starts without it.

Each import runs in a fresh interpreter, since this test process has loaded Textual already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Every stage module and the CLI; `reader.tui` is the one place allowed to import Textual.
MODULES = [
    "reader.cli",
    "reader.sources",
    "reader.sources.html",
    "reader.sources.markdown",
    "reader.structure",
    "reader.entities",
    "reader.entities.recognizer",
    "reader.arabic.bidi",
    "reader.arabic.shaping",
    "reader.layout",
    "reader.writers.plain",
    "reader.writers.markdown",
    "reader.writers.json",
    "reader.writers.visual",
    "reader.config",
    "reader.state",
    "reader.bidi_mode",
]

_PROBE = """
import sys
from pathlib import Path
import {module}
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print(" ".join(loaded))
"""


@pytest.mark.parametrize("module", MODULES)
def test_module_loads_no_textual(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "", f"{module} loads {result.stdout.strip()}"


def test_reader_cat_runs_without_textual(tmp_path: Path) -> None:
    """A whole `reader cat` run, entities included (`--format json`), never imports Textual."""
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nزار وزير الخارجية الروسي سيرغي لافروف مينسك.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from reader.cli import main\n"
        f"status = main(['cat', '--format', 'json', {str(article)!r}])\n"
        "assert not [n for n in sys.modules if n.split('.')[0] == 'textual'], 'textual loaded'\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '"entities"' in result.stdout
