"""`reader feed add|list|remove|import|export` and `reader update`: the feeds a person follows.

cli.py adds these commands with `add_commands` and runs them with `RUNNERS`. Feed state lives in
the library (reader.library.feeds); `reader update` fetches through reader.web.update.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reader.errors import InputError, UsageError
from reader.web.fetch import check_url, is_url

if TYPE_CHECKING:
    from reader.library import Library
    from reader.library.feeds import LibraryFeeds

FEED_ACTIONS = ("add", "list", "remove", "import", "export")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    feed = commands.add_parser("feed", help="follow RSS and Atom feeds: add, list, remove, import, export")
    actions = feed.add_subparsers(
        dest="action", metavar="ACTION", required=True, help="what to do with feeds", parser_class=type(feed)
    )
    add = actions.add_parser("add", help="follow a feed (nothing is fetched until reader update)")
    add.add_argument("url", metavar="URL", help="the feed's address (http or https)")
    add.add_argument("--title", metavar="T", help="the name to list it by (default: the feed's own)")
    actions.add_parser("list", help="each feed: URL, title, entries, unread, last update, last error")
    remove = actions.add_parser("remove", help="stop following a feed (its articles stay unless --purge)")
    remove.add_argument("url", metavar="URL")
    remove.add_argument("--purge", action="store_true", help="remove the feed's articles from the library too")
    imported = actions.add_parser("import", help="follow every feed an OPML file lists")
    imported.add_argument("file", metavar="FILE.opml")
    actions.add_parser("export", help="print the feeds followed as OPML")
    update = commands.add_parser(
        "update",
        help="fetch every feed and add its new entries to the library",
        description="Exit 0 when every feed was fetched, 1 when some failed (each one line on standard "
        "error), 2 for usage errors.",
    )
    update.add_argument("--jobs", type=int, default=8, metavar="N", help="feeds fetched at once (default 8)")


def run_feed(args: argparse.Namespace) -> int:
    from reader.library import Library
    from reader.library.feeds import LibraryFeeds

    with Library() as library:
        feeds = LibraryFeeds(library)
        if args.action == "add":
            url = _feed_url(args.url)
            title = " ".join((args.title or "").split())
            added = feeds.follow(url, title)
            print(f"{'following' if added else 'already following'} {url}", file=sys.stderr)
        elif args.action == "remove":
            removed = feeds.unfollow(args.url, purge=args.purge)
            if removed is None:
                raise UsageError(f"not following {args.url} (see reader feed list)")
            print(
                f"stopped following {args.url}" + (f"; {removed} articles removed" if args.purge else ""),
                file=sys.stderr,
            )
        elif args.action == "import":
            return _import(feeds, args.file)
        elif args.action == "export":
            from reader.web.opml import Subscription, write_opml

            sys.stdout.write(write_opml([Subscription(url, title) for url, title in feeds.urls()]))
        else:
            _list(feeds)
    return 0


def _feed_url(url: str) -> str:
    if not is_url(url):
        raise UsageError(f"{url}: not a web address (say https://...)")
    return check_url(url)


def _import(feeds: LibraryFeeds, path: str) -> int:
    from reader.sources.files import read_bytes, shown
    from reader.web.opml import read_opml

    subscriptions = read_opml(read_bytes(path, 10 * 1024 * 1024), shown(path))
    if not subscriptions:
        raise InputError(f"{shown(path)}: lists no feeds (no outline with an xmlUrl)")
    added = skipped = 0
    for subscription in subscriptions:
        if not is_url(subscription.url) or not subscription.url.lower().startswith(("http://", "https://")):
            print(f"reader: skipped {subscription.url!r}: not an http or https address", file=sys.stderr)
            skipped += 1
            continue
        added += feeds.follow(subscription.url, subscription.title)
    print(f"{added} feeds added, {len(subscriptions) - added - skipped} already followed", file=sys.stderr)
    return 1 if skipped else 0


def _list(feeds: LibraryFeeds) -> None:
    rows = feeds.rows()
    if not rows:
        print(
            "no feeds: follow one with reader feed add URL, or reader feed import articles/feeds.opml", file=sys.stderr
        )
        return
    aligned = sys.stdout.isatty()
    for row in rows:
        when = datetime.fromtimestamp(row.updated, UTC).strftime("%Y-%m-%d %H:%M") if row.updated else "never"
        fields = [row.url, row.title or "-", str(row.entries), str(row.unread), when, row.error or "-"]
        if aligned:
            print(
                f"{row.url}\n  {fields[1]} · {row.entries} entries, {row.unread} unread · updated {when}"
                + (f" · {row.error}" if row.error else "")
            )
        else:
            print("\t".join(field.replace("\t", " ") for field in fields))


def run_update(args: argparse.Namespace) -> int:
    from reader.library import Library
    from reader.library.feeds import LibraryFeeds
    from reader.web.update import update_feeds

    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    from reader.library.progress import terminal_progress

    with Library() as library:
        feeds = LibraryFeeds(library)
        if not feeds.urls():
            print("no feeds to update: follow one with reader feed add URL", file=sys.stderr)
            return 0
        with terminal_progress(sys.stderr, "updating feeds") as progress:
            summary = update_feeds(
                feeds,
                jobs=args.jobs,
                report=lambda line: print(f"reader: {line}", file=sys.stderr),
                progress=progress or (lambda done, total: None),
            )
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0


def index_pages(library: Library, urls: list[str]) -> list[str]:
    """`reader index URL...`: each page fetched, extracted and stored under its address; the errors, each printed."""
    from reader.library.background import store_pages

    errors = store_pages(library, urls)
    for error in errors:
        print(f"reader: failed: {error}", file=sys.stderr)
    return errors


RUNNERS = {"feed": run_feed, "update": run_update}
