"""RSS 2.0 feeds of a bundle: contents, order, links, dates, hostile text and the checker."""

from __future__ import annotations

import datetime as dt
import html
import random
import xml.etree.ElementTree as ET
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from editor.core.article import Article, Category, SiteSettings, Status
from editor.portal import layout
from editor.portal.bundle import BundleArticle
from editor.portal.feeds import FEED_SIZE, check_feed, feed_files

SITE = SiteSettings(name="Qingdao International Community Center & <Friends>",
                    address="1 Road", telephone="(+86) 0532-68873099", hours="9-17")
BUSINESS = Category(1, "Business", "Business News")
NEWS = Category(2, "", "News")
TICKETS = Category(3, "Visit", "Entrance tickets")  # no articles at all
CATEGORIES = (BUSINESS, NEWS, TICKETS)
HOSTILE = "<script>alert('x')</script> & ]]> \x00\x07\x0b\x1f bad\ud800 ok \U0001f600"
HOSTILE_CLEAN = "<script>alert('x')</script> & ]]>  bad\ufffd ok \U0001f600"


def make(number: int, category: Category, day: dt.date, *, title: str = "",
         summary: str | None = None) -> BundleArticle:
    article = Article(
        id=f"00000000-0000-4000-8000-{number:012d}", title=title or f"Article {number}",
        slug=f"article-{number:03d}", summary=f"Summary {number}" if summary is None else summary,
        category_id=category.id, date=day, status=Status.APPROVED,
        updated=dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=number),
        revision=1)
    return BundleArticle(article, category, f"<p>{number}</p>")


def sample() -> list[BundleArticle]:
    """55 business articles (one a day), 12 news articles, two on the same day, one hostile."""
    start = dt.date(2023, 1, 1)
    items = [make(n, BUSINESS, start + dt.timedelta(days=n)) for n in range(55)]
    items += [make(100 + n, NEWS, start + dt.timedelta(days=2 * n + 1)) for n in range(12)]
    items.append(make(200, NEWS, start + dt.timedelta(days=23), summary=""))
    items.append(make(201, NEWS, start + dt.timedelta(days=3), title=HOSTILE, summary=HOSTILE))
    return items


def feeds(items: list[BundleArticle] | None = None) -> dict[str, bytes]:
    return dict(feed_files(SITE, sample() if items is None else items, CATEGORIES))


def newest(items: list[BundleArticle], category: Category | None = None) -> list[BundleArticle]:
    mine = [i for i in items if category is None or i.category == category]
    return sorted(mine, key=lambda i: i.sort_key)[:FEED_SIZE]


def channel(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    found = root.find("channel")
    assert found is not None
    return found


def test_one_feed_for_all_and_one_per_category_even_empty() -> None:
    assert list(feeds()) == ["feeds/all.xml", "feeds/business--business-news.xml",
                             "feeds/news.xml", "feeds/visit--entrance-tickets.xml"]
    empty = channel(feeds()["feeds/visit--entrance-tickets.xml"])
    assert empty.findall("item") == []
    assert empty.find("lastBuildDate") is None
    assert empty.findtext("title") == f"{SITE.name} – Visit › Entrance tickets"


@pytest.mark.parametrize("path", ["feeds/all.xml", "feeds/business--business-news.xml",
                                  "feeds/news.xml", "feeds/visit--entrance-tickets.xml"])
def test_feedparser_reads_every_feed_cleanly(path: str) -> None:
    data = feeds()[path]
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">')
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title.startswith("Qingdao International Community Center & <Friends>")
    assert parsed.feed.language == "en"
    assert check_feed(path, data) == []


def test_all_feed_holds_the_fifty_newest_newest_first() -> None:
    items = sample()
    root = channel(feeds(items)["feeds/all.xml"])
    expected = newest(items)
    assert len(expected) == FEED_SIZE < len(items)
    assert [i.findtext("guid") for i in root.findall("item")] == [e.article.id for e in expected]
    dates = [parsedate_to_datetime(i.findtext("pubDate") or "") for i in root.findall("item")]
    assert dates == sorted(dates, reverse=True)
    assert root.findtext("link") == "index.html"
    assert root.findtext("description") == html.escape(f"Latest articles from {SITE.name}",
                                                        quote=False)


def test_same_day_articles_are_ordered_by_slug() -> None:
    day = dt.date(2024, 5, 5)
    items = [make(3, NEWS, day), make(1, NEWS, day), make(2, NEWS, day - dt.timedelta(days=1))]
    root = channel(feeds(items)["feeds/news.xml"])
    assert [i.findtext("link") for i in root.findall("item")] == [
        "articles/article-001/index.html", "articles/article-003/index.html",
        "articles/article-002/index.html"]


@pytest.mark.parametrize("category", [BUSINESS, NEWS])
def test_category_feed_holds_only_its_newest_articles(category: Category) -> None:
    items = sample()
    root = channel(feeds(items)[layout.category_feed(category)])
    expected = newest(items, category)
    assert [i.findtext("guid") for i in root.findall("item")] == [e.article.id for e in expected]
    assert {i.findtext("category") for i in root.findall("item")} == {category.label}
    assert root.findtext("link") == layout.category_page(category)
    assert root.findtext("title") == f"{SITE.name} – {category.label}"
    assert len(expected) == min(FEED_SIZE, len([i for i in items if i.category == category]))


def test_links_are_relative_article_pages() -> None:
    items = {i.article.id: i for i in sample()}
    for path, data in feeds().items():
        parsed = feedparser.parse(data)
        assert not parsed.feed.link.startswith(("/", "http")) and ".." not in parsed.feed.link
        for entry in parsed.entries:
            slug = items[entry.id].article.slug
            assert entry.link == layout.article_files(slug)[0] == f"articles/{slug}/index.html"
            assert entry.guidislink is False, path


def test_dates_round_trip_as_rfc_822() -> None:
    items = sample()
    by_id = {i.article.id: i.article for i in items}
    root = channel(feeds(items)["feeds/all.xml"])
    for element in root.findall("item"):
        moment = parsedate_to_datetime(element.findtext("pubDate") or "")
        assert moment.date() == by_id[element.findtext("guid") or ""].date
        assert (moment.hour, moment.minute, moment.second) == (0, 0, 0)
        assert moment.utcoffset() == dt.timedelta(hours=8)
    shown = [by_id[e.findtext("guid") or ""] for e in root.findall("item")]
    built = parsedate_to_datetime(root.findtext("lastBuildDate") or "")
    assert built == max(a.updated for a in shown if a.updated is not None)
    first = feedparser.parse(feeds(items)["feeds/all.xml"]).entries[0]
    assert first.published == "Fri, 24 Feb 2023 00:00:00 +0800"
    assert tuple(first.published_parsed)[:4] == (2023, 2, 23, 16)  # the same moment in UTC


def test_summary_is_the_description() -> None:
    items = sample()
    root = channel(feeds(items)["feeds/news.xml"])
    descriptions = {e.findtext("guid"): e.find("description") for e in root.findall("item")}
    assert len(descriptions) == 14
    for item in newest(items, NEWS):
        element = descriptions[item.article.id]
        assert element is not None
        if item.article.title != HOSTILE:
            assert (element.text or "") == item.article.summary
    assert [entry.summary for entry in feedparser.parse(feeds(items)["feeds/news.xml"]).entries
            if entry.id.endswith("200")] == [""]  # an empty summary gives an empty description


def test_hostile_text_stays_escaped_text() -> None:
    data = feeds()["feeds/news.xml"]
    assert b"<script" not in data and b"]]>" not in data and b"\x00" not in data
    assert b"&lt;script&gt;" in data and b"&amp;" in data
    hostile = next(e for e in channel(data).findall("item")
                   if e.findtext("guid", "").endswith("201"))
    assert hostile.findtext("title") == HOSTILE_CLEAN
    description = hostile.find("description")
    # a description is HTML to readers: the typed text arrives HTML-escaped, shown as text
    assert description is not None and description.text == html.escape(HOSTILE_CLEAN, quote=False)
    assert [len(e) for e in hostile] == [0] * 6  # no element smuggled in through the text
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert check_feed("feeds/news.xml", data) == []


def test_same_input_gives_the_same_bytes_in_any_order() -> None:
    items = sample()
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    assert shuffled != items
    assert list(feed_files(SITE, items, CATEGORIES)) == list(feed_files(SITE, items, CATEGORIES))
    assert feeds(items) == feeds(shuffled)


Damage = Callable[[bytes], bytes]


def swap(*pairs: tuple[bytes, bytes]) -> Damage:
    """A damage that replaces the first `old` by `new`, for each pair (each `old` must be there)."""
    def damage(data: bytes) -> bytes:
        for old, new in pairs:
            assert old in data, old
            data = data.replace(old, new, 1)
        return data
    return damage


def whole(document: bytes) -> Damage:
    return lambda _data: document


DAMAGE: dict[str, tuple[Damage, str]] = {
    "truncated": (lambda data: data[:-30], "not well-formed XML"),
    "unclosed": (whole(b"<rss version='2.0'><channel><title>x</title></channel>"),
                 "not well-formed XML"),
    "control-char": (swap((b"Article 54", b"Article \x0154")), "not well-formed XML"),
    "not-rss": (whole(b"<?xml version='1.0'?><feed/>"), 'the root is not <rss version="2.0">'),
    "old-version": (swap((b'<rss version="2.0">', b'<rss version="0.91">')), "the root is not"),
    "no-channel": (whole(b'<rss version="2.0"></rss>'), "expected one <channel>, found 0"),
    "no-item-title": (swap((b"<title>Article 54</title>", b"")), "item 1 has no <title>"),
    "no-channel-title": (swap((b"    <title>Qingdao", b"    <name>Qingdao"),
                              (b"</title>\n    <link>", b"</name>\n    <link>")),
                         "the channel has no <title>"),
    "no-channel-description": (swap((b"<description>Latest", b"<summary>Latest"),
                                    (b"</description>\n    <language>",
                                     b"</summary>\n    <language>")),
                               "the channel has no <description>"),
    "absolute-item-link": (swap((b"<link>articles/article-054/", b"<link>https://evil.example/")),
                           "item 1: link 'https://evil.example/index.html' is absolute"),
    "rooted-channel-link": (swap((b"<link>index.html", b"<link>/index.html")),
                            "the channel: link '/index.html' is absolute"),
    "dotdot-link": (swap((b"<link>articles/article-054/", b"<link>../articles/article-054/")),
                    "item 1: link '../articles/article-054/index.html' contains '..'"),
    "iso-pubdate": (swap((b"<pubDate>Fri, 24 Feb 2023 00:00:00 +0800<",
                          b"<pubDate>2023-02-24T00:00+08:00<")),
                    "item 1: <pubDate> '2023-02-24T00:00+08:00' is not an RFC 822 date"),
    "no-such-day": (swap((b"<pubDate>Fri, 24 Feb 2023", b"<pubDate>Fri, 31 Feb 2023")),
                    "item 1: <pubDate> 'Fri, 31 Feb 2023 00:00:00 +0800' is not an RFC 822 date"),
    "no-pubdate": (swap((b"<pubDate>Fri, 24 Feb 2023 00:00:00 +0800</pubDate>", b"")),
                   "item 1 has no <pubDate>"),
    "no-guid": (swap((b"<guid", b"<id"), (b"</guid>", b"</id>")), "item 1 has no <guid>"),
    "doctype": (swap((b"<?xml", b'<!DOCTYPE x [<!ENTITY a "b">]>\n<?xml')), "DOCTYPE"),
}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_check_feed_finds_damage(name: str) -> None:
    damage, expected = DAMAGE[name]
    good = feeds()["feeds/all.xml"]
    assert check_feed("feeds/all.xml", good) == []
    problems = check_feed("feeds/all.xml", damage(good))
    assert any(expected in problem for problem in problems), problems


def test_check_feed_counts_items() -> None:
    good = feeds()["feeds/all.xml"]
    item = good.split(b"<item>")[1].split(b"</item>")[0]
    data = swap((b"  </channel>", b"<item>" + item + b"</item>\n  </channel>"))(good)
    assert check_feed("feeds/all.xml", data) == [f"{FEED_SIZE + 1} items, more than {FEED_SIZE}"]
