"""The command as a user runs it: output for pipes, and one-line errors for bad input."""

import os
import re

import pytest

from .conftest import SEED, run_reader

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def test_cat_prints_title_blank_line_then_sections_without_noise() -> None:
    result = run_reader("cat", str(SEED))
    text = result.stdout.decode()
    lines = text.split("\n")
    assert lines[0] == "تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي" and lines[1] == ""
    assert text.count("تعزيز العلاقات الروسية البيلاروسية للأمن الأوراسي") == 1
    assert "زهور الدم" not in text
    assert "\n\nلقاء وزيري الخارجية: تعزيز التعاون الثنائي\n\nهذا جاء خلال" in text


def test_cat_all_marks_noise_where_it_stood() -> None:
    text = run_reader("cat", "--all", str(SEED)).stdout.decode()
    assert "في المستقبل.\n\n[noise: link bait: TV episode link] زهور الدم الحلقة 510\n\nلقاء وزيري" in text


def test_plain_output_holds_no_presentation_forms(tmp_path) -> None:
    pdf_paste = tmp_path / "pdf.txt"
    pdf_paste.write_text("ﻋﻨﻮﺍﻥ\n\nﻓﻘﺮﺓ ﻣﻦ ﻣﻠﻒ PDF ﻣﻨﺴﻮﺥ.\n", encoding="utf-8")
    for path in (SEED, pdf_paste):
        result = run_reader("cat", "--all", str(path))
        assert result.returncode == 0
        assert not PRESENTATION_FORMS.search(result.stdout.decode())


def test_json_lines_one_object_per_article() -> None:
    import json

    result = run_reader("cat", "--format", "json", str(SEED), str(SEED))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 2
    record = records[0]
    assert record["source"] == str(SEED)
    assert record["sections"][0]["heading"] is None
    assert len(record["sections"]) == 6
    assert {"text": "زهور الدم الحلقة 510", "reason": "link bait: TV episode link"}.items() <= record["noise"][
        1
    ].items()
    assert isinstance(record["entities"], list)


def test_markdown_output() -> None:
    text = run_reader("cat", "--format", "markdown", str(SEED)).stdout.decode()
    assert text.startswith("# تعزيز العلاقات")
    assert "\n## مباحثات شاملة حول القضايا الدولية\n" in text


def test_reader_with_stdout_not_a_terminal_prints_like_cat() -> None:
    assert run_reader(str(SEED)).stdout == run_reader("cat", str(SEED)).stdout


def test_standard_input_as_dash(seed_text) -> None:
    result = run_reader("cat", "-", input=seed_text.encode())
    assert result.stdout == run_reader("cat", str(SEED)).stdout


HOSTILE = (
    "عنوان \x1b[2J\x1b]52;c;cHduZWQ=\x07خبيث\n\n"
    "فقرة\x00 فيها \x9b31m تحكم \x1b]8;;http://evil\x1b\\رابط\x1b]8;;\x1b\\ و[bold red]x[/] [link=file:///etc/passwd]y[/link].\n"
)


@pytest.mark.parametrize("form", ["plain", "markdown", "json"])
def test_control_sequences_never_reach_output_and_markup_prints_literally(tmp_path, form) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = run_reader("cat", "--all", "--format", form, str(path))
    assert result.returncode == 0
    out = result.stdout.decode()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "cHduZWQ" not in out
    literal = "[bold red]x[/] [link=file:///etc/passwd]y[/link]"
    if form == "markdown":
        literal = re.sub(r"([\[\]])", r"\\\1", literal)
    assert literal in out.replace("\\\\", "\\") if form == "json" else literal in out


def test_show_controls_makes_them_visible(tmp_path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    out = run_reader("cat", "--show-controls", str(path)).stdout.decode()
    assert "␛[2J" in out and "␀" in out and "\x1b" not in out


def _bad_inputs(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("café résumé naïve".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes("كلمة ".encode() * 300)
    (tmp_path / "no-articles").mkdir()
    (tmp_path / "no-articles" / "image.png").write_bytes(b"\x89PNG")
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text("سر")
    unreadable.chmod(0)
    os.mkfifo(tmp_path / "fifo.txt")
    return {
        "missing": ["cat", str(tmp_path / "missing.txt")],
        "empty": ["cat", str(tmp_path / "empty.txt")],
        "blank": ["cat", str(tmp_path / "blank.txt")],
        "binary": ["cat", str(tmp_path / "binary.txt")],
        "undecodable": ["cat", str(tmp_path / "latin1.txt")],
        "too big": ["cat", "--max-size", "1000", str(tmp_path / "big.txt")],
        "folder without articles": ["cat", str(tmp_path / "no-articles")],
        "device": ["cat", "/dev/zero"],
        "fifo": ["cat", str(tmp_path / "fifo.txt")],
        "unreadable": ["cat", str(unreadable)],
        "bad option": ["cat", "--format", "xml", str(tmp_path / "empty.txt")],
        "bad size": ["cat", "--max-size", "lots", str(tmp_path / "empty.txt")],
        "bad encoding name": ["cat", "--encoding", "klingon", str(tmp_path / "big.txt")],
        "empty stdin": ["cat", "-"],
    }


def test_each_bad_input_is_one_line_and_exit_2(tmp_path) -> None:
    for name, args in _bad_inputs(tmp_path).items():
        if name == "unreadable" and os.geteuid() == 0:
            continue  # root reads everything
        result = run_reader(*args, timeout=20)
        err = result.stderr.decode()
        assert result.returncode == 2, (name, err)
        assert err.startswith("reader: error: ") and err.count("\n") == 1, (name, err)
        assert "Traceback" not in err and result.stdout == b"", name


def test_path_with_newline_stays_one_line(tmp_path) -> None:
    result = run_reader("cat", str(tmp_path / "bad\nname.txt"))
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1


def test_broken_pipe_is_quiet() -> None:
    import subprocess
    import sys

    process = subprocess.run(
        f"{sys.executable} -m reader cat {SEED} {SEED} {SEED} | head -c 10",
        shell=True,
        check=False,
        capture_output=True,
        timeout=30,
    )
    assert b"Traceback" not in process.stderr


def test_help_lists_the_apps_options_and_points_to_the_keys() -> None:
    result = run_reader("--help")
    out = result.stdout.decode()
    assert result.returncode == 0
    for option in ("--theme", "--sidebar", "--bidi", "--harakat", "--max-width"):
        assert option in out, option
    assert "press ? for every key" in out and "q quits" in out


def test_every_option_of_every_command_has_help() -> None:
    import argparse

    from reader.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in {"reader": parser, **subparsers.choices}.items():
        for action in command._actions:
            assert action.help, (name, action.dest)


def test_version_says_where_settings_state_and_the_library_live(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "READER_CONFIG_DIR": str(tmp_path / "c"),
        "READER_STATE_DIR": str(tmp_path / "s"),
        "READER_DATA_DIR": str(tmp_path / "d"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, env=env, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("reader ")
    assert f"config: {tmp_path / 'c' / 'config.toml'}" in lines
    assert f"state: {tmp_path / 's'}" in lines
    assert f"library: {tmp_path / 'd' / 'library.sqlite3'}" in lines
    assert not (tmp_path / "d").exists()  # saying where it lives creates nothing


CONLL = "قال\tO\nسيرجي\tB-PERS\nلافروف\tI-PERS\nفي\tO\nموسكو\tB-LOC\n.\tO\n\n"


def test_eval_ner_reads_standard_input_and_pipes() -> None:
    import subprocess
    import sys

    from_stdin = run_reader("eval-ner", "-", input=CONLL.encode())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout.decode().startswith("type\tprecision")
    script = f"{sys.executable} -m reader eval-ner <(printf '%s' \"$CONLL\")"
    piped = subprocess.run(
        ["bash", "-c", script], check=False, capture_output=True, env={**os.environ, "CONLL": CONLL}, timeout=60
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == from_stdin.stdout
