"""The command line and the stages load no Textual: `reader cat` in a pipe starts without it.

Every module outside reader.tui is imported on its own; a new module is checked without being listed.

The imports run in a fresh interpreter, since this test process has loaded Textual already.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader


def _modules_outside_the_tui() -> list[str]:
    """Every module of the package but reader.tui's (and __main__, which runs the program)."""
    names = [info.name for info in pkgutil.walk_packages(reader.__path__, "reader.")]
    return sorted(name for name in names if not name.startswith("reader.tui") and name != "reader.__main__")


MODULES = _modules_outside_the_tui()

# Imported one after another in one fresh interpreter: the first module whose import brings in
# Textual is named. (A module that would load Textual alone loads it here too, when it or the
# earlier module that imported it comes up.)
_PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "textual" in sys.modules:
        print(name)
        break
"""


def test_no_module_outside_the_tui_loads_textual() -> None:
    assert "reader.cli" in MODULES and "reader.layout" in MODULES
    result = subprocess.run([sys.executable, "-c", _PROBE, *MODULES], check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "", f"importing {result.stdout.strip()} loads Textual"


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
