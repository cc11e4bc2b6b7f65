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
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement, PreformattedString
from bs4.exceptions import ParserRejectedMarkup
from markdownify import ATX, MarkdownConverter, chomp

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
_LISTS = ("ul", "ol")
_BLOCKS = frozenset((
    "p", "div", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "table", "hr",
))
_INLINE = frozenset(("strong", "em", "a", "code", "sup", "sub"))
_REMOVABLE_EMPTY = _INLINE | {
    "p", "div", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "table", "caption",
}
_LINE_CONTAINERS = frozenset(("p", "div", "li", "blockquote", "[document]"))
_LINK_SCHEMES = frozenset(("http", "https", "mailto", "tel"))
_IMAGE_SCHEMES = frozenset(("http", "https"))
_MAX_DEPTH = 100  # markdownify recurses about three frames per level

# Word's downlevel-revealed blocks whose content is a fallback we do not want.
_UNWANTED_FALLBACKS = re.compile(
    r"^\[?if\s+!(supportLists|supportLineBreakNewLine|supportEmptyParas|"
    r"supportMisalignedColumns)\]?$", re.IGNORECASE)
_ENDIF = re.compile(r"^\[?endif\]?$", re.IGNORECASE)
_MSO_LEVEL = re.compile(r"\blevel(\d+)\b")
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
    source = _parse(html)
    if source is None:
        return ""
    builder = _Builder()
    soup = builder.build(source)
    # (by identity: a bs4 Tag hashes and compares by its markup)
    for inline in {id(tag): tag for tag in builder.inline_blocks}.values():
        if inline.parent is not None:
            _push_into_blocks(soup, inline)
    _word_list_items(soup)
    _fix_lists(soup)
    _fix_tables(soup)
    _number_lists(soup)
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


def _tags(root: Tag, names: Collection[str]) -> list[Tag]:
    """The elements under `root` named `names`, in document order (a plain walk: bs4's
    find_all builds a filter on every call, which counts on a paste of megabytes)."""
    return [node for node in root.descendants if isinstance(node, Tag) and node.name in names]


def _contains(root: Tag, names: Collection[str]) -> bool:
    return any(isinstance(node, Tag) and node.name in names for node in root.descendants)


def _has_content(tag: Tag) -> bool:
    """Visible text or an image (or rule) somewhere inside."""
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name in ("img", "hr"):
                return True
        elif not isinstance(node, PreformattedString) and node.strip():
            return True
    return False


def _previous_content(node: PageElement) -> PageElement | None:
    previous = node.previous_sibling
    while isinstance(previous, NavigableString) and not previous.strip():
        previous = previous.previous_sibling
    return previous


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


def _plain(value: object) -> str:
    return " ".join(re.sub(r"[\[\]]", "", value).split()) if isinstance(value, str) else ""


# --- building the clean tree -----------------------------------------------------------------

@dataclass(eq=False)
class _Frame:
    """A source element being walked. Frames that made an output element own it; the others
    (unwrapped elements) write into their owner's."""

    children: Iterator[PageElement]
    owner: int  # index in the stack of the frame whose element receives output
    depth: int  # nesting depth of that element in the output
    tag: Tag | None = None  # the output element this frame made
    below: int = 0  # for an owning frame: the owner under it
    names: tuple[str, ...] = ()  # for an owning frame: the output elements around it
    content: bool = False  # its element holds text or an image
    space: bool = False  # … or at least some whitespace
    reopen: bool = False  # a block broke its element off: the next content starts a new one
    skipping: bool = False  # inside an Office fallback block that is not wanted
    pre: bool = False
    word: list[str] | None = None  # Word list paragraph: the glyph's text, as collected


class _Builder:
    """Walks the parsed clipboard HTML once and appends a clean tree: only the elements the
    converter knows, with their content fitted (see the module doc). Appending only, and
    iteratively, keeps it linear and safe on any nesting; bs4's unwrap and extract are not
    (each looks its element up among all its siblings)."""

    def __init__(self) -> None:
        self.out = BeautifulSoup("", "html.parser", multi_valued_attributes=None)
        self.stack: list[_Frame] = []
        self.text: list[str] = []
        self.text_target: Tag | None = None
        self.inline_blocks: list[Tag] = []  # bold, italic or links with blocks inside

    def build(self, source: BeautifulSoup) -> BeautifulSoup:
        self.stack.append(_Frame(iter(source.contents), owner=0, depth=0, tag=self.out,
                                 names=("[document]",)))
        while self.stack:
            frame = self.stack[-1]
            node = next(frame.children, None)
            if node is None:
                self._close(self.stack.pop())
            else:
                self._visit(frame, node)
        self._flush()
        return self.out

    # output --------------------------------------------------------------------------------

    def _target(self, index: int | None = None) -> Tag:
        """The element that receives output for stack[index] (default: the top)."""
        frame = self.stack[self.stack[-1].owner if index is None else index]
        if frame.reopen and frame.tag is not None:
            parent = self._target(frame.below)
            attrs = {k: v for k, v in frame.tag.attrs.items() if k in ("href", "data-em")}
            fresh = self.out.new_tag(frame.tag.name, attrs=attrs)
            self._append(parent, fresh)
            frame.tag, frame.reopen = fresh, False
        assert frame.tag is not None
        return frame.tag

    def _flush(self) -> None:
        if self.text and self.text_target is not None:
            self.text_target.append(NavigableString("".join(self.text)))
        self.text.clear()

    def _append(self, parent: Tag, child: Tag | NavigableString) -> None:
        self._flush()
        parent.append(child)

    def _add_text(self, text: str) -> None:
        if not text:
            return
        target = self._target()
        if target is not self.text_target:
            self._flush()
            self.text_target = target
        self.text.append(text)
        owner = self.stack[self.stack[-1].owner]
        if text.strip():
            owner.content = True
        else:
            owner.space = True

    def _add_leaf(self, tag: Tag, content: bool) -> None:
        self._append(self._target(), tag)
        if content:
            self.stack[self.stack[-1].owner].content = True

    # walking -------------------------------------------------------------------------------

    def _visit(self, frame: _Frame, node: PageElement) -> None:
        if isinstance(node, PreformattedString):  # comments, declarations, doctype, CDATA
            text = node.strip()
            if frame.skipping:
                frame.skipping = not _ENDIF.match(text)
            elif _UNWANTED_FALLBACKS.match(text):
                frame.skipping = True
            return
        if frame.skipping:  # a fallback such as Word's list glyph: kept aside, never shown
            if frame.word is not None:
                frame.word.append(node.get_text() if isinstance(node, Tag) else str(node))
            return
        if isinstance(node, NavigableString):
            self._add_text(str(node) if frame.pre else node.translate(_INVISIBLE))
        elif isinstance(node, Tag):
            self._open(frame, node)

    def _open(self, frame: _Frame, tag: Tag) -> None:
        name = tag.name
        if name in _DROP or name.startswith(_DROP_PREFIXES) or (
                name == "form" and not _contains(tag, ("p", "h1", "h2", "h3", "li", "table"))):
            return
        css = _css(tag)
        if css.get("mso-list") == "ignore":  # Word's list glyph
            if frame.word is not None:
                frame.word.append(tag.get_text())
            return
        if name in ("br", "hr", "img"):
            self._open_leaf(tag)
            return
        out, attrs = _output_element(tag, css)
        word = frame.word if out not in _BLOCKS else None
        if attrs.pop("data-word", None):
            word = []  # a Word list paragraph: collects its glyph
        own = self.stack[frame.owner]
        if out is not None and (
                (out in _INLINE and out in own.names)  # no bold inside bold
                or (out == "strong" and set(own.names) & {"h2", "h3", "h4"})
                or own.depth >= _MAX_DEPTH):
            if out in _BLOCKS:
                self._add_text(" ")
            out = None
        child = _Frame(iter(tag.contents), owner=frame.owner, depth=frame.depth,
                       pre=frame.pre or name == "pre", word=word)
        if out is not None:
            self._own(child, out, attrs)
        self.stack.append(child)

    def _open_leaf(self, tag: Tag) -> None:
        if tag.name == "br":
            self._add_leaf(self.out.new_tag("br"), content=False)
        elif tag.name == "hr":
            parent, _ = self._place("hr")
            self._append(parent, self.out.new_tag("hr"))
            self.stack[self.stack[-1].owner].content = True
        else:
            src = _safe_url(tag.get("src"), _IMAGE_SCHEMES)
            alt = _plain(tag.get("alt"))
            if src is None:
                self._add_text(f"[image: {alt}]" if alt else "[image]")
                return
            attrs = {"src": src, "alt": alt}
            title = _plain(tag.get("title")).replace('"', "'")
            if title:
                attrs["title"] = title
            self._add_leaf(self.out.new_tag("img", attrs=attrs), content=True)

    def _own(self, frame: _Frame, name: str, attrs: dict[str, str]) -> None:
        """Make `frame` own a new output element `name` (or go on with the run before)."""
        parent, below = self._place(name)
        last = parent.contents[-1] if parent.contents and not (
            self.text and self.text_target is parent) else None
        if (name in ("strong", "em") and isinstance(last, Tag) and last.name == name
                and last.attrs == attrs):
            element = last  # `<b>Zhan</b><b>qiao</b>`: one run of bold
            frame.content = True
        else:
            element = self.out.new_tag(name, attrs=attrs)
            self._append(parent, element)
        frame.tag, frame.below = element, below
        frame.owner = len(self.stack)
        frame.depth = self.stack[below].depth + 1
        frame.names = (*self.stack[below].names, name)

    def _place(self, name: str) -> tuple[Tag, int]:
        """Where a new element goes: a block inside a paragraph or heading (or an item inside
        an item) ends that one first, as browsers do."""
        owner = self.stack[-1].owner
        if name in _BLOCKS:
            index = owner
            while self.stack[index].names[-1] in _INLINE:
                index = self.stack[index].below
            holder = self.stack[index].names[-1]
            if holder in ("p", "h2", "h3", "h4") or (name == "li" and holder == "li"):
                below = self.stack[index].below
                self._break_off(index)
                return self._target(below), below
            while owner != index:  # bold, italic or a link around a block: see later
                inline = self.stack[owner].tag
                if inline is not None:
                    self.inline_blocks.append(inline)
                owner = self.stack[owner].below
            return self._target(), self.stack[-1].owner
        return self._target(), owner

    def _break_off(self, index: int) -> None:
        """End the elements of stack[index:] here; their remaining content starts anew."""
        for position in range(len(self.stack) - 1, index - 1, -1):
            frame = self.stack[position]
            if frame.tag is None or frame.reopen or frame.owner != position:
                continue
            self._finish(frame, at_close=False)
            frame.reopen = True
            frame.content = frame.space = False
            frame.word = None

    def _close(self, frame: _Frame) -> None:
        if self.stack and frame.tag is not None and frame.owner == len(self.stack) and (
                not frame.reopen):
            self._finish(frame, at_close=True)

    def _finish(self, frame: _Frame, *, at_close: bool) -> None:
        """An output element is complete: drop it when empty, note a Word list item."""
        self._flush()
        element = frame.tag
        assert element is not None
        below = self.stack[frame.below]
        if not frame.content and element.name in _REMOVABLE_EMPTY:
            parent = element.parent
            if parent is None:
                return
            last = len(parent.contents) - 1
            element.extract(_self_index=last if parent.contents[last] is element else None)
            before = parent.contents[-1] if parent.contents else None
            if type(before) is NavigableString:  # text goes on in one string, as it was
                before.extract(_self_index=len(parent.contents) - 1)
                self.text, self.text_target = [str(before)], parent
            if at_close and frame.space and element.name in _INLINE:
                self._add_text(" ")  # `a<b> </b>b` keeps its space
            return
        below.content = below.content or frame.content
        if element.name == "p" and frame.word is not None:
            _mark_word_item(element, "".join("".join(frame.word).split()))


def _output_element(tag: Tag, css: dict[str, str]) -> tuple[str | None, dict[str, str]]:
    """The element (and attributes) that `tag` becomes, or None to keep only its content."""
    name = tag.name
    weight = css.get("font-weight", "")
    bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    italic = css.get("font-style", "") in ("italic", "oblique")
    if name == "a":
        href = _safe_url(tag.get("href"), _LINK_SCHEMES)
        return (None, {}) if href is None else ("a", {"href": href})
    if name == "p":
        classes = _classes(tag)
        if "msotitle" in classes:
            return "h2", {}
        if classes & {"msoquote", "msointensequote"}:
            return "blockquote", {}
        level = _MSO_LEVEL.search(css.get("mso-list", ""))
        if level is not None:
            return "p", {"data-word": "1", "data-level": level.group(1)}
        if any(c.startswith("msolistparagraph") for c in classes):
            return "p", {"data-word": "1"}  # an item only if it has a glyph
    if name in ("b", "strong"):
        return (None, {}) if weight and not bold else ("strong", {})  # Google Docs' <b>
    if name in ("i", "em"):
        return (None, {}) if css.get("font-style") == "normal" else ("em", {})
    if name == "dt":
        return "p", {"data-term": "1"}
    name = _RENAME.get(name, name)
    number = tag.get("start" if name == "ol" else "colspan")
    if name in ("ol", "td", "th") and isinstance(number, str) and number.strip().isdigit():
        return name, {"start" if name == "ol" else "colspan": number.strip()}
    if name in ("span", "font") and (bold or italic):
        return ("strong", {"data-em": "1"} if italic else {}) if bold else ("em", {})
    return (name, {}) if name in _KEEP else (None, {})


def _mark_word_item(paragraph: Tag, glyph: str) -> None:
    """A Word list paragraph is an item when it had a glyph or a list level."""
    level = paragraph.attrs.pop("data-level", None)
    if glyph or level is not None:
        paragraph["data-item"] = "ol" if _ORDERED_GLYPH.fullmatch(glyph) else "ul"
        paragraph["data-level"] = level or "1"
        paragraph["data-glyph"] = glyph


# --- fitting the clean tree ------------------------------------------------------------------

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


def _word_list_items(soup: BeautifulSoup) -> None:
    """Word's list paragraphs: runs of them get levels without gaps, numbers and ends."""
    previous: Tag | None = None
    levels: list[tuple[str, int]] = []  # per level: the list kind and the last number
    for paragraph in _tags(soup, ("p",)):
        kind = paragraph.get("data-item")
        if not isinstance(kind, str):
            continue
        level = int(str(paragraph.get("data-level", "1")) or 1)
        first = previous is None or _previous_content(paragraph) is not previous
        if first:
            levels = []
        elif previous is not None:
            previous.attrs.pop("data-last", None)
        level = max(1, min(level, len(levels) + 1))
        del levels[level:]
        glyph = str(paragraph.get("data-glyph", "")).strip("().")
        if len(levels) == level and levels[-1][0] == kind:
            number = levels[-1][1] + 1
        else:
            if len(levels) == level:
                levels.pop()
                first = first or level == 1  # bullets then numbers: two lists
            number = int(glyph) if glyph.isdigit() else 1
            levels.append((kind, number))
        levels[-1] = (kind, number)
        paragraph.attrs = {"data-marker": f"{number}. " if kind == "ol" else "- ",
                           "data-indent": str(level - 1), "data-last": "1"}
        if first:
            paragraph["data-first"] = "1"
        previous = paragraph


def _fix_lists(soup: BeautifulSoup) -> None:
    """Lists directly inside lists go into the item before them; stray items get a list; an
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
    """Data tables become a plain grid whose first row is the header; layout tables (one
    column, or headings, lists or tables in the cells) give their cells up as blocks."""
    for table in _tags(soup, ("table",)):
        if table.parent is None:
            continue
        rows = [cells for row in table.find_all("tr")
                if (cells := row.find_all(("td", "th"), recursive=False))
                and any(_has_content(cell) for cell in cells)]
        width = max((sum(_span(cell) for cell in cells) for cells in rows), default=0)
        caption = table.find("caption")
        if caption is not None:
            caption.name = "p"
            table.insert_before(caption.extract())
        if width <= 1 or _contains(table, ("h2", "h3", "h4", "ul", "ol", "blockquote", "pre",
                                           "table")):
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
                if index == 0:
                    for strong in _tags(cell, ("strong",)):
                        strong.unwrap()  # a header is bold already
            for _ in range(width - sum(_span(cell) for cell in cells)):
                row.append(soup.new_tag("th" if index == 0 else "td"))
            grid.append(row)
        table.replace_with(grid)


def _unwrap_layout(table: Tag) -> None:
    for cell in table.find_all(("td", "th")):
        if cell.find_parent("table") is table:
            cell.name = "div"
            cell.attrs = {}
    for part in table.find_all(("tr", "thead", "tbody", "tfoot")):
        if part.find_parent("table") is table:
            part.unwrap()
    table.name = "div"
    table.attrs = {}


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
        if isinstance(previous, Tag) and previous.name == "br" and "pre" not in (
                parent_tags or ()):
            text = text.lstrip()  # the line after a hard break starts flush
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

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        marker = el.get("data-marker")
        if "_inline" in parent_tags or not (isinstance(marker, str) or el.get("data-term")):
            result: str = super().convert_p(el, text, parent_tags)
            return result
        text = text.strip()
        if not isinstance(marker, str):  # a definition list's term
            return f"\n\n**{text}**\n\n" if text else ""
        indent = "    " * int(str(el.get("data-indent", "0")))
        lines = text.split("\n")
        item = "\n".join([indent + marker + lines[0],
                          *(f"{indent}    {line}" if line else "" for line in lines[1:])])
        before = "\n\n" if el.get("data-first") else "\n"
        after = "\n\n" if el.get("data-last") else "\n"
        return before + item + after

    def convert_strong(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        if not text:
            return ""
        mark = "***" if el.get("data-em") else "**"  # a bold italic span
        return f"{prefix}{mark}{text}{mark}{suffix}"

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
