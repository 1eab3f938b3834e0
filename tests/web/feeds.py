"""Feed documents for the tests, written here (RSS 0.91, 1.0/RDF, 2.0, Atom), and a dict-backed store."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape

from reader.web.update import FeedState, Known, NewEntry

BODY = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم مئتي سرير ويخدم أكثر من نصف مليون نسمة. "
    "وقال الوزير إن المستشفى سيعمل بكامل طاقته مع بداية العام المقبل بعد تدريب الكوادر الطبية. "
) * 3


def rss2(title: str, items: list[dict[str, str]], *, encoding: str = "utf-8") -> bytes:
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        f"<title>{escape(title)}</title><link>http://example.org/</link>",
    ]
    for item in items:
        parts.append("<item>")
        for name in ("title", "link", "guid", "description", "dc:creator", "pubDate"):
            if name in item:
                parts.append(f"<{name}>{escape(item[name])}</{name}>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding)


def item(n: int, base: str = "http://example.org", *, full: bool = True, **extra: str) -> dict[str, str]:
    fields = {
        "title": f"خبر رقم {n}",
        "link": f"{base}/news/{n}",
        "guid": f"urn:news:{n}",
        "description": f"ملخص الخبر رقم {n}",
        "pubDate": formatdate(1_700_000_000 + n * 60, usegmt=True),
        "dc:creator": "سارة المصري",
    }
    if full:
        fields["content"] = f"<p>الخبر رقم {n}: {BODY}</p>"
    fields.update(extra)
    return fields


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار أطوم</title><link href="http://example.org/"/>
<entry><title type="html">&lt;b&gt;عنوان&lt;/b&gt; أطوم</title><id>urn:atom:1</id>
<link rel="alternate" href="http://example.org/atom/1"/><updated>2024-05-01T10:00:00Z</updated>
<author><name>كاتب</name></author><content type="html">&lt;p&gt;نص الخبر الكامل.&lt;/p&gt;</content></entry></feed>
""".encode()

RDF = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://example.org/"><title>أخبار آر دي إف</title><link>http://example.org/</link></channel>
<item rdf:about="http://example.org/rdf/1"><title>خبر آر دي إف</title><link>http://example.org/rdf/1</link>
<description>ملخص</description></item></rdf:RDF>
""".encode()

RSS091 = """<?xml version="1.0" encoding="windows-1256"?>
<rss version="0.91"><channel><title>أخبار قديمة</title><link>http://example.org/</link>
<item><title>خبر بترميز ويندوز</title><link>http://example.org/old/1</link><description>ملخص قصير</description></item>
</channel></rss>
""".encode("cp1256")


@dataclass
class MemoryFeeds:
    """The updater's store seam over dicts, to test the updater on its own."""

    states: dict[str, FeedState] = field(default_factory=dict)
    entries: dict[str, list[NewEntry]] = field(default_factory=dict)

    def follow(self, *urls: str) -> MemoryFeeds:
        for url in urls:
            self.states[url] = FeedState(url)
        return self

    def feed_states(self) -> list[FeedState]:
        return list(self.states.values())

    def known_entries(self, feed_url: str) -> Known:
        entries = self.entries.get(feed_url, [])
        return Known(
            frozenset(e.guid for e in entries if e.guid),
            frozenset(e.link for e in entries if e.link),
            frozenset(e.hash for e in entries),
        )

    def add_entries(self, feed_url: str, entries: list[NewEntry]) -> None:
        self.entries.setdefault(feed_url, []).extend(entries)

    def save_feed_state(self, state: FeedState) -> None:
        self.states[state.url] = state
