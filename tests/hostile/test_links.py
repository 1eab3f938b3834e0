"""Links out of an articles folder and system files (issue 15, item 12).

A folder someone else wrote can hold `env.txt -> /proc/self/environ` or `x.txt -> /etc/shadow`:
reading the folder must not print them as articles.
"""

from __future__ import annotations

from pathlib import Path

from reader.cli import main

from .cases import _article


def _folder_with_link(tmp_path: Path, target: Path | str) -> Path:
    folder = tmp_path / "art"
    folder.mkdir()
    (folder / "a.txt").write_text(_article("داخل"), encoding="utf-8")
    (folder / "z.txt").symlink_to(target)
    return folder


def test_a_link_out_of_the_folder_is_refused_with_one_line_naming_it(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("كلمة السر\n\nسرية جدا.\n", encoding="utf-8")
    folder = _folder_with_link(tmp_path, secret)
    assert main(["cat", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "سرية" not in captured.err
    assert captured.err == (
        f"reader: error: {str(folder / 'z.txt')!r}: a link to {str(secret)!r}, outside the folder; "
        "not read (see --follow-links)\n"
    )
    assert main(["cat", "--follow-links", str(folder)]) == 0
    assert "سرية جدا." in capsys.readouterr().out


def test_proc_and_device_files_are_never_read_even_when_following_links(tmp_path: Path, capsys) -> None:
    folder = _folder_with_link(tmp_path, "/proc/self/environ")
    # A bad file found in a folder is one error line and the rest goes on: exit 1 (issue 10's rule for cat DIR).
    assert main(["cat", "--follow-links", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "PATH=" not in captured.out + captured.err  # a.txt streamed out first; z.txt refused
    assert captured.err.startswith(f"reader: error: {str(folder / 'z.txt')!r}: a system file ")
    for path in ("/proc/self/environ", "/proc/self/cmdline", "/proc/self/status"):
        assert main(["cat", path]) == 2
        assert "not an article" in capsys.readouterr().err


def test_a_link_within_the_folder_is_read(tmp_path: Path, capsys) -> None:
    folder = _folder_with_link(tmp_path, "a.txt")
    assert main(["cat", str(folder)]) == 0
    assert capsys.readouterr().out.count("داخل") == 2
