"""The reading app: the library or a single article, help, themes, and reading positions."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial
from pathlib import Path
from typing import ClassVar, TextIO

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import REPLACED_KEYS, Keys, key_to_character
from textual.screen import Screen
from textual.worker import WorkerFailed

from reader.bidi_mode import (
    AUTO_DIRECTION_OFF,
    AUTO_DIRECTION_ON,
    EXPLICIT_MODE,
    IMPLICIT_MODE,
    Output,
    guess_output,
    marks_take_cells,
    resolve_bidi_mode,
)
from reader.bidi_test import run_bidi_test
from reader.collector import IDLE_AFTER, IdleCollections
from reader.config import Config, load_config
from reader.entities import Mention
from reader.errors import AppCrashed, ConfigError, InputError
from reader.konsole import konsole_mirrors
from reader.library import Hit, Library, StoreError
from reader.library.records import Place, Stored
from reader.load import load_document
from reader.model import Article
from reader.sources import DEFAULT_MAX_SIZE, damage_warning
from reader.sources.files import shown
from reader.sources.preview import preview
from reader.state import Position, Positions, ReadingState
from reader.structure import build_article
from reader.terminal_probe import drain_replies, query_bdsm
from reader.terminals import TerminalAnswer, saved_answer
from reader.tui.kitty import StripTurn, strip_turn, turned_renderable
from reader.tui.options import AppOptions
from reader.tui.screens.entity_articles import EntityArticlesScreen
from reader.tui.screens.help import BindingGroup, HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.search import LibrarySearchScreen
from reader.tui.shaped import Shaping
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_list import EntityList
from reader.tui.widgets.hit_list import HitList
from reader.tui.widgets.library_list import LibraryList
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.section_list import SectionList
from reader.types import Harakat, ThemeName
from reader.web.fetch import is_url
from reader.writers.visual import terminal_width

TEXTUAL_THEMES: dict[ThemeName, str] = {"dark": "textual-dark", "light": "textual-light"}  # ours -> Textual's
# A stored article opens with this many of its headings and paragraphs (a few screens) while the
# rest is read in a thread: reading all of a 10 MB article's blocks and entities takes seconds.
_FIRST_BLOCKS = 200


@dataclass(slots=True)
class LoadedArticle:
    """An article read directly (one file, standard input, a page), not from the library."""

    article: Article
    key: str  # what its reading position is kept under
    complete: Callable[[], Article] | None = None  # the whole article, when `article` is a preview
    mentions: tuple[Mention, ...] | None = None  # its entities as stored, when the library has it unchanged


class StoredPositions:
    """Reading positions in the library (its `reading` table, by source): files, pages, standard input."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.write_error: str | None = None  # the last failure to save, for a warning at exit

    def get(self, key: str) -> Position | None:
        try:
            found = self.library.position(key)
        except StoreError as error:
            self.write_error = str(error)
            return None
        return Position(*found) if found else None

    def set(self, key: str, position: Position) -> None:
        try:
            self.library.set_position(key, position.row, position.offset)
        except StoreError as error:  # a full disk or a lock held too long must not stop anyone reading
            self.write_error = str(error)


class ReaderApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "reader"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("t", "toggle_theme", "Theme", id="app.theme"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    crashed_with: BaseException | None = None  # the first exception inside the app, for run_app

    def on_unmount(self) -> None:
        self._collections.stop()

    def _handle_exception(self, error: Exception) -> None:
        """A crash: keep the first trace for `run_app` to write to a file; Textual still stops the app."""
        if self.crashed_with is None:  # a worker's failure is told by what failed in it
            self.crashed_with = error.error if isinstance(error, WorkerFailed) and error.error else error
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        """Textual would print the whole trace on the terminal; `run_app` prints one line and a file name."""
        if self.crashed_with is None:
            super()._print_error_renderables()

    def __init__(
        self,
        article: LoadedArticle | None = None,
        *,
        library: Library | None = None,
        under: Sequence[str] = (),
        index: Sequence[str] = (),
        settings: Config | None = None,
        shaping: Shaping | None = None,
        positions: Positions | None = None,
        strips: StripTurn | None = None,
        index_workers: int | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
        follow_links: bool = False,
    ) -> None:
        """One article read directly (`article`), or the library's screen (no article): its rows
        those `under` the folders and files given (all when empty), `index` indexed in the background."""
        # NO_COLOR (no-color.org): Textual then turns every colour into the terminal's default
        # (with ansi_color; otherwise it draws shades of grey). Cues that are not colour stay: see
        # the `App:nocolor` rules in the screens' styles.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        if article is None and library is None:
            raise ValueError("the app shows an article or a library")
        self.article = article
        self.library = library
        self.under = tuple(under)
        self.index = tuple(index)
        self.settings = settings or Config()
        self.shaping = shaping or Shaping()
        self.positions: Positions = positions or (StoredPositions(library) if library else ReadingState())
        self.strips = strips  # how rows are sent: kitty's or Konsole's runs turned (reader.tui.kitty)
        self.whole_rows = False  # mlterm: each row touched is sent whole (reader.tui.kitty.whole_rows)
        self.index_workers = index_workers  # worker processes for indexing (None: every core)
        self.max_size = max_size
        self.follow_links = follow_links  # links out of a folder are indexed only when asked for

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        """Every update of the screen passes here last: in kitty and Konsole, its rows are turned run by
        run; in mlterm, each row it touches goes out whole."""
        if self.strips is not None or self.whole_rows:
            renderable = turned_renderable(renderable, self.strips, screen._compositor if self.whole_rows else None)
        super()._display(screen, renderable)

    def on_mount(self) -> None:
        self._collections = IdleCollections()
        self.set_interval(IDLE_AFTER, self._collections.collect_if_idle)
        self.theme = TEXTUAL_THEMES[self.settings.theme]
        self.set_keymap(self.settings.keys)
        if self.article is not None:
            self.open_article(self.article)
        else:
            assert self.library is not None
            self.push_screen(LibraryScreen(self.library, under=self.under, index=self.index))

    async def on_event(self, event: events.Event) -> None:
        """Typed text goes to the screen's text entry here, in the order the keys came.

        Keys are handed on through message queues; a key sent right after `/` could otherwise
        still be on its way to the old focus when the search bar opens, and a pasted query would
        lose letters or be submitted half-typed.
        """
        if isinstance(event, (events.Key, events.MouseEvent)):
            self.note_input()
        if isinstance(event, events.Key) and not event.is_forwarded:
            typing_target = getattr(self.screen, "typing_target", None)
            bar = typing_target(event) if typing_target is not None else None
            if bar is not None and bar.take_key(event):
                return
        await super().on_event(event)

    def note_input(self) -> None:
        """A key or the mouse was used: the work that waits for a pause in the input waits on."""
        self._collections.touched()

    def input_idle(self) -> float:
        """Seconds since the person last pressed a key or used the mouse."""
        return self._collections.idle_for()

    def open_article(self, item: LoadedArticle) -> None:
        """The article read directly: quitting it quits the app."""
        screen = ReaderScreen(
            item.article, key=item.key, has_library=False, complete=item.complete, mentions=item.mentions
        )
        self.push_screen(screen)

    def open_stored(self, source: str, *, at: Place | None = None, query: str = "") -> bool:
        """Open the library's article at `source` over the current screen (Esc comes back to it),
        with the entities stored for it, and mark it read. At `at` (a search hit's section,
        paragraph and offset) rather than where the reader left it; `query` is searched in it, so
        the hit is highlighted and n steps to the next. False (and a notice) if it cannot be opened.
        """
        if self.library is None:
            self.notify("No library: the article was read on its own", severity="warning")
            return False
        try:
            begun = self.library.beginning(source, _FIRST_BLOCKS)
            if begun is not None:
                self.library.set_read(source, True)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return False
        if begun is None:
            self.notify("Not in the library any more: r indexes the folders again", severity="warning")
            return False
        stored, whole = begun
        complete = None if whole else partial(_read_stored, self.library.path, source)
        screen = ReaderScreen(
            stored.article,
            key=source,
            has_library=True,
            mentions=stored.mentions,
            at=at,
            query=query,
            complete=complete,
        )
        self.push_screen(screen)
        return True

    def open_hit(self, hit: Hit) -> None:
        """A search result, or an article naming an entity, opened at its hit with the words marked
        there highlighted (searched in the article, so n and N step to the same words elsewhere)."""
        marked = hit.snippet[hit.marks[0][0] : hit.marks[0][1]] if hit.marks else ""
        at = Place(hit.section, hit.paragraph, hit.at[0] if hit.at else 0)
        self.open_stored(hit.row.source, at=at, query=marked)

    def action_search_library(self) -> None:
        """The library-wide search screen (`/` in the library, `f` in an article)."""
        if self.library is None:
            self.notify("No library: the article was read on its own", severity="warning")
            return
        self.push_screen(LibrarySearchScreen(self.library, self.shaping, self.open_hit))

    def entity_articles(self, key: str, name: str, *, exclude: str | None) -> None:
        """The other articles that mention the entity with `key` (`a` in an article)."""
        if self.library is None:
            self.notify("No library: the article was read on its own", severity="warning")
            return
        self.push_screen(
            EntityArticlesScreen(
                self.library,
                self.shaping,
                self.open_hit,
                key=key,
                name=name,
                exclude=exclude,
                filter_library=self.filter_library_by_entity,
            )
        )

    def filter_library_by_entity(self, key: str, name: str) -> None:
        """Back to the library (a new one when the app began with one article), filtered by an entity."""
        library = next((screen for screen in self.screen_stack if isinstance(screen, LibraryScreen)), None)
        if library is None:
            assert self.library is not None
            library = LibraryScreen(self.library)
            self.push_screen(library)
        else:
            while self.screen is not library:
                self.pop_screen()
        library.filter_by_entity(key, name)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_groups(), dict(self.settings.keys)))

    def action_toggle_theme(self) -> None:
        self.theme = TEXTUAL_THEMES["light"] if self.theme == TEXTUAL_THEMES["dark"] else TEXTUAL_THEMES["dark"]

    def warnings(self) -> list[str]:
        """What to say once the app has ended (it owned the screen): positions not saved, a state file unread."""
        said = []
        if self.library is not None and self.library.warning is not None:
            said.append(self.library.warning)
        positions = self.positions
        if isinstance(positions, ReadingState):
            if positions.warning is not None:
                said.append(positions.warning)
            if positions.write_error is not None:
                said.append(f"reading positions not saved in {positions.path}: {positions.write_error}")
        elif isinstance(positions, StoredPositions) and positions.write_error is not None:
            said.append(f"reading positions not saved: {positions.write_error}")
        return said

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()
        self.exit(0)


def _read_stored(database: Path, source: str) -> Stored:
    """The whole stored article at `source`, in a worker thread (through a connection of its own:
    SQLite's belong to the thread that opened them)."""
    with Library(database) as library:
        stored = library.get(source)
    if stored is None:
        raise StoreError(f"{shown(source)}: no longer in the library")
    return stored


def binding_groups() -> list[BindingGroup]:
    """Every binding in the app, grouped by where it works."""
    owners: list[tuple[str, type[DOMNode]]] = [
        ("Reading", ArticleView),
        ("Article", ReaderScreen),
        ("Section pane", SectionList),
        ("Entity pane", EntityList),
        ("Search and filter", SearchBar),
        ("Library", LibraryScreen),
        ("Library list", LibraryList),
        ("Library search", LibrarySearchScreen),
        ("An entity's articles", EntityArticlesScreen),
        ("Search results", HitList),
        ("Everywhere", ReaderApp),
        ("Help", HelpScreen),
    ]
    return [BindingGroup(title, tuple(b for b in owner.BINDINGS if isinstance(b, Binding))) for title, owner in owners]


def binding_ids() -> set[str]:
    return {binding.id for group in binding_groups() for binding in group.bindings if binding.id}


def settings_for(options: AppOptions, config: Config) -> Config:
    """The config file's settings with the command line's on top."""
    names = {field.name for field in fields(Config)}
    given = {
        field.name: getattr(options, field.name)
        for field in fields(AppOptions)
        if field.name in names and getattr(options, field.name) is not None
    }
    settings = replace(config, **given)
    unknown = sorted(set(settings.keys) - binding_ids())
    if unknown:
        raise ConfigError(f"{settings.where('keys.' + unknown[0])}: keys: no binding has the id {unknown[0]!r}")
    check_keymap(settings)
    return settings


_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED_KEYS = {key.value for key in Keys} | set(REPLACED_KEYS)


def _key_name(key: str) -> str | None:
    """Textual's name for a key the config writes (`?` is `question_mark`), or None for no key."""
    *modifiers, name = key.split("+")
    if not name or any(modifier not in _MODIFIERS for modifier in modifiers):
        return None
    if len(name) == 1:  # named as Textual names a binding's key written so (`?` is question_mark)
        name = next(iter(Binding.make_bindings([Binding(name, "")]))).key
    elif name not in _NAMED_KEYS and key_to_character(name) is None:
        return None
    return "+".join([*modifiers, name])


# The binding groups active together on each screen (widgets inside a screen answer with it).
_TOGETHER = (
    {"Reading", "Article", "Section pane", "Entity pane", "Search and filter", "Everywhere"},
    {"Library", "Library list", "Search and filter", "Everywhere"},
    {"Library search", "Search results", "Search and filter", "Everywhere"},
    {"An entity's articles", "Search results", "Everywhere"},
    {"Help", "Everywhere"},
)


def check_keymap(settings: Config) -> None:
    """A remap names real keys and takes none that another binding active at the same time uses.

    Silently ignored before: `"ctlr+n"` (no such key) bound nothing, and `"app.help" = "q"` lost
    to the reader's q. Keys two bindings share by design (n: next hit, else next section) stay
    shared.
    """
    defaults: dict[str, set[str]] = {}
    group_of: dict[str, str] = {}
    for group in binding_groups():
        for binding in group.bindings:
            if binding.id:
                group_of[binding.id] = group.title
                defaults[binding.id] = {_key_name(key.strip()) or key.strip() for key in binding.key.split(",")}
    keys = dict(defaults)
    for binding_id, value in settings.keys.items():
        names = set()
        for key in (key.strip() for key in value.split(",")):
            name = _key_name(key)
            if name is None:
                raise ConfigError(
                    f"{settings.where('keys.' + binding_id)}: keys.{binding_id}: {key!r} is not a key "
                    "(say ctrl+n, f2, question_mark or a letter)"
                )
            names.add(name)
        keys[binding_id] = names
    for binding_id in settings.keys:
        for other, taken in keys.items():
            together = any({group_of[binding_id], group_of[other]} <= screen for screen in _TOGETHER)
            shared = sorted((keys[binding_id] & taken) - (defaults[binding_id] & defaults[other]))
            if other != binding_id and together and shared:
                raise ConfigError(
                    f"{settings.where('keys.' + binding_id)}: keys.{binding_id}: {shared[0]!r} is already "
                    f"{other} ({group_of[other]}); remap that one too, or choose another key"
                )


def load_article(path: str, options: AppOptions) -> LoadedArticle:
    """The article at `path` (a file, `-`, an address); a large file opens as a preview while the rest is read."""
    max_size = options.max_size or DEFAULT_MAX_SIZE
    if path != "-" and not is_url(path):
        begun = preview(path, encoding=options.encoding, max_size=max_size, show_controls=options.show_controls)
        if begun is not None:
            whole = begun.whole
            article = build_article(begun.head)
            return LoadedArticle(article, os.path.realpath(path), complete=lambda: build_article(whole()))
    document = load_document(
        path,
        encoding=options.encoding,
        max_size=options.max_size,
        show_controls=options.show_controls,
    )
    warning = damage_warning(document)
    if warning:  # stays on the main screen, seen again when the app ends
        print(f"reader: warning: {warning}", file=sys.stderr)
    article = build_article(document)
    return LoadedArticle(article, position_key(path, article))


def stored_mentions(library: Library, article: Article) -> tuple[Mention, ...] | None:
    """The library's mentions of a file read directly, if it holds that file unchanged."""
    if article.source == "-" or is_url(article.source):
        return None
    try:
        info = os.stat(article.source)
        return library.unchanged_mentions(
            replace(article, source=os.path.abspath(article.source)), info.st_size, info.st_mtime_ns
        )
    except (OSError, StoreError):
        return None


def reads_one_article(paths: Sequence[str]) -> bool:
    """One file, standard input or one address is read directly; a folder or several paths are a library."""
    return len(paths) == 1 and (paths[0] == "-" or is_url(paths[0]) or not os.path.isdir(paths[0]))


def prepare_app(
    paths: Sequence[str],
    options: AppOptions,
    *,
    settings: Config | None = None,
    shaping: Shaping | None = None,
    strips: StripTurn | None = None,
    index_workers: int | None = None,
) -> ReaderApp:
    """The app for `paths`: one article read directly, or the library for a folder or several paths.

    An article read directly keeps its reading position in the library; if the library cannot be
    opened (damaged, or written by a newer reader) that is one warning line and the position is
    kept in the old state file instead: nobody is stopped from reading a file. A folder needs the
    library: there it is the one clear error (exit 2).
    """
    if reads_one_article(paths):
        item = load_article(paths[0], options)
        try:
            library = Library()
        except StoreError as error:
            print(f"reader: warning: {error}; reading positions are kept in the state file meanwhile", file=sys.stderr)
            return ReaderApp(item, settings=settings, shaping=shaping, positions=ReadingState(), strips=strips)
        if item.complete is None and not options.encoding and not options.show_controls:
            item.mentions = stored_mentions(library, item.article)  # tagged once, if the library has it unchanged
        return ReaderApp(item, library=library, settings=settings, shaping=shaping, strips=strips)
    if not paths:  # `reader` alone: the whole library, feeds and files, nothing indexed on the way
        return ReaderApp(library=Library(), settings=settings, shaping=shaping, strips=strips)
    if "-" in paths:
        raise InputError("standard input is read on its own: give - alone, or files and folders without it")
    for path in paths:
        if not is_url(path) and not os.path.exists(path):
            raise InputError(f"{shown(path)}: no such file or folder")
    library = Library()
    under = [path if is_url(path) else os.path.abspath(path) for path in paths]
    from multiprocessing import forkserver

    # The indexing process (reader.library.background) is forked from this server. Started now,
    # while standard error is still a file: inside the app it is Textual's stand-in, whose
    # descriptor is -1, and starting the server (and its resource tracker) from there fails.
    forkserver.ensure_running()
    return ReaderApp(
        library=library,
        under=under,
        index=under,
        settings=settings,
        shaping=shaping,
        strips=strips,
        index_workers=index_workers,
        max_size=options.max_size or DEFAULT_MAX_SIZE,
        follow_links=options.follow_links,
    )


def position_key(path: str, article: Article) -> str:
    """Files by their real path, pages by their address; standard input by a digest of what was read."""
    if is_url(path):
        return path
    if path != "-":
        return os.path.realpath(path)
    digest = hashlib.sha256()
    digest.update(article.title.encode())
    for _, _, paragraph in article.paragraphs()[:20]:
        digest.update(paragraph.text.encode())
    return f"stdin:{digest.hexdigest()[:32]}"


def attach_terminal_input() -> None:
    """After reading an article from standard input, take keys from the terminal instead."""
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as error:
        raise InputError(f"cannot read keys: no terminal to read them from ({error.strerror})") from None
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - stays open for the app's life


def run_app(paths: list[str], *, options: AppOptions) -> int:
    """Read the articles at `paths` (a folder, files, or - for standard input) in the app."""
    config = load_config()
    settings = settings_for(options, config)
    app = prepare_app(paths, options, settings=settings)
    if "-" in paths:
        attach_terminal_input()
    output, harakat = terminal_output(settings, harakat_given=options.harakat is not None or "harakat" in config.lines)
    mark_cells = output is Output.TERMINAL and marks_take_cells(os.environ)
    app.shaping = Shaping(output.layout, harakat, mark_cells, draws_as_sent=output.draws_as_sent(os.environ))
    app.strips = strip_turn(output, mirror=konsole_mirrors(os.environ))
    app.whole_rows = mark_cells
    terminal = sys.__stdout__
    # Explicit mode where reader reorders; where the terminal does, VTE's automatic paragraph direction.
    start, end = (EXPLICIT_MODE, IMPLICIT_MODE) if output.explicit else (AUTO_DIRECTION_ON, AUTO_DIRECTION_OFF)
    if terminal is not None:
        terminal.write(start)
        terminal.flush()
    try:
        result = app.run()
    finally:
        if terminal is not None:
            terminal.write(end)
            terminal.flush()
    if app.library is not None:
        app.library.close()
    for warning in app.warnings():
        print(f"reader: warning: {warning}", file=sys.stderr)
    if app.crashed_with is not None:
        raise AppCrashed(app.crashed_with)
    return result or 0


def terminal_output(settings: Config, *, harakat_given: bool) -> tuple[Output, Harakat]:
    """The bidi output and harakat for this run: what the user set, else the answer saved for this
    terminal, else `auto`'s guess. In a terminal `auto` cannot name, nothing set and nothing saved,
    the terminal is asked about BDSM first (a terminal that switches it needs no question), then the
    person: the bidi test runs once and its answer is saved."""
    environ = os.environ
    chosen_by_user = settings.bidi is not None or bool(environ.get("READER_BIDI"))
    saved = None if chosen_by_user else saved_answer(environ)
    terminal = sys.__stdout__
    interactive = sys.stdin.isatty() and terminal is not None and terminal.isatty()
    if (
        interactive
        and terminal is not None
        and not chosen_by_user
        and saved is None
        and not guess_output(environ).known
    ):
        saved = first_start_answer(terminal)
    output, _reason = resolve_bidi_mode(settings.bidi, environ, saved.bidi.value if saved else None)
    if harakat_given:
        return output, settings.harakat
    return output, saved.harakat if saved else guess_output(environ).harakat


def first_start_answer(terminal: TextIO) -> TerminalAnswer | None:
    """What reads right in a terminal met for the first time: from BDSM when it reports the mode,
    else from the person (`reader.bidi_test`)."""
    report = query_bdsm(sys.stdin.fileno())
    if not report.answered_da1:  # what still comes must not reach the bidi test or Textual as keys
        drain_replies(sys.stdin.fileno())
    if report.settled is not None:
        return TerminalAnswer(report.settled)
    answer = run_bidi_test(sys.stdin, terminal, os.environ, terminal_width(terminal), report)
    if answer is None and report.steered is not None:
        return TerminalAnswer(report.steered)  # qterminal, bidi on by default: for this run, not saved
    return answer
