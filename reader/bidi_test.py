"""`reader --bidi-test`: show one Arabic sample line per output, ask which reads right, save the answer.

Each sample is the same sentence laid out as one output would send it (display order, logical
order, display order turned for kitty, display order turned for Konsole and qterminal), so one reads
right in any terminal: letters joined, words right to left, flush right, no gap in `لا`. The
sentence names its own number, so the line that reads right also says what to type. A second line
with harakat asks whether the terminal draws them on their letters (`--harakat strip` where it does
not). The answer is saved per terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from reader.arabic.shaping import shape_word
from reader.bidi_mode import Output, guess_output
from reader.kitty import cells_of, kitty_cells
from reader.konsole import konsole_cells
from reader.terminal_probe import ModeReport
from reader.terminals import TerminalAnswer, save_answer, terminal_key
from reader.writers.visual import VisualOptions, visual_blocks

SAMPLE = "السطر {n} يُقرأ صحيحًا: حروف موصولة من اليمين، لا فجوة فيها"
HARAKAT_SAMPLE = "مُحَمَّدٌ يَكْتُبُ الدَّرْسَ"
ORDER = (Output.APP, Output.TERMINAL, Output.KITTY, Output.KONSOLE)
# Konsole and qterminal reorder by default, each row (or run of one colour) as left to right, with a
# gap at each logical lam-alef: line 4 is theirs then; with their own bidi off, line 1 is.
BIDI_ON_HINT = (
    "Konsole and qterminal with their own bidi on (the default) read line 4; with it off\n"
    "(Konsole: Settings > Edit Current Profile > Advanced > Bi-Directional text rendering;\n"
    "qterminal: Preferences, enabledBidiSupport), line 1.\n"
)
# qterminal names itself in no variable, but answers DA2 as no other terminal measured does.
QTERMINAL_HINT = (
    "This terminal answers as qterminal does: with its bidi on (the default), line 4 reads right;\n"
    "with no answer, this run shows line 4's way (--bidi konsole).\n"
)


def sample_line(text: str, output: Output, width: int) -> str:
    """`text` as `output` sends it: one line of `width` cells (the caller keeps it short enough)."""
    [line] = visual_blocks([text], VisualOptions(width, output.layout, send=output.send_line))
    return line


COLOURED = "موصولة"  # one word of SAMPLE in its own colour, as an entity is in the app
COLOUR_ON, COLOUR_OFF = "\x1b[36m", "\x1b[39m"


def coloured_sample_line(text: str, output: Output, width: int) -> str:
    """`sample_line` with the word COLOURED in a colour of its own.

    A terminal that reorders each run of one colour on its own (qterminal) scrambles the logical
    line (2) around the coloured word, while the Konsole line (4) reads right there: without the
    colour, both would read right in a terminal as narrow as the sample.
    """
    if output is Output.TERMINAL:
        line = sample_line(text, output, width)
        start = line.index(COLOURED)
        return line[:start] + COLOUR_ON + COLOURED + COLOUR_OFF + line[start + len(COLOURED) :]
    cells = cells_of(sample_line(text, Output.APP, width))
    word = cells_of(shape_word(COLOURED))[::-1]  # as drawn: a word of letters reverses whole
    start = next(i for i in range(len(cells)) if cells[i : i + len(word)] == word)
    inside = [start <= index < start + len(word) for index in range(len(cells))]
    if output is Output.KITTY:  # a colour is no change of face: kitty's runs go on through it
        sent = [piece.text for piece in kitty_cells(cells, [0] * len(cells))]
    elif output is Output.KONSOLE:
        sent = konsole_cells(cells, inside)
    else:
        sent = cells
    sent[start] = COLOUR_ON + sent[start]
    sent[start + len(word) - 1] += COLOUR_OFF
    return "".join(sent)


def run_bidi_test(
    answers: TextIO, screen: TextIO, environ: Mapping[str, str], width: int, report: ModeReport | None = None
) -> TerminalAnswer | None:
    """Ask on `screen`, read from `answers`; the saved answer, or None when the person gave none."""
    width = max(20, min(width, 64))
    key = terminal_key(environ)
    screen.write(f"reader: which line reads right in this terminal ({key})?\n")
    for number, output in enumerate(ORDER, start=1):
        screen.write(f"{number} {coloured_sample_line(SAMPLE.format(n=number), output, width - 2)}\n")
    screen.write("The right one reads from the right, letters joined, at the right edge; it says its number.\n")
    if not guess_output(environ).known:
        screen.write(BIDI_ON_HINT)
    if report is not None:
        screen.write(f"({report.describe()})\n")
        if report.qtermwidget:
            screen.write(QTERMINAL_HINT)
    chosen = _ask(answers, screen, "Line that reads right (1-4, Enter for none): ", {"1", "2", "3", "4"})
    if chosen is None:
        screen.write("Nothing saved; --bidi app|terminal|kitty|konsole chooses for one run.\n")
        return None
    output = ORDER[int(chosen) - 1]
    screen.write(f"\n  {sample_line(HARAKAT_SAMPLE, output, width - 2)}\n\n")
    marks = _ask(
        answers, screen, "Does this line read right, each short-vowel mark on its own letter? (y/n): ", {"y", "n"}
    )
    answer = TerminalAnswer(output, "strip" if marks == "n" else "keep")
    path = save_answer(key, answer)
    screen.write(f"Saved for {key} in {path}: bidi = {output.value}, harakat = {answer.harakat}\n")
    return answer


def _ask(answers: TextIO, screen: TextIO, prompt: str, allowed: set[str]) -> str | None:
    """The first allowed reply; None at an empty reply or the end of input."""
    while True:
        screen.write(prompt)
        screen.flush()
        reply = answers.readline()
        choice = reply.strip().lower()[:1]
        if not reply or not choice:
            return None
        if choice in allowed:
            return choice
        screen.write(f"Please type one of {', '.join(sorted(allowed))}.\n")
