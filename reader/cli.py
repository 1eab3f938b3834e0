"""Command line: parse arguments, pick the app or a writer, and turn user errors into one line.

reader [PATH...]             read in the app (prints like `reader cat` when stdout is not a terminal)
reader cat PATH...           print articles for pipes: plain text, Markdown or JSON Lines
reader entities PATH...      list the named entities of articles, most mentioned first (--library: all)
reader index PATH...         add files and folders to the library, or bring them up to date
reader search QUERY          search the library: words, "phrases", -word, prefix*
reader feed add|list|...     follow RSS and Atom feeds; reader update fetches them into the library
reader eval-ner FILE.conll   score the entity recogniser on CoNLL data (--dev, --cv K: train and hold out)
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import errno
import io
import itertools
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, NoReturn

from reader import __version__, feed_commands
from reader.collector import no_cycle_collection
from reader.errors import AppCrashed, ReaderError, UsageError
from reader.load import open_document
from reader.model import Article, Document, DocumentStream
from reader.sources import damage_warning, expand_paths
from reader.sources.files import shown
from reader.structure import ArticleStream, build_article, stream_article
from reader.types import BIDI_CHOICES, HARAKAT, OUTPUT_FORMATS, SIDEBARS, THEME_NAMES, Harakat
from reader.web.fetch import is_url

if TYPE_CHECKING:
    from reader.bidi_mode import Output
    from reader.library.tagged import StoredMentions
    from reader.writers.visual import VisualOptions

COMMANDS = ("cat", "entities", "eval-ner", "index", "search", "feed", "update")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
MAX_MAX_SIZE = 1024**3  # read whole into memory: a file over 1 GB is no news article


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def max_size(value: str) -> int:
    """`50MB`, `10M`, `1g`, `2048`: a size in bytes."""
    match = _SIZE.match(value)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (say 50MB, 10M or 2048)")
    number, unit = float(match.group(1)[:20]), match.group(2).lower()
    size = int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])
    if size > MAX_MAX_SIZE or len(match.group(1)) > 20:
        raise argparse.ArgumentTypeError(f"{value!r} is over the largest limit, 1GB")
    return size


def whole_number(low: int, high: int, unit: str) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else one line saying so."""

    def parse(value: str) -> int:
        try:
            number = int(value) if len(value) <= 20 else None
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number of {unit} from {low} to {high}, not {value!r}")
        return number

    parse.__name__ = unit  # argparse names the type in its own messages
    return parse


def _add_input_options(parser: argparse.ArgumentParser, none: str = "standard input") -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"article files or folders, web addresses (https://...); - for standard input; none: {none}",
    )
    parser.add_argument("--encoding", help="read files in this encoding instead of detecting it")
    parser.add_argument(
        "--max-size",
        type=max_size,
        metavar="SIZE",
        help="refuse files larger than this (default 50MB) and web pages larger than this once decompressed "
        "(default 20MB)",
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="read links in a folder that lead out of it (refused by default)",
    )
    parser.add_argument(
        "--show-controls",
        action="store_true",
        help="show control and bidi characters from the article as visible marks instead of removing them",
    )
    parser.add_argument(
        "--ner",
        metavar="NAME",
        help="entity recogniser: crf (built in), an installed plug-in's name, or module:Class",
    )


def _add_display_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bidi",
        choices=BIDI_CHOICES,
        help="who reorders right-to-left text: reader (app), the terminal (terminal), reader for kitty's "
        "shaping (kitty), reader for Konsole's and qterminal's own bidi (konsole), or guess (auto, the default; also READER_BIDI and reader --bidi-test's saved answer)",
    )
    parser.add_argument(
        "--harakat",
        choices=HARAKAT,
        help="keep the short-vowel marks or drop them from the display (default: what suits the terminal: "
        "the answer saved by reader --bidi-test, strip in kitty and Alacritty, else keep)",
    )


def _add_cat(commands: argparse._SubParsersAction[_Parser]) -> None:
    cat = commands.add_parser("cat", help="print articles as text for pipes")
    _add_input_options(cat)
    _add_display_options(cat)
    cat.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="plain",
        help="plain text (default), Markdown, or JSON Lines (one object per article)",
    )
    cat.add_argument("--all", action="store_true", help="keep noise lines, marked")
    cat.add_argument(
        "--visual",
        action=argparse.BooleanOptionalAction,
        help="print display lines: wrapped, shaped, right to left, flush right (for less -R or a terminal "
        "without bidi); with --format json, each section gets the lines of its paragraphs. Plain text to a "
        "terminal is shown this way unless --no-visual; to a pipe it stays logical",
    )
    cat.add_argument(
        "--pager",
        action="store_true",
        help="with --visual, show the lines in less -R, the terminal held in explicit bidi mode meanwhile "
        "(a pipe into less cannot tell VTE not to reorder them again)",
    )
    cat.add_argument(
        "--width",
        type=whole_number(1, 1000, "cells"),
        metavar="N",
        help="width of --visual lines in cells (default: the terminal's, else 80)",
    )


def _add_read(commands: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    read: argparse.ArgumentParser = commands.add_parser("read", help="read articles in the app (the default command)")
    _add_input_options(read, "the whole library")
    _add_display_options(read)
    read.set_defaults(harakat=None)  # unset: the config file decides
    read.add_argument(
        "--sidebar",
        choices=SIDEBARS,
        help="side of the section and entity panes (default auto: right for a right-to-left article)",
    )
    read.add_argument("--theme", choices=THEME_NAMES, help="colour theme (t switches while reading)")
    read.add_argument(
        "--max-width", type=whole_number(20, 1000, "cells"), metavar="N", help="widest text line in cells (default 100)"
    )
    return read


def _add_entities(commands: argparse._SubParsersAction[_Parser]) -> None:
    entities = commands.add_parser("entities", help="list named entities: entity, type, mentions")
    _add_input_options(entities)
    _add_display_options(entities)
    entities.add_argument(
        "--library",
        action="store_true",
        help="every entity in the library: key, type, name, mentions, articles (no PATH needed)",
    )


def _add_index(commands: argparse._SubParsersAction[_Parser]) -> None:
    index = commands.add_parser("index", help="add files and folders to the library, or bring them up to date")
    index.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files or folders (read recursively), or web addresses"
    )
    index.add_argument("--workers", type=int, metavar="N", help="worker processes for tagging (default: every core)")
    index.add_argument("--max-size", type=max_size, metavar="SIZE", help="skip files larger than this (default 50MB)")
    index.add_argument("--ner", metavar="NAME", help="entity recogniser (see reader read --help)")


def _add_search(commands: argparse._SubParsersAction[_Parser]) -> None:
    search = commands.add_parser(
        "search",
        help="search the library",
        description='Words must all match; "a phrase" matches its words in a row; -word excludes; '
        "prefix* matches words that start so. Spelling variants (harakat, hamza forms, ى/ي, ة/ه) and "
        "the clitics و ف ب ك ل ال are folded. Exit 0 with hits, 1 with none, 2 on errors.",
    )
    search.add_argument("query", nargs="*", metavar="QUERY", help="what to look for")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)")
    search.add_argument(
        "--format",
        choices=("plain", "json"),
        default="plain",
        help="plain: tab-separated lines (default); json: JSON Lines",
    )
    search.add_argument("--entity", metavar="NAME", help="only articles that mention this entity (newest first)")


def _add_eval_ner(commands: argparse._SubParsersAction[_Parser]) -> None:
    evaluate = commands.add_parser("eval-ner", help="score the entity recogniser on a CoNLL file")
    evaluate.add_argument(
        "conll", metavar="FILE.conll", help="token<TAB>BIO-tag lines, blank between sentences; - or a pipe works too"
    )
    evaluate.add_argument(
        "--cv",
        type=whole_number(2, 50, "folds"),
        metavar="K",
        help="train the built-in CRF on K-1 folds and score the held-out fold, K times (with --dev: on the first 80%%)",
    )
    evaluate.add_argument(
        "--dev",
        action="store_true",
        help="score the development split first: the file's last 20%%, by a CRF trained on the rest",
    )
    evaluate.add_argument("--ner", metavar="NAME", help="recogniser to score (default crf)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        usage="reader [OPTION...] [PATH...]\n       reader {cat,entities,index,search,eval-ner} ...",
        description="Read Arabic news articles in a terminal. reader PATH... opens files or folders in the app\n"
        "(a folder as a library); standard input when piped, or with -.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="store_true", help="print the version, the bidi mode, and where settings and data live"
    )
    parser.add_argument(
        "--bidi-test",
        action="store_true",
        help="show a sample line per bidi mode, ask which reads right, and save the answer for this terminal",
    )
    commands = parser.add_subparsers(
        dest="command",
        parser_class=_Parser,
        title="commands",
        metavar="COMMAND",
        prog="reader",
        help="read is the default: reader PATH is reader read PATH",
    )
    read = _add_read(commands)
    _add_cat(commands)
    _add_entities(commands)
    _add_index(commands)
    _add_search(commands)
    feed_commands.add_commands(commands)
    _add_eval_ner(commands)
    parser.epilog = _app_help(parser, read)
    return parser


def _app_help(parser: argparse.ArgumentParser, read: argparse.ArgumentParser) -> str:
    """The app's options, since `reader PATH` is `reader read PATH`, and where its keys are told."""
    formatter = parser._get_formatter()
    formatter.start_section("options of the app (reader [OPTION...] PATH..., as reader read)")
    formatter.add_arguments([action for action in read._actions if not isinstance(action, argparse._HelpAction)])
    formatter.end_section()
    formatter.add_text(
        "In the app, press ? for every key and what it does; q quits.\n"
        "Each command has its own help: reader cat --help, reader entities --help."
    )
    return formatter.format_help()


def tell_if_typed(paths: Sequence[str]) -> None:
    """`-` with a terminal as standard input means the person types the article: say so and how
    to end it, rather than wait in silence."""
    if "-" in paths and sys.stdin is not None and sys.stdin.isatty():
        print("reader: reading an article from standard input (Ctrl+D to end)", file=sys.stderr)


def load_articles(paths: Sequence[str], args: argparse.Namespace) -> list[Article]:
    """Every path's article, in order; the first bad one stops with its error."""
    return list(iter_articles(paths, args))


def iter_articles(
    paths: Sequence[str], args: argparse.Namespace, failures: list[str] | None = None
) -> Iterator[Article]:
    """Each path's article as soon as it is read (see `iter_documents`)."""
    return map(build_article, iter_documents(paths, args, failures))


def iter_documents(
    paths: Sequence[str], args: argparse.Namespace, failures: list[str] | None = None
) -> Iterator[Document | DocumentStream]:
    """Each path's document as soon as it is read, so that `reader cat DIR | head` starts at once.

    A bad file named on its own stops with its error; with `failures`, one found in a folder is
    told on standard error at once and skipped, its error added to `failures`.
    """
    tell_if_typed(paths)
    for given in paths:
        from_folder = failures is not None and given != "-" and os.path.isdir(given)
        for path in expand_paths([given], follow_links=args.follow_links):
            try:
                document = open_document(
                    path, encoding=args.encoding, max_size=args.max_size, show_controls=args.show_controls
                )
            except ReaderError as error:
                if not from_folder or failures is None:
                    raise
                message = str(error) if str(error).startswith(shown(path)) else f"{shown(path)}: {error}"
                print(f"reader: error: {message}", file=sys.stderr)
                failures.append(message)
                continue
            warning = damage_warning(document)
            if warning:
                print(f"reader: warning: {warning}", file=sys.stderr)
            yield document


def run_cat(args: argparse.Namespace) -> int:
    # One pass from file to output whose objects hold no cycles: the collector's passes would be waste.
    with no_cycle_collection():
        return _cat(args)


def _cat(args: argparse.Namespace) -> int:
    if args.visual is None:  # plain text to a terminal is for eyes: display lines, as glow and bat do
        args.visual = args.format == "plain" and sys.stdout.isatty()
    visual = _visual_options(args) if args.visual else None
    if args.pager and visual is None:
        raise UsageError("--pager goes with --visual")
    failures: list[str] = []
    documents = iter_documents(args.paths or ["-"], args, failures)
    out = sys.stdout
    if visual is not None and args.format == "plain":
        articles = map(stream_article, documents)
        if args.pager:
            return _page_visual(articles, visual, args.all) or (1 if failures else 0)
        return _write_visual(articles, visual, args.all) or (1 if failures else 0)
    if args.format == "json":  # one record per article, its entities keyed across all of it
        from reader.writers.json import article_record, json_line

        stored = _stored_mentions(args)
        for article in map(build_article, documents):
            out.write(json_line(article_record(article, visual, stored(article) if stored else None)))
            out.flush()  # each article reaches the pipe before the next one is read
        return 1 if failures else 0
    from reader.writers.markdown import markdown_pieces
    from reader.writers.plain import plain_pieces

    pieces = markdown_pieces if args.format == "markdown" else plain_pieces
    for index, stream in enumerate(map(stream_article, documents)):
        _write_pieces(out, itertools.chain(("\n",) if index else (), pieces(stream, with_noise=args.all)))
    return 1 if failures else 0


# Output is written in pieces as the article is read: the first as soon as a screenful is ready,
# then in larger batches (a write per line of 3 million one-letter lines would cost more than them).
_FIRST_WRITE = 8 * 1024
_WRITE = 64 * 1024


def _write_pieces(out: IO[str], pieces: Iterable[str]) -> None:
    """Write `pieces` as they come, flushing the first screenful at once, then every 64 KB, and
    the end: each article reaches the pipe before the next one is read."""
    batch: list[str] = []
    size, limit = 0, _FIRST_WRITE
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= limit:
            out.write("".join(batch))
            out.flush()
            batch, size, limit = [], 0, _WRITE
    out.write("".join(batch))
    out.flush()


def _stored_mentions(args: argparse.Namespace) -> StoredMentions | None:
    """Entities tagged once: the library's mentions for files it holds unchanged, rather than
    tagging them again; not when --encoding or --show-controls make a text other than the one indexed."""
    if args.encoding or args.show_controls:
        return None
    from reader.library.tagged import StoredMentions

    return StoredMentions()


def _visual_options(args: argparse.Namespace) -> VisualOptions:
    from reader.writers.visual import VisualOptions, terminal_width

    if args.format == "markdown":
        raise UsageError("--visual prints plain text or JSON, not Markdown")
    output, _reason = _output_for_terminal(args.bidi, ask_terminal=_terminal_answers(args))
    width = args.width or terminal_width(sys.stdout)
    return VisualOptions(
        width,
        output.layout,
        args.harakat or _harakat_for_terminal(),
        output.sender(os.environ),
        draws_as_sent=output.draws_as_sent(os.environ),
    )


# How long `reader cat` and `reader entities` wait for a terminal's answers: most answer in a few
# milliseconds, and one that answers nothing should not hold the output up.
PROBE_TIMEOUT = 0.15


def _output_for_terminal(requested: str | None, *, ask_terminal: bool = False) -> tuple[Output, str]:
    """The bidi output: `requested`, READER_BIDI, the answer saved for this terminal, or the guess.

    With `ask_terminal` (standard input and output are the terminal, and the article is not read from
    it), a terminal that `auto` cannot name and that has no saved answer is asked (BDSM, DA2) before
    the guess, as the app's first start does, but nobody is asked: qterminal gets `konsole` output.
    """
    from reader.bidi_mode import guess_output, resolve_bidi_mode
    from reader.terminal_probe import drain_replies, query_bdsm
    from reader.terminals import saved_answer

    unset = requested is None and not os.environ.get("READER_BIDI")
    saved = saved_answer(os.environ) if unset else None
    if ask_terminal and unset and saved is None and not guess_output(os.environ).known:
        report = query_bdsm(sys.stdin.fileno(), PROBE_TIMEOUT)
        if not report.answered_da1:  # answers still to come: read them before the shell would
            atexit.register(drain_replies, sys.stdin.fileno())
        if report.steered is not None:
            return report.steered, f"auto: the terminal's answers: {report.describe()}"
    return resolve_bidi_mode(requested, os.environ, saved.bidi.value if saved else None)


def _terminal_answers(args: argparse.Namespace) -> bool:
    """Whether the terminal may be asked: it is standard output and standard input, and the article
    is not being typed into it (its answers would be read as the article)."""
    return sys.stdout.isatty() and sys.stdin.isatty() and "-" not in (args.paths or ["-"])


def _harakat_for_terminal() -> Harakat:
    """Harakat kept or not where --harakat does not say: the saved answer, else the terminal's guess."""
    from reader.bidi_mode import guess_output
    from reader.terminals import saved_answer

    saved = saved_answer(os.environ)
    return saved.harakat if saved else guess_output(os.environ).harakat


def _visual_lines(articles: Iterable[ArticleStream], options: VisualOptions, with_noise: bool) -> Iterator[str]:
    """Each article's display lines as they are laid out, a blank line between articles."""
    from reader.writers.visual import visual_pieces

    for index, article in enumerate(articles):
        if index:
            yield "\n"
        yield from visual_pieces(article, options, with_noise=with_noise)


def _write_visual(articles: Iterable[ArticleStream], options: VisualOptions, with_noise: bool) -> int:
    """Visual lines; a terminal that could reorder them again is told not to (BDSM explicit mode)."""
    from reader.bidi_mode import EXPLICIT_MODE, IMPLICIT_MODE
    from reader.layout import BidiMode
    from reader.writers.visual import visual_pieces

    out = sys.stdout
    explicit = options.mode is BidiMode.APP and out.isatty()
    if explicit:
        out.write(EXPLICIT_MODE)
    try:
        for index, article in enumerate(articles):
            _write_pieces(out, itertools.chain(("\n",) if index else (), visual_pieces(article, options, with_noise)))
    finally:
        if explicit:
            out.write(IMPLICIT_MODE)
    return 0


def _page_visual(articles: Iterable[ArticleStream], options: VisualOptions, with_noise: bool) -> int:
    """The visual lines in `less -R` (or $PAGER), the terminal in explicit mode until the pager ends.

    The mode is sent to the terminal itself (/dev/tty), since standard output may be the pipe.
    """
    import shlex
    import subprocess

    from reader.bidi_mode import EXPLICIT_MODE, IMPLICIT_MODE
    from reader.layout import BidiMode

    try:
        terminal = open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed below, after the pager
    except OSError as error:
        raise UsageError(f"--pager needs a terminal ({error.strerror})") from None
    pager = shlex.split(os.environ.get("PAGER") or "less -R") or ["less", "-R"]
    explicit = options.mode is BidiMode.APP
    with terminal:
        if explicit:
            terminal.write(EXPLICIT_MODE)
            terminal.flush()
        try:
            try:
                process = subprocess.Popen(pager, stdin=subprocess.PIPE, stdout=terminal, encoding="utf-8")
            except OSError as error:
                raise UsageError(f"cannot run the pager {pager[0]!r}: {error.strerror}") from None
            assert process.stdin is not None
            try:
                for text in _visual_lines(articles, options, with_noise):
                    process.stdin.write(text)
                process.stdin.close()
            except BrokenPipeError:
                pass  # the person left the pager before the end
            process.wait()
        finally:
            if explicit:
                terminal.write(IMPLICIT_MODE)
                terminal.flush()
    return 0


def run_read(args: argparse.Namespace) -> int:
    if not sys.stdout.isatty():
        args.format, args.all, args.visual, args.pager = "plain", False, False, False
        return run_cat(args)
    from reader.tui.app import run_app
    from reader.tui.options import AppOptions

    paths = args.paths or ([] if sys.stdin.isatty() else ["-"])  # none: the whole library
    tell_if_typed(paths)
    options = AppOptions(
        theme=args.theme,
        bidi=args.bidi,
        sidebar=args.sidebar,
        max_width=args.max_width,
        harakat=args.harakat,
        encoding=args.encoding,
        max_size=args.max_size,
        show_controls=args.show_controls,
        follow_links=args.follow_links,
    )
    return run_app(paths, options=options)


def run_bidi_test_command() -> int:
    """`reader --bidi-test`, in the terminal it was started in."""
    from reader.bidi_test import run_bidi_test
    from reader.terminal_probe import query_bdsm
    from reader.writers.visual import terminal_width

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("--bidi-test shows lines and asks about them: run it in the terminal to test")
    report = query_bdsm(sys.stdin.fileno())
    answer = run_bidi_test(sys.stdin, sys.stdout, os.environ, terminal_width(sys.stdout), report)
    return 0 if answer is not None else 1


def run_entities(args: argparse.Namespace) -> int:
    from reader.entities.report import entity_rows, format_rows

    if args.library:
        if args.paths:
            raise UsageError("--library lists the whole library: give no PATH with it")
        from reader.library import Library
        from reader.writers.hits import entity_table

        with Library() as library:
            sys.stdout.write(entity_table(library.entities(), aligned=sys.stdout.isatty()))
        return 0

    rows = entity_rows(load_articles(args.paths or ["-"], args), _stored_mentions(args))
    if not sys.stdout.isatty():
        sys.stdout.write(format_rows(rows, aligned=False))
        return 0
    from reader.bidi_mode import EXPLICIT_MODE, IMPLICIT_MODE, Output, marks_take_cells
    from reader.layout import LRM
    from reader.writers.visual import VisualOptions, visual_cell

    # A terminal gets the names as it must draw them, like `reader cat`'s display lines
    output, _reason = _output_for_terminal(args.bidi, ask_terminal=_terminal_answers(args))
    options = VisualOptions(
        0,
        output.layout,
        args.harakat or _harakat_for_terminal(),
        output.sender(os.environ),
        draws_as_sent=output.draws_as_sent(os.environ),
        mark_cells=output is Output.TERMINAL and marks_take_cells(os.environ),
    )
    table = format_rows(
        rows,
        aligned=True,
        cell=lambda name: visual_cell(name, options),
        row_start="" if output.explicit else LRM,
    )
    if output.explicit:
        table = EXPLICIT_MODE + table + IMPLICIT_MODE
    sys.stdout.write(table)
    return 0


def run_index(args: argparse.Namespace) -> int:
    from reader.library import Library
    from reader.library.indexer import index_paths
    from reader.library.progress import terminal_progress

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    from reader.sources.files import DEFAULT_MAX_SIZE

    size = DEFAULT_MAX_SIZE if args.max_size is None else args.max_size
    pages = [path for path in args.paths if is_url(path)]
    paths = [path for path in args.paths if not is_url(path)]
    with Library() as library, terminal_progress(sys.stderr) as progress:
        page_errors = feed_commands.index_pages(library, pages)
        if not paths:
            print(f"{len(pages) - len(page_errors)} pages indexed, {len(page_errors)} failed")
            return 1 if page_errors else 0
        summary = index_paths(
            library, paths, workers=args.workers, recognizer=args.ner, max_size=size, progress=progress
        )
    for error in summary.errors:
        print(f"reader: failed: {error}", file=sys.stderr)
    print(summary.line())
    return 1 if summary.failed or page_errors else 0


def run_search(args: argparse.Namespace) -> int:
    from reader.library import Library
    from reader.library.search import entity_hits, search
    from reader.writers.hits import hit_json, hit_line

    if args.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {args.limit}")
    text = " ".join(args.query)
    if not text.strip() and not args.entity:
        raise UsageError("nothing to search for: give a QUERY or --entity NAME")
    with Library() as library:
        keys = library.entity_keys(args.entity) if args.entity else None
        if keys is not None and not keys:
            hits = []
        elif text.strip():
            hits = search(library, text, limit=args.limit, entity_keys=keys)
        else:
            hits = entity_hits(library, keys or [], limit=args.limit)
    terminal = sys.stdout.isatty()
    for hit in hits:
        sys.stdout.write(hit_json(hit) if args.format == "json" else hit_line(hit, terminal=terminal))
    return 0 if hits else 1


def run_eval_ner(args: argparse.Namespace) -> int:
    from reader.entities.eval_ner import evaluate_file

    with conll_file(args.conll) as path:
        for block in evaluate_file(path, folds=args.cv, recognizer=args.ner, dev=args.dev):
            sys.stdout.write(block)
            sys.stdout.flush()
    return 0


@contextlib.contextmanager
def conll_file(path: str) -> Iterator[str]:
    """A regular file to read CoNLL data from: `path` itself, or, for `-` and pipes such as
    `<(head ...)`, which can be read only once while cross-validation reads the data again, a
    temporary copy of what they hold."""
    if path != "-" and not _is_pipe(path):
        yield path
        return
    tell_if_typed([path])
    with tempfile.NamedTemporaryFile(suffix=".conll") as copy:
        if path == "-":
            shutil.copyfileobj(sys.stdin.buffer, copy)
        else:
            with open(path, "rb") as source:
                shutil.copyfileobj(source, copy)
        copy.flush()
        yield copy.name


def _is_pipe(path: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    **feed_commands.RUNNERS,
    "cat": run_cat,
    "read": run_read,
    "entities": run_entities,
    "eval-ner": run_eval_ner,
    "index": run_index,
    "search": run_search,
}


def version_text() -> str:
    """`reader --version`: the version, the bidi mode and why, and where settings, state and the
    library live (READER_CONFIG_DIR, READER_STATE_DIR and READER_DATA_DIR move them)."""
    from reader.config import config_path
    from reader.library.store import DATABASE_NAME, data_dir
    from reader.state import state_dir

    output, reason = _output_for_terminal(None)
    return "\n".join(
        [
            f"reader {__version__}",
            f"bidi: {output.value} ({reason})",
            f"config: {config_path()}",
            f"state: {state_dir()}",
            f"library: {data_dir() / DATABASE_NAME}",
        ]
    )


def _with_command(argv: list[str]) -> list[str]:
    """`reader PATH` means `reader read PATH`: the app is the default command."""
    first = next((arg for arg in argv if not arg.startswith("-") or arg == "-"), None)
    if first in COMMANDS or first == "read" or argv in (["--version"], ["--bidi-test"], ["-h"], ["--help"]):
        return argv
    return ["read", *argv]


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with standard output closed (`reader cat a.txt >&-`)
        return _failed("cannot write output: standard output is closed", 1)
    try:
        status = _main(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # a full disk must be reported here, not by the interpreter at exit
    except BrokenPipeError:
        # The reader of our output went away (`reader cat | head`): stop quietly.
        _discard_output()
        return 0
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _discard_output()
        return _failed(f"cannot write output: {error.strerror}", 1)
    return status


# What writing standard output can fail with; reading inputs reports its own errors as ReaderError.
_OUTPUT_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EINVAL, errno.EPIPE)


def _failed(message: str, status: int) -> int:
    if sys.stderr is not None:
        print(f"reader: error: {message}", file=sys.stderr)
    return status


def _discard_output() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush at exit cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _main(args_list: list[str]) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a terminal in a legacy locale must not raise
    try:
        args = build_parser().parse_args(_with_command(args_list))
        if args.version:
            print(version_text())
            return 0
        if args.bidi_test:
            return run_bidi_test_command()
        if getattr(args, "ner", None) and args.command != "eval-ner":
            from reader.entities import select

            select(args.ner)
        return RUNNERS[args.command or "read"](args)
    except ReaderError as error:
        return _failed(str(error), 2)
    except AppCrashed as crash:
        from reader.crash import discard_typed_keys, write_trace

        discard_typed_keys()
        where = write_trace(crash.error)
        return _failed(f"{crash} (a bug); the full trace is in {where or 'no file: none could be written'}", 1)
    except KeyboardInterrupt:
        return 130
