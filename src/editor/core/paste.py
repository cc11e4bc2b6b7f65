"""Clipboard HTML (Word, LibreOffice Writer, a web page) → clean Markdown for the body.

`html_to_markdown` keeps what an article needs and nothing of how the source program
styled it:

* Headings: the page's h1 is the article title, so Word's *Title* paragraph and every h1
  become ``##``; h2 → ``##``, h3 → ``###``, h4–h6 → ``####`` (the bundle allows h2–h4).
* Bold and italic as ``**…**`` and ``*…*`` (also from ``font-weight``/``font-style`` spans;
  Google Docs' ``<b style="font-weight:normal">`` wrapper is not bold). Bold inside headings
  and header cells is dropped.
* Lists as ``- item`` and ``1. item``, nested by four spaces (Python-Markdown's rule). Word's
  list paragraphs (``mso-list:l0 level2 lfo1`` with the ``·``/``1.`` glyph in a
  ``mso-list:Ignore`` span) become real lists; the glyph decides bullet or number.
* Links with http, https, mailto and tel targets; any other link (``javascript:``, ``file:``,
  page anchors, relative paths) keeps only its text.
* Images only from http(s) as ``![alt](src)``; Office's ``file:``/``data:`` images become the
  text ``[image: alt]`` (``[image]`` without alt text).
* Tables as pipe tables; the first row is the header when the HTML has none. A table of one
  column, or whose cells hold headings, lists or tables, is page layout and is unwrapped.
* Hard line breaks (``<br>``) inside a paragraph are the one place where two trailing spaces
  stay (the Markdown way to break a line); ``<sup>``/``<sub>`` stay as those tags, which the
  bundle allows and Markdown has no syntax for.
* Dropped: styles, classes, fonts, spans, Office markup (``<o:p>``, ``<v:…>``, ``<xml>``,
  conditional comments), ``<head>`` contents, empty paragraphs, non-breaking-space runs, and
  whole scripts, styles, frames, objects, media and form controls. A ``<form>`` goes with its
  contents unless it wraps real text (headings, paragraphs, lists, tables), as some sites wrap
  the whole page in one.

Prose is escaped only where Markdown would misread it: ``snake_case`` and ``5 * 3`` stay as
they are, while ``*word``, ``_word_``, a leading ``#``, ``- ``, ``1. `` or ``>``, backticks
and tag-like ``<x`` are escaped. The result has no trailing spaces (except hard breaks), no
runs of blank lines and no final newline; empty or content-free HTML gives "".

Pure Python (BeautifulSoup's html.parser and markdownify): the work is linear in the size of
the HTML, and nesting is flattened past a fixed depth so that deep markup cannot exhaust the
stack.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement, PreformattedString
from bs4.exceptions import ParserRejectedMarkup
from markdownify import ATX, MarkdownConverter

# Gone with everything inside them (never their text).
_DROP = frozenset((
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "param", "button", "input", "select", "textarea", "option", "optgroup",
    "datalist", "output", "progress", "meter", "svg", "math", "canvas", "audio", "video",
    "source", "track", "map", "area", "title", "meta", "link", "base", "xml", "dialog",
))
_DROP_PREFIXES = ("o:", "v:", "xml:")  # Office's <o:p>, VML shapes (the <img> fallback stays)
# What the converter turns into Markdown; every other tag is renamed or unwrapped.
_KEEP = frozenset((
    "p", "div", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "sup", "sub",
))
_RENAME = {
    "h1": "h2", "h5": "h4", "h6": "h4", "b": "strong", "i": "em", "cite": "em", "var": "em",
    "dfn": "em", "kbd": "code", "samp": "code", "tt": "code", "figcaption": "p", "dd": "p",
    "section": "div", "article": "div", "main": "div", "header": "div", "footer": "div",
    "nav": "div", "aside": "div", "address": "div", "details": "div", "summary": "div",
    "fieldset": "div", "legend": "div", "center": "div", "hgroup": "div", "figure": "div",
    "dl": "div", "form": "div",
}
_HEADINGS = ("h2", "h3", "h4")
_LISTS = ("ul", "ol")
_BLOCKS = frozenset((
    "p", "div", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "table", "hr",
))
_LINE_CONTAINERS = frozenset(("p", "div", "li", "blockquote", "[document]"))
_INLINE_FORMATS = ("strong", "em", "a")
_LINK_SCHEMES = frozenset(("http", "https", "mailto", "tel"))
_IMAGE_SCHEMES = frozenset(("http", "https"))
_MAX_DEPTH = 100  # markdownify recurses about three frames per level

# Word's downlevel-revealed blocks whose content is a fallback we do not want.
_UNWANTED_FALLBACKS = re.compile(
    r"^\[?if\s+!(supportLists|supportLineBreakNewLine|supportEmptyParas|"
    r"supportMisalignedColumns)\]?$", re.IGNORECASE)
_ENDIF = re.compile(r"^\[?endif\]?$", re.IGNORECASE)
_MSO_LIST = re.compile(r"mso-list\s*:\s*(l\d+)\s+level(\d+)", re.IGNORECASE)
_MSO_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
_ORDERED_GLYPH = re.compile(r"\(?(\d{1,4}|[a-z]|[ivxlcdm]{1,6})[.)]", re.IGNORECASE)
_BAD_MARKED_SECTION = re.compile(r"<!\[(?!\s*(?:if|endif|else|cdata\[))", re.IGNORECASE)
_CF_HTML_HEADER = re.compile(r"\AVersion:\d[^<]*?StartHTML:[^<]*?(?=<)", re.DOTALL)
_INVISIBLE = str.maketrans({"\xa0": " ", "\u200b": None, "\u200c": None, "\u200d": None,
                            "\u2060": None, "\ufeff": None, "\xad": None, "\r": None})
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", '"': "%22",
               "|": "%7C", "\\": "%5C", "`": "%60"}
_BR = "\ue000"  # stands for a hard line break until the lines are tidied

# Escaping of prose (see _Converter.escape).
_ESCAPABLE_BACKSLASH = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!<>|])")
_ASTERISKS = re.compile(r"\*+")
_UNDERSCORES = re.compile(r"_+")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# What a line may not start with: a heading, quote, bullet, rule, number or link definition.
_LINE_START = re.compile(r"#|>|[-+*](?=\s|$)|-{2,}|\d{1,9}(?=[.)](?:\s|$))|\[(?=[^\]]*\]:)")


def html_to_markdown(html: str) -> str:
    """Clean Markdown for the editor from HTML taken from the clipboard."""
    if not html or not html.strip():
        return ""
    soup = _parse(html)
    if soup is None:
        return ""
    _clean(soup)
    return _tidy(_Converter().convert_soup(soup))


# --- parsing -----------------------------------------------------------------------------

def _parse(html: str) -> BeautifulSoup | None:
    html = _CF_HTML_HEADER.sub("", html.lstrip("\ufeff"), count=1)
    html = _BAD_MARKED_SECTION.sub("&lt;![", html)
    if "<" not in html:
        html = f"<p>{html}</p>"  # bare text; also keeps bs4 from taking it for a file name
    try:
        return BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
    except (ParserRejectedMarkup, AssertionError):
        # html.parser gave up on some declaration: drop every <!…> construct and retry.
        try:
            return BeautifulSoup(re.sub(r"<![^>]*>", "", html), "html.parser",
                                 multi_valued_attributes=None)
        except (ParserRejectedMarkup, AssertionError):
            return None


def _clean(soup: BeautifulSoup) -> None:
    """Reduce the tree to the elements the converter knows, in the shape it expects."""
    _limit_depth(soup)
    _drop_junk(soup)
    _word_lists(soup)
    _drop_markup_nodes(soup)
    _normalize_text(soup)
    _restyle(soup)
    _fix_links_and_images(soup)
    _fix_lists(soup)
    _fix_tables(soup)
    _fix_inline(soup)
    _drop_empty(soup)
    _number_lists(soup)
    soup.smooth()


def _css(tag: Tag) -> dict[str, str]:
    style = tag.get("style")
    if not isinstance(style, str) or ":" not in style:
        return {}
    declarations: dict[str, str] = {}
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            declarations[name.strip().lower()] = " ".join(value.split()).lower()
    return declarations


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class")
    return set(value.lower().split()) if isinstance(value, str) else set()


# bs4's find_all and find_parent build a filter on every call; these plain walks are several
# times faster, which matters for a paste of megabytes.
def _tags(root: Tag, names: Collection[str] | None = None) -> list[Tag]:
    """The elements under `root` (named `names`), in document order."""
    return [node for node in root.descendants
            if isinstance(node, Tag) and (names is None or node.name in names)]


def _contains(root: Tag, names: Collection[str]) -> bool:
    return any(isinstance(node, Tag) and node.name in names for node in root.descendants)


def _inside(node: PageElement, names: Collection[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name in names:
            return True
        parent = parent.parent
    return False


def _has_content(tag: Tag) -> bool:
    """Visible text or an image (or rule) somewhere inside."""
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name in ("img", "hr"):
                return True
        elif not isinstance(node, PreformattedString) and node.strip():
            return True
    return False


def _is_blank(node: PageElement | None) -> bool:
    return isinstance(node, NavigableString) and (
        isinstance(node, PreformattedString) or not node.strip())


def _previous_content(node: PageElement) -> PageElement | None:
    previous = node.previous_sibling
    while previous is not None and _is_blank(previous):
        previous = previous.previous_sibling
    return previous


# --- the passes ----------------------------------------------------------------------------

def _drop_junk(soup: BeautifulSoup) -> None:
    for tag in _tags(soup):
        name = tag.name
        if name in _DROP or name.startswith(_DROP_PREFIXES) or (
                name == "form" and not _contains(tag, ("p", "h1", "h2", "h3", "li", "table"))):
            tag.extract()  # (what is inside may still come up in this loop: harmless)


def _take_fallback(start: PageElement) -> str:
    """Remove a downlevel-revealed block from its opening declaration to its endif; its text."""
    parts: list[str] = []
    node = start.next_sibling
    start.extract()
    while node is not None:
        following = node.next_sibling
        if isinstance(node, PreformattedString) and _ENDIF.match(node.strip()):
            node.extract()
            break
        parts.append(node.get_text() if isinstance(node, Tag) else str(node))
        node.extract()
        node = following
    return "".join(parts)


def _take_marker(paragraph: Tag) -> str | None:
    """Remove Word's list glyph (and the spaces after it) from a paragraph; the glyph."""
    marker: str | None = None
    for node in list(paragraph.descendants):
        if (isinstance(node, PreformattedString) and node.parent is not None
                and _UNWANTED_FALLBACKS.match(node.strip())):
            text = _take_fallback(node)
            marker = marker or text
    ignored = paragraph.find(style=_MSO_IGNORE)
    while isinstance(ignored, Tag):
        marker = marker or ignored.get_text()
        ignored.decompose()
        ignored = paragraph.find(style=_MSO_IGNORE)
    return None if marker is None else "".join(marker.split())


def _word_lists(soup: BeautifulSoup) -> None:
    """Word's list paragraphs (mso-list styles, glyph in a span) → nested ul/ol."""
    runs: list[list[tuple[Tag, int, bool, str]]] = []
    last: Tag | None = None
    for paragraph in _tags(soup, ("p",)):
        style = paragraph.get("style")
        style = style if isinstance(style, str) else ""
        is_list_style = "mso-list" in style.lower()
        if not is_list_style and not any(c.startswith("msolistparagraph")
                                         for c in _classes(paragraph)):
            continue
        level_match = _MSO_LIST.search(style)
        previous = _previous_content(paragraph)
        marker = _take_marker(paragraph)
        if marker is None and level_match is None:
            continue  # a List Paragraph without numbering is an ordinary paragraph
        level = int(level_match.group(2)) if level_match else 1
        ordered = bool(marker and _ORDERED_GLYPH.fullmatch(marker))
        item = (paragraph, level, ordered, marker or "")
        if last is not None and previous is last:
            runs[-1].append(item)
        else:
            runs.append([item])
        last = paragraph
    for run in runs:
        _build_list(soup, run)


def _build_list(soup: BeautifulSoup, run: list[tuple[Tag, int, bool, str]]) -> None:
    stack: list[tuple[int, Tag]] = []
    for paragraph, level, ordered, marker in run:
        name = "ol" if ordered else "ul"
        while stack and stack[-1][0] > level:
            stack.pop()
        if stack and stack[-1][0] == level and stack[-1][1].name != name:
            stack.pop()  # bullets then numbers at one level: two lists
        if not stack or stack[-1][0] < level:
            new_list = soup.new_tag(name)
            number = marker.strip("().")
            if ordered and number.isdigit() and int(number) > 1:
                new_list["start"] = number
            if stack:
                stack[-1][1].contents[-1].append(new_list)
            else:
                paragraph.insert_before(new_list)
            stack.append((level, new_list))
        paragraph.extract()
        paragraph.name = "li"
        paragraph.attrs = {}
        stack[-1][1].append(paragraph)


def _drop_markup_nodes(soup: BeautifulSoup) -> None:
    """Comments (with Office's conditional ones), declarations, doctype, CDATA."""
    for node in [n for n in soup.descendants if isinstance(n, PreformattedString)]:
        if node.parent is None:
            continue  # already taken with a fallback block
        if _UNWANTED_FALLBACKS.match(node.strip()):
            _take_fallback(node)
        else:
            node.extract()


def _normalize_text(soup: BeautifulSoup) -> None:
    """Non-breaking spaces become spaces (the converter collapses runs); invisibles go."""
    texts = [node for node in soup.descendants if isinstance(node, NavigableString)]
    for text in texts:
        cleaned = text.translate(_INVISIBLE)
        if cleaned != text and not _inside(text, ("pre",)):
            text.replace_with(cleaned)


def _restyle(soup: BeautifulSoup) -> None:
    """Rename what has a Markdown meaning, unwrap every other element (keeping its text)."""
    for tag in _tags(soup):
        name = tag.name
        css = _css(tag)
        if name == "p":
            classes = _classes(tag)
            if "msotitle" in classes:
                name = "h1"
            elif classes & {"msoquote", "msointensequote"}:
                name = "blockquote"
        weight = css.get("font-weight", "")
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        italic = css.get("font-style", "") in ("italic", "oblique")
        if name in ("b", "strong") and weight and not bold:
            tag.unwrap()  # Google Docs wraps the whole document in a non-bold <b>
            continue
        if name in ("i", "em") and css.get("font-style") == "normal":
            tag.unwrap()
            continue
        if name == "dt":
            strong = soup.new_tag("strong")
            for child in list(tag.contents):
                strong.append(child.extract())
            tag.append(strong)
            name = "p"
        name = _RENAME.get(name, name)
        if name in ("span", "font") and (bold or italic):
            if bold and italic:
                inner = soup.new_tag("em")
                for child in list(tag.contents):
                    inner.append(child.extract())
                tag.append(inner)
            name = "strong" if bold else "em"
        if name in _KEEP:
            tag.name = name
        else:
            tag.unwrap()


def _limit_depth(soup: BeautifulSoup) -> None:
    """Unwrap elements nested deeper than the converter's recursion can safely go."""
    too_deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                if depth >= _MAX_DEPTH:
                    too_deep.append(child)
                stack.append((child, depth + 1))
    for tag in too_deep:
        tag.unwrap()


def _safe_url(value: object, schemes: frozenset[str]) -> str | None:
    """The URL ready for a Markdown link if its scheme is allowed, else None."""
    if not isinstance(value, str):
        return None
    url = _URL_CONTROL.sub("", value.strip())  # browsers ignore tabs and newlines in URLs
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme in ("http", "https") and not parts.netloc):
        return None
    return "".join(_URL_UNSAFE.get(char, char) for char in url)


def _plain_alt(tag: Tag) -> str:
    alt = tag.get("alt")
    return " ".join(re.sub(r"[\[\]]", "", alt).split()) if isinstance(alt, str) else ""


def _fix_links_and_images(soup: BeautifulSoup) -> None:
    for link in _tags(soup, ("a",)):
        href = _safe_url(link.get("href"), _LINK_SCHEMES)
        if href is None:
            link.unwrap()
        else:
            link.attrs = {"href": href}
    for image in _tags(soup, ("img",)):
        src = _safe_url(image.get("src"), _IMAGE_SCHEMES)
        alt = _plain_alt(image)
        if src is None:
            image.replace_with(NavigableString(f"[image: {alt}]" if alt else "[image]"))
        else:
            title = image.get("title")
            image.attrs = {"src": src, "alt": alt}
            if isinstance(title, str) and title.strip():
                image["title"] = " ".join(title.replace('"', "'").split())


def _fix_lists(soup: BeautifulSoup) -> None:
    """Lists directly inside lists go into the item before them; an item left open holds the
    next ones (html.parser does not close <li>), so they move out; stray items get a list; an
    item's single paragraph is unwrapped so that the list stays tight."""
    for tag in _tags(soup, ("ul", "ol", "li")):
        parent = tag.parent
        if parent is None:
            continue
        if tag.name in _LISTS and parent.name in _LISTS:
            previous = _previous_content(tag)
            if isinstance(previous, Tag) and previous.name == "li":
                previous.append(tag.extract())
            else:
                tag.wrap(soup.new_tag("li"))
        elif tag.name == "li" and parent.name == "li":
            parent.insert_after(tag.extract())
        elif tag.name == "li" and parent.name not in _LISTS:
            tag.wrap(soup.new_tag("ul"))
    for item in _tags(soup, ("li",)):
        blocks = [child for child in item.children
                  if isinstance(child, Tag) and child.name in _BLOCKS]
        paragraphs = [block for block in blocks if block.name in ("p", "div")]
        if len(paragraphs) == 1 and all(b.name in (*_LISTS, "p", "div") for b in blocks):
            paragraphs[0].unwrap()


def _span(cell: Tag) -> int:
    value = cell.get("colspan")
    return max(1, min(50, int(value))) if isinstance(value, str) and value.isdigit() else 1


def _fix_tables(soup: BeautifulSoup) -> None:
    for table in _tags(soup, ("table",)):
        if table.parent is None:
            continue
        rows = [cells for row in table.find_all("tr")
                if (cells := row.find_all(("td", "th"), recursive=False))
                and any(_has_content(cell) for cell in cells)]
        width = max((sum(_span(cell) for cell in cells) for cells in rows), default=0)
        layout = width <= 1 or _contains(table, ("h2", "h3", "h4", "ul", "ol", "blockquote",
                                                  "pre", "table"))
        caption = table.find("caption")
        if caption is not None:
            caption.name = "p"
            table.insert_before(caption.extract())
        if layout:
            _unwrap_layout(table)
            continue
        grid = soup.new_tag("table")
        for index, cells in enumerate(rows):
            row = soup.new_tag("tr")
            for cell in cells:
                span = _span(cell)
                cell.extract()
                cell.name = "th" if index == 0 else "td"
                cell.attrs = {"colspan": str(span)} if span > 1 else {}
                row.append(cell)
            for _ in range(width - sum(_span(cell) for cell in cells)):
                row.append(soup.new_tag("th" if index == 0 else "td"))
            grid.append(row)
        table.replace_with(grid)


def _unwrap_layout(table: Tag) -> None:
    """A table used for page layout: its cells become blocks in reading order."""
    for cell in table.find_all(("td", "th")):
        if cell.find_parent("table") is table:
            cell.name = "div"
            cell.attrs = {}
    for part in table.find_all(("tr", "thead", "tbody", "tfoot")):
        if part.find_parent("table") is table:
            part.unwrap()
    table.name = "div"
    table.attrs = {}


def _fix_inline(soup: BeautifulSoup) -> None:
    """Bold, italic and links: no blocks inside, no doubles, no empty ones, merged runs."""
    for tag in reversed(_tags(soup, _INLINE_FORMATS)):
        if tag.parent is None:
            continue
        if _contains(tag, _BLOCKS):
            _push_into_blocks(soup, tag)
        elif _inside(tag, (tag.name,)) or (
                tag.name == "strong" and _inside(tag, (*_HEADINGS, "th"))):
            tag.unwrap()
        elif not _has_content(tag):
            if tag.get_text():
                tag.replace_with(NavigableString(" "))  # `a<b> </b>b` keeps its space
            else:
                tag.extract()
    for tag in _tags(soup, ("strong", "em")):
        following = tag.next_sibling
        while isinstance(following, Tag) and following.name == tag.name:
            for child in list(following.contents):
                tag.append(child.extract())
            following.extract()
            following = tag.next_sibling


def _push_into_blocks(soup: BeautifulSoup, tag: Tag) -> None:
    """`<a><h3>…</h3><p>…</p></a>` → the link (or bold…) inside each innermost block."""
    for block in _tags(tag, ("p", "div", "h2", "h3", "h4", "li", "td", "th")):
        if _contains(block, _BLOCKS) or not block.get_text().strip():
            continue
        inner = soup.new_tag(tag.name, attrs=dict(tag.attrs))
        for child in list(block.contents):
            inner.append(child.extract())
        block.append(inner)
    tag.unwrap()


def _drop_empty(soup: BeautifulSoup) -> None:
    for tag in reversed(_tags(soup, ("p", "div", *_HEADINGS, "li", "ul", "ol", "blockquote",
                                      "pre", "code", "sup", "sub"))):
        if tag.name in _LISTS:
            if not _contains(tag, ("li",)):
                tag.extract()
        elif not _has_content(tag):
            tag.extract()


def _number_lists(soup: BeautifulSoup) -> None:
    """Each ordered item's number, so the converter needs no look-back (it is quadratic)."""
    for ordered in _tags(soup, ("ol",)):
        start = ordered.get("start")
        number = int(start) if isinstance(start, str) and start.isdigit() else 1
        for item in ordered.find_all("li", recursive=False):
            item["data-number"] = str(number)
            number += 1


# --- conversion ----------------------------------------------------------------------------

def _escape_runs(pattern: re.Pattern[str], text: str, safe: re.Pattern[str]) -> str:
    """Escape each run of `*` or `_` unless both of its neighbours match `safe`."""

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if before and after and safe.match(before) and safe.match(after):
            return match.group(0)
        return "".join("\\" + char for char in match.group(0))

    return pattern.sub(replace, text)


_WHITESPACE = re.compile(r"\s")
_WORD = re.compile(r"[^\W_]")


class _Converter(MarkdownConverter):
    """markdownify with the house style and escaping fitted to prose."""

    def __init__(self) -> None:
        super().__init__(
            heading_style=ATX, bullets="-", strong_em_symbol="*", autolinks=False,
            escape_asterisks=False, escape_underscores=False, escape_misc=False,
            wrap=True, wrap_width=None, table_infer_header=True,
            keep_inline_images_in=["td", "th"], sup_symbol="<sup>", sub_symbol="<sub>")
        self._node: NavigableString | None = None

    def process_text(self, el: NavigableString, parent_tags: set[str] | None = None) -> str:
        self._node = el
        text: str = super().process_text(el, parent_tags=parent_tags)
        previous = el.previous_sibling
        if isinstance(previous, Tag) and previous.name == "br":
            text = text.lstrip()
        return text

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        text = _ESCAPABLE_BACKSLASH.sub(r"\\\\", text)
        text = _escape_runs(_ASTERISKS, text, _WHITESPACE)
        text = _escape_runs(_UNDERSCORES, text, _WORD)
        text = text.replace("`", r"\`")
        text = _TAG_LIKE.sub("&lt;", _ENTITY_LIKE.sub("&amp;", text))
        if "a" in parent_tags:
            text = text.replace("[", r"\[").replace("]", r"\]")
        else:
            text = text.replace("](", r"\](")
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", r"\|")
        if "_inline" not in parent_tags and self._at_line_start():
            text = text.lstrip()
            marker = _LINE_START.match(text)
            if marker is not None:
                end = marker.end()
                # digits: escape the dot after them (`1\.`); otherwise the first character
                text = (text[:end] + "\\" + text[end:] if marker.group(0)[0].isdigit()
                        else "\\" + text)
        return text

    def _at_line_start(self) -> bool:
        """Whether the text being escaped begins a line of the Markdown."""
        node = self._node
        if node is None or node.parent is None or node.parent.name not in _LINE_CONTAINERS:
            return False
        previous = node.previous_sibling
        return previous is None or (isinstance(previous, Tag) and (
            previous.name == "br" or previous.name in _BLOCKS))

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " " if "_inline" in parent_tags else _BR + "\n"

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        if text.endswith("#") and not text.endswith("\\#"):
            text = text[:-1] + "\\#"  # a closing # would be read as part of the heading mark
        result: str = super().convert_hN(n, el, text, parent_tags)
        return result

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = str(el.get("alt") or "")
        if "_inline" in parent_tags and el.parent is not None and el.parent.name not in (
                "td", "th"):
            return alt
        title = el.get("title")
        title_part = f' "{title}"' if isinstance(title, str) and title else ""
        return f"![{alt}]({el.get('src')}{title_part})"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        bullet = (f"{el.get('data-number', '1')}. " if parent is not None and parent.name == "ol"
                  else "- ")
        lines = text.split("\n")
        rest = [f"    {line}" if line else "" for line in lines[1:]]
        return "\n".join([bullet + lines[0], *rest]) + "\n"


def _tidy(markdown: str) -> str:
    """Trailing spaces off (but hard breaks), single blank lines, no blank ends."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tidied: list[str] = []
    breaks: list[bool] = []
    fenced = False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            tidied.append(line.replace(_BR, ""))
            breaks.append(False)
            continue
        line = line.rstrip(" \t\u3000")
        hard_break = line.endswith(_BR)
        tidied.append(line.replace(_BR, "").rstrip(" \t\u3000"))
        breaks.append(hard_break)
    out: list[str] = []
    blank_run = 0
    fenced = False
    for index, line in enumerate(tidied):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and not line.strip():
            blank_run += 1
            if blank_run > 1:
                continue
            out.append("")
            continue
        blank_run = 0
        following = tidied[index + 1] if index + 1 < len(tidied) else ""
        out.append(line + "  " if breaks[index] and following.strip() else line)
    return "\n".join(out).strip("\n")
