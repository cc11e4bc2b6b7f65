"""RSS 2.0 feeds of a bundle: `feeds/all.xml` and one feed per category (portal-export-v1)."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from editor.core.article import Category, SiteSettings
from editor.portal import layout

if TYPE_CHECKING:
    from editor.portal.bundle import BundleArticle

FEED_SIZE = 50
ALL_FEED = "feeds/all.xml"
#: Publication dates are days in Qingdao: Asia/Shanghai, +08:00 all year (no DST since 1991).
PORTAL_TZ = dt.timezone(dt.timedelta(hours=8))
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
#: Characters XML 1.0 forbids (the surrogates are dealt with before this).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` as XML 1.0 character data: lone surrogates → U+FFFD, forbidden controls gone."""
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = _FORBIDDEN.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _element(name: str, text: str, indent: int) -> str:
    return f"{'  ' * indent}<{name}>{xml_text(text)}</{name}>\n"


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def rfc822(moment: dt.datetime) -> str:
    """An aware (or UTC-naive) time as RFC 822, in GMT: 'Tue, 14 Mar 2023 01:30:00 GMT'."""
    return format_datetime(_aware(moment).astimezone(dt.UTC), usegmt=True)


def pub_date(day: dt.date) -> str:
    """The publication date at midnight in Qingdao: 'Tue, 14 Mar 2023 00:00:00 +0800'."""
    return format_datetime(dt.datetime.combine(day, dt.time(0), tzinfo=PORTAL_TZ))


def _item(item: BundleArticle) -> str:
    article = item.article
    assert article.date is not None
    return ("    <item>\n"
            + _element("title", article.title, 3)
            + _element("link", layout.article_files(article.slug)[0], 3)
            + f'      <guid isPermaLink="false">{xml_text(article.id)}</guid>\n'
            + _element("pubDate", pub_date(article.date), 3)
            + _element("description", _as_html_text(article.summary), 3)
            + _element("category", item.category.label, 3)
            + "    </item>\n")


def _as_html_text(text: str) -> str:
    """Readers take an RSS description as HTML: plain text must be escaped as HTML first
    (then as XML), so that it shows as typed and never runs as markup."""
    return html.escape(text, quote=False)


def render_feed(title: str, link: str, description: str,
                items: Sequence[BundleArticle]) -> bytes:
    """One RSS 2.0 document; `items` already in feed order. Same input, same bytes."""
    updates = [_aware(i.article.updated) for i in items if i.article.updated is not None]
    build = _element("lastBuildDate", rfc822(max(updates)), 2) if updates else ""
    return (_DECLARATION + '<rss version="2.0">\n  <channel>\n'
            + _element("title", title, 2) + _element("link", link, 2)
            + _element("description", _as_html_text(description), 2)
            + _element("language", "en", 2)
            + build + "".join(_item(item) for item in items)
            + "  </channel>\n</rss>\n").encode("utf-8")


def feed_files(site: SiteSettings, items: Sequence[BundleArticle],
               categories: Sequence[Category]) -> Iterator[tuple[str, bytes]]:
    """`feeds/all.xml`, then one feed per category in `categories` order (empty ones too)."""
    ordered = sorted(items, key=lambda item: item.sort_key)
    description = f"Latest articles from {site.name}"
    yield ALL_FEED, render_feed(site.name, layout.INDEX, description, ordered[:FEED_SIZE])
    for category in categories:
        mine = [i for i in ordered if i.category.id == category.id][:FEED_SIZE]
        yield layout.category_feed(category), render_feed(
            f"{site.name} – {category.label}", layout.category_page(category),
            f"{description} in {category.label}", mine)


def _link_and_dates(element: ET.Element, where: str, dates: tuple[str, ...]) -> list[str]:
    """A link that leaves the bundle, and dates `parsedate_to_datetime` cannot read."""
    problems = []
    link = (element.findtext("link") or "").strip()
    try:
        absolute = bool(urlsplit(link).scheme or urlsplit(link).netloc)
    except ValueError:
        absolute = True
    if absolute or link.startswith(("/", "\\")):
        problems.append(f"{where}: link '{link}' is absolute")
    elif ".." in link:
        problems.append(f"{where}: link '{link}' contains '..'")
    for name in dates:
        value = (element.findtext(name) or "").strip()
        if not value:
            continue
        try:
            parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            problems.append(f"{where}: <{name}> '{value}' is not an RFC 822 date")
    return problems


def check_feed(path: str, data: bytes) -> list[str]:
    """Problems with the feed file `path` holding `data`, as short messages; [] when fine."""
    if b"<!DOCTYPE" in data.upper():
        return ["a feed must not carry a DOCTYPE"]
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != "rss" or root.get("version") != "2.0":
        return ['the root is not <rss version="2.0">']
    channels = root.findall("channel")
    if len(channels) != 1:
        return [f"expected one <channel>, found {len(channels)}"]
    channel, problems = channels[0], []
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"the channel has no <{name}>")
    problems += _link_and_dates(channel, "the channel", ("lastBuildDate",))
    items = channel.findall("item")
    if len(items) > FEED_SIZE:
        problems.append(f"{len(items)} items, more than {FEED_SIZE}")
    for number, item in enumerate(items, 1):
        for name in ("title", "link", "guid", "pubDate"):
            if not (item.findtext(name) or "").strip():
                problems.append(f"item {number} has no <{name}>")
        problems += _link_and_dates(item, f"item {number}", ("pubDate",))
    return problems
