"""Every key of the reader screen, driven headless with Pilot; each test checks what is on screen."""

from __future__ import annotations

import io
import threading
from pathlib import Path

from rich.console import Console
from textual.events import MouseScrollDown, MouseScrollUp
from textual.pilot import Pilot
from textual.widget import Widget

from reader.config import Config
from reader.layout import layout_paragraph
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_list import EntityLegend, EntityList
from reader.tui.widgets.section_list import SectionList
from tests.tui.conftest import LONG_SECTIONS, SEED, drive, make_app, type_text, wait_for_entities
from tests.tui.screen_text import screen_lines, screen_text


def view_of(pilot: Pilot) -> ArticleView:
    return pilot.app.screen.query_one(ArticleView)


def visual(text: str, width: int = 200) -> str:
    """How the display engine shows `text` on one line: the string a person sees."""
    return layout_paragraph(text, width)[0].text.plain


def status(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#status").render())


def test_scroll_keys_move_by_line_page_half_page_and_to_the_ends(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        page = view.scrollable_content_region.height - 1
        half = view.scrollable_content_region.height // 2
        steps = [
            ("j", 1),
            ("down", 1),
            ("k", -1),
            ("up", -1),
            ("pagedown", page),
            ("space", page),
            ("pageup", -page),
            ("b", -page),
            ("d", half),
            ("u", -half),
        ]
        for key, moved in steps:
            before = view.scroll_y
            first_line = screen_lines(pilot.app)[0]
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_y - before == moved, key
            assert screen_lines(pilot.app)[0] != first_line or moved == 0, key
        for key in ("end", "G"):
            await pilot.press("home")
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_y == view.max_scroll_y > 0, key
            last = view.rows[-1].text
            assert visual(last[-30:]).strip()[:10] in screen_text(pilot.app) or view.scroll_y == view.max_scroll_y
        for key in ("home", "g"):
            await pilot.press("end")
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_y == 0, key
            assert visual(view.rows[0].text) in screen_text(pilot.app)

    drive(make_app(long_article), scenario)


async def turn_wheel(pilot: Pilot, event: type[MouseScrollDown | MouseScrollUp], widget: Widget) -> None:
    """One notch of the wheel over `widget`, sent as the terminal's driver sends it: to the app, at a
    screen position (Pilot has no public wheel method; the app routes the event to what is there)."""
    x, y = widget.region.x + 5, widget.region.y + 5
    pilot.app.post_message(event(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
    await pilot.pause()


def test_mouse_wheel_scrolls_the_article(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        first_line = screen_lines(pilot.app)[0]
        await turn_wheel(pilot, MouseScrollDown, view)
        await pilot.pause()
        assert view.scroll_y > 0
        assert screen_lines(pilot.app)[0] != first_line
        await turn_wheel(pilot, MouseScrollUp, view)
        await pilot.pause()
        assert screen_lines(pilot.app)[0] == first_line

    drive(make_app(long_article), scenario)


def test_n_and_bracket_go_to_the_next_section_and_highlight_it(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        sections = pilot.app.screen.query_one(SectionList)
        for key, number in (("n", 1), ("right_square_bracket", 2), ("n", 3)):
            await pilot.press(key)
            await pilot.pause()
            heading = f"القسم رقم {number} من التقرير"
            assert visual(heading) in screen_lines(pilot.app)[0], key
            assert sections.entries[sections.highlighted].label == heading
            assert f"§{number}/{LONG_SECTIONS} " in status(pilot)  # the long article has no lead
        for key, number in (("p", 2), ("left_square_bracket", 1)):
            await pilot.press(key)
            await pilot.pause()
            assert visual(f"القسم رقم {number} من التقرير") in screen_lines(pilot.app)[0], key
        await pilot.press("p")
        await pilot.pause()
        assert view.scroll_y == 0

    drive(make_app(long_article), scenario)


def test_section_pane_follows_scrolling(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        sections = pilot.app.screen.query_one(SectionList)
        for _ in range(12):
            await pilot.press("pagedown")
        await pilot.pause()
        view = view_of(pilot)
        top = view.rows[view.row_at(round(view.scroll_y))]
        highlighted = sections.entries[sections.highlighted]
        assert view.rows[highlighted.row].section == top.section

    drive(make_app(long_article), scenario)


def test_tab_cycles_panes_and_enter_in_a_pane_jumps(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(screen.focused, SectionList)
        await pilot.press("tab")
        assert isinstance(screen.focused, EntityList)
        await pilot.press("tab")
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(screen.focused, EntityList)
        await pilot.press("shift+tab")
        sections = screen.query_one(SectionList)
        assert screen.focused is sections
        target = sections.entries[4]
        sections.highlighted = 4
        await pilot.press("enter")
        await pilot.pause()
        assert visual(target.label) in screen_lines(pilot.app)[0]

    drive(make_app(long_article), scenario)


def test_clicking_a_section_jumps_to_it(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        sections = pilot.app.screen.query_one(SectionList)
        region = sections.content_region
        await pilot.click(SectionList, offset=(region.width // 2, 5))
        await pilot.pause()
        chosen = sections.entries[5]
        assert visual(chosen.label) in screen_lines(pilot.app)[0]

    drive(make_app(long_article), scenario)


def test_the_status_line_follows_the_screens_state_by_itself(long_article: Path) -> None:
    """Bound, not told: setting the screen's state redraws the status line with no other call."""

    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        assert "searching…" not in status(pilot)
        screen.pending_search = "القسم"
        await pilot.pause()
        assert "searching…" in status(pilot)
        screen.pending_search = None
        screen.show_noise = True
        await pilot.pause()
        assert "searching…" not in status(pilot)
        assert f"noise shown ({len(screen.article.noise)})" in status(pilot)

    drive(make_app(long_article), scenario)


def test_e_and_shift_e_step_through_entity_mentions(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        view = view_of(pilot)
        await pilot.press("e")
        await pilot.pause()
        first = view.current_mention
        assert first is not None
        row, start, end = first
        name = view.rows[row].text[start:end]
        assert visual(name) in screen_text(pilot.app)
        assert "mention 1/" in status(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert "mention 2/" in status(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert view.current_mention == first
        assert "mention 1/" in status(pilot)

    drive(make_app(long_article), scenario)


def test_choosing_an_entity_jumps_to_its_next_mention(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        entities = screen.query_one(EntityList)
        entities.focus()
        index = next(i for i, entry in enumerate(entities.line_entries) if entry is not None)
        entry = entities.line_entries[index]
        entities.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        view = view_of(pilot)
        row, start, end = view.current_mention
        assert screen.mentions.current_mention().key == entry.key
        assert visual(view.rows[row].text[start:end]) in screen_text(pilot.app)

    drive(make_app(long_article), scenario)


def test_clicking_an_entity_jumps_to_its_mention(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = pilot.app.screen
        entities = screen.query_one(EntityList)
        line = next(i for i, entry in enumerate(entities.line_entries) if entry is not None)
        await pilot.click(EntityList, offset=(entities.content_region.width // 2, line))
        await pilot.pause()
        entry = entities.line_entries[line]
        assert screen.mentions.current_mention().key == entry.key
        assert "mention " in status(pilot)

    drive(make_app(long_article), scenario, size=(120, 40))


def _styles_of(pilot: Pilot, needle: str) -> list:
    """Styles of the on-screen segments whose text holds `needle` (visual)."""
    view = view_of(pilot)
    found = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if needle in segment.text and segment.style is not None:
                found.append(segment.style)
    return found


def test_number_keys_toggle_entity_highlighting_and_the_legend_says_so() -> None:
    async def scenario(pilot: Pilot) -> None:
        legend = pilot.app.screen.query_one(EntityLegend)
        name = visual("لافروف")
        assert any(style.bold for style in _styles_of(pilot, name)), "PER shows bold"
        await pilot.press("1")
        await pilot.pause()
        assert "PER bold (off)" in str(legend.render())
        assert not any(style.bold for style in _styles_of(pilot, name))
        await pilot.press("1")
        await pilot.pause()
        assert "(off)" not in str(legend.render())
        for key, kind in (("2", "LOC"), ("3", "ORG"), ("4", "MISC")):
            await pilot.press(key)
            await pilot.pause()
            assert f"{kind}" in str(legend.render()) and "(off)" in str(legend.render()), key
            await pilot.press(key)

    drive(make_app(SEED), scenario)


async def wait_for_search(pilot: Pilot) -> None:
    """Hits are found in a worker; wait until the status line reports them."""
    for _ in range(200):
        await pilot.pause(0.02)
        if "search " in status(pilot):
            return
    raise AssertionError(f"no search result in the status line: {status(pilot)}")


def test_search_highlights_every_hit_ignoring_harakat_and_variants(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        await pilot.press("slash")
        await type_text(pilot, "الاوراسي")  # the text has الأوراسي: hamza-alef folds to alef
        await pilot.press("enter")
        await wait_for_search(pilot)
        assert len(view.hits) >= 8
        assert f"search 1/{len(view.hits)}" in status(pilot)
        hit_style = view.get_component_rich_style("article-view--hit", partial=True)
        styles = [seg.style for y in range(view.size.height) for seg in view.render_line(y) if seg.style]
        assert any(style.bgcolor == hit_style.bgcolor for style in styles)
        await pilot.press("n")
        await pilot.pause()
        assert f"search 2/{len(view.hits)}" in status(pilot)
        await pilot.press("N")
        await pilot.press("N")
        await pilot.pause()
        assert f"search {len(view.hits)}/{len(view.hits)}" in status(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert "search" not in status(pilot)
        assert view.hits == []
        await pilot.press("home")
        section_before = status(pilot)
        await pilot.press("n")  # without a search, n is the next section again
        await pilot.pause()
        assert status(pilot) != section_before

    drive(make_app(long_article), scenario)


def test_search_text_is_shown_shaped_while_typing() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("slash")
        await type_text(pilot, "لافروف")
        await pilot.pause()
        assert visual("لافروف") in screen_lines(pilot.app)[-3]
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.query_one("#search").display is False

    drive(make_app(SEED), scenario)


def test_m_shows_noise_lines_in_place_with_their_reason(placed_on: list[str]) -> None:
    async def scenario(pilot: Pilot) -> None:
        noise = visual("زهور الدم الحلقة 510")
        assert noise not in screen_text(pilot.app)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert noise in text
        assert "noise: link bait" in text
        assert any(style.bold for style in _styles_of(pilot, visual("لافروف"))), "coloured while placed again"
        await wait_for_entities(pilot)
        assert placed_on and threading.main_thread().name not in placed_on, "placed again in a thread"
        await pilot.press("e")
        await pilot.pause()
        assert "mention 1/" in status(pilot)
        view = view_of(pilot)
        index = next(i for i, row in enumerate(view.rows) if row.kind == "noise" and "510" in row.text)
        strips = view.row_strips(index)
        assert all(seg.style.dim for seg in strips[0] if seg.text.strip() and seg.style)
        await pilot.press("m")
        await pilot.pause()
        assert noise not in screen_text(pilot.app)

    drive(make_app(SEED), scenario, size=(120, 40))


def test_y_copies_the_section_in_view_as_logical_text(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("n")
        await pilot.press("y")
        await pilot.pause()
        copied = pilot.app.clipboard
        assert copied.startswith("القسم رقم 1 من التقرير\n\n")
        assert "في إطار تأكيد جديد" in copied
        assert not any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" for c in copied)

    drive(make_app(long_article), scenario)


def test_t_toggles_dark_and_light_themes() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert pilot.app.theme == "textual-dark"
        before = pilot.app.screen.query_one("#status").styles.background
        await pilot.press("t")
        await pilot.pause()
        assert pilot.app.theme == "textual-light"
        assert pilot.app.screen.query_one("#status").styles.background != before
        await pilot.press("t")
        assert pilot.app.theme == "textual-dark"

    drive(make_app(SEED), scenario)


def test_s_hides_and_shows_the_side_panes() -> None:
    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        narrow = view.size.width
        await pilot.press("s")
        await pilot.pause()
        assert "Sections" not in screen_text(pilot.app)
        assert view.size.width > narrow
        await pilot.press("s")
        await pilot.pause()
        assert "Sections" in screen_text(pilot.app)

    drive(make_app(SEED), scenario)


def test_side_panes_stand_right_of_an_rtl_article_unless_told_otherwise() -> None:
    async def right(pilot: Pilot) -> None:
        sidebar = pilot.app.screen.query_one("#sidebar")
        assert sidebar.region.x > view_of(pilot).region.x
        assert screen_lines(pilot.app)[0].rstrip().endswith("Sections")

    async def left(pilot: Pilot) -> None:
        sidebar = pilot.app.screen.query_one("#sidebar")
        assert sidebar.region.x < view_of(pilot).region.x
        assert "Sections" in screen_lines(pilot.app)[0][:12]

    drive(make_app(SEED), right)
    drive(make_app(SEED, settings=Config(sidebar="left")), left)


def test_q_quits_when_there_is_no_library_and_escape_never_does() -> None:
    app = make_app(SEED)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await pilot.pause()

    drive(app, scenario)
    assert app.return_code == 0


def help_table_text(pilot: Pilot) -> str:
    """The help screen's key table as a person reads it (it is taller than the screen)."""
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(screen.key_table())
    return console.export_text()


def test_help_lists_every_binding_with_its_keys() -> None:
    async def scenario(pilot: Pilot) -> None:
        from reader.tui.app import binding_groups

        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            help_text = help_table_text(pilot)
            for group in binding_groups():
                for binding in group.bindings:
                    assert binding.description in help_text
                    assert binding.id in help_text
            assert "Every key below comes from the bindings themselves" in screen_text(pilot.app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, ReaderScreen)

    drive(make_app(SEED), scenario, size=(120, 40))


def test_keys_can_be_remapped_by_binding_id_and_help_shows_the_new_key(long_article: Path) -> None:
    settings = Config(keys={"scroll.down": "x", "sections.next": "z"})

    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("x")
        await pilot.pause()
        assert view.scroll_y == 1
        await pilot.press("z")
        await pilot.pause()
        assert visual("القسم رقم 1 من التقرير") in screen_lines(pilot.app)[0]
        await pilot.press("f1")
        await pilot.pause()
        help_text = help_table_text(pilot)
        line = next(line for line in help_text.splitlines() if "scroll.down" in line)
        assert line.lstrip().startswith("x ")

    drive(make_app(long_article, settings=settings), scenario)


def test_resizing_lays_the_text_out_again_and_keeps_the_place(long_article: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        view = view_of(pilot)
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        before = view.top_mark()
        width = view.text_width()
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert view.text_width() != width
        after = view.top_mark()
        assert after.row == before.row
        line = screen_lines(pilot.app)[0]
        assert line.strip() and view.rows[after.row].kind != "title"
        assert max(len(text.rstrip()) for text in screen_lines(pilot.app)) > 100

    drive(make_app(long_article), scenario)


def test_tiny_windows_say_so_and_never_crash() -> None:
    async def scenario(pilot: Pilot) -> None:
        for size in ((20, 5), (10, 3), (1, 1), (29, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for key in ("j", "pagedown", "n", "e", "m", "end", "question_mark", "escape", "slash", "x", "enter"):
                await pilot.press(key)
            await pilot.pause()
            text = screen_text(pilot.app)
            assert "Window too small"[: size[0]] in text, size
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "Window too small" not in screen_text(pilot.app)
        assert "Sections" in screen_text(pilot.app)

    drive(make_app(SEED), scenario)


def test_reading_position_is_remembered_across_runs(long_article: Path) -> None:
    seen: dict[str, object] = {}

    async def read_some(pilot: Pilot) -> None:
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        seen["mark"] = view_of(pilot).top_mark()
        seen["line"] = screen_lines(pilot.app)[0]
        await pilot.press("q")

    async def reopen(pilot: Pilot) -> None:
        await pilot.pause(0.1)
        assert view_of(pilot).top_mark() == seen["mark"]
        assert screen_lines(pilot.app)[0] == seen["line"]

    drive(make_app(long_article), read_some)
    drive(make_app(long_article), reopen)
