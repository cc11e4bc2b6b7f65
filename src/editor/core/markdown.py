"""Markdown → sanitized body HTML: the one renderer behind the preview and the export."""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from editor.core.media import images_in

#: Bump whenever the HTML produced for the same text changes, so stored renders are redone.
RENDERER_VERSION = "2"

ALLOWED_TAGS = frozenset((
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "sup",
    "sub",
))
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MEDIA_PREFIX = "media/"
_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
_local = threading.local()


_MEDIA_PATH = re.compile(r"^media/[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)?$")


def _is_media_path(src: str) -> bool:
    """Only a plain file name inside media/: no encoded dots, sub-folders or queries."""
    return bool(_MEDIA_PATH.match(src))


class _PortalTree(Treeprocessor):
    """Fit the tree to the portal: h1 is the page title, images come from the media store."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h5", "h6"):
                element.tag = "h2" if element.tag == "h1" else "h4"
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    self._fit_image(parent, index, child)
        for index, child in enumerate(list(root)):
            self._make_figure(root, index, child)

    @staticmethod
    def _make_figure(root: ElementTree.Element, index: int, paragraph: ElementTree.Element) -> None:
        """A paragraph that is just a captioned image becomes a figure with its caption."""
        if paragraph.tag != "p" or len(paragraph) != 1 or (paragraph.text or "").strip():
            return
        image = paragraph[0]
        caption = image.get("title", "").strip()
        if image.tag != "img" or not caption or (image.tail or "").strip():
            return
        figure = ElementTree.Element("figure")
        image.tail = None
        figure.append(image)
        ElementTree.SubElement(figure, "figcaption").text = caption
        figure.tail = paragraph.tail
        root.remove(paragraph)
        root.insert(index, figure)

    def _fit_image(self, parent: ElementTree.Element, index: int,
                   image: ElementTree.Element) -> None:
        src = image.get("src", "")
        if _is_media_path(src):
            return
        # Not from the media store: keep what the author meant as a plain link (or text),
        # never as an image that would load from elsewhere.
        alt = image.get("alt") or "image"
        scheme = urlsplit(src).scheme.lower()
        if scheme in ("http", "https"):
            replacement = ElementTree.Element("a", {"href": src})
            replacement.text = alt
        else:
            replacement = ElementTree.Element("em")
            replacement.text = f"[{alt}]"
        replacement.tail = image.tail
        parent.remove(image)
        parent.insert(index, replacement)


class _PortalExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_PortalTree(md), "portal", 1)


def _converter() -> markdown.Markdown:
    """One converter per thread: Python-Markdown instances are not thread-safe."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(extensions=[*_EXTENSIONS, _PortalExtension()],
                                      output_format="html")
        _local.converter = converter
    return converter


_IMG_TAG = re.compile(r'<img(?:\s+[a-z-]+(?:="[^"]*")?)*\s*/?>')
_ALT = re.compile(r'\salt="([^"]*)"')


def _drop_sourceless_image(match: re.Match[str]) -> str:
    tag = match.group(0)
    if ' src="' in tag:
        return tag
    alt = _ALT.search(tag)
    label = html.unescape(alt.group(1)) if alt and alt.group(1).strip() else "image"
    return f"<em>[{html.escape(label, quote=False)}]</em>"


def sanitize(body_html: str, *, media_base: str = "") -> str:
    """Keep only the bundle's allowlist of elements, attributes and URL schemes.

    Images survive only when they point into the media store (their path then gets
    `media_base` in front); any other image becomes its alt text in brackets.
    """

    def keep_attribute(tag: str, name: str, value: str) -> str | None:
        if tag == "img" and name == "src":
            return media_base + value if _is_media_path(value) else None
        if tag == "a" and name == "href" and value.lstrip().startswith(("/", "\\")):
            return None  # root- or host-relative: would leave the bundle
        return value

    cleaned = nh3.clean(body_html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                        url_schemes=set(LINK_SCHEMES), link_rel=None, strip_comments=True,
                        attribute_filter=keep_attribute)
    return _IMG_TAG.sub(_drop_sourceless_image, cleaned) if "<img" in cleaned else cleaned


def render_body(text: str, *, media_base: str = "") -> str:
    """The article body as sanitized HTML; media/ images get `media_base` in front."""
    converter = _converter()
    converter.reset()
    return sanitize(converter.convert(text), media_base=media_base)


_IMG_WITHOUT_ALT = re.compile(r'<img(?![^>]*\salt="[^"]*[^"\s][^"]*")[^>]*>')
_LINK_WITHOUT_TARGET = re.compile(r'<a(?![^>]*\shref="[^"]*[^"\s])[^>]*>(.*?)</a>', re.DOTALL)


def body_problems(body_html: str) -> list[str]:
    """What keeps a sanitized body from being published: images without alternative text,
    links whose target was missing or removed as unsafe."""
    problems = []
    images = len(_IMG_WITHOUT_ALT.findall(body_html))
    if images:
        problems.append(f"{images} image(s) without alternative text")
    for text in _LINK_WITHOUT_TARGET.findall(body_html):
        label = html.unescape(re.sub(r"<[^>]+>", "", text)).strip() or "(empty)"
        problems.append(f"the link “{label}” points nowhere")
    return problems


_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


def relative_links(body_html: str) -> list[str]:
    """The hrefs of a sanitized body that stay inside the bundle (no scheme, no host)."""
    found = []
    for href in _HREF.findall(body_html):
        parts = urlsplit(html.unescape(href))
        if not parts.scheme and not parts.netloc and parts.path:
            found.append(html.unescape(href))
    return found


@dataclass(frozen=True, slots=True)
class Rendered:
    """A body rendered by this renderer, with what the export needs to know about it, so
    that the export's checks never have to read the body again."""

    html: str
    key: str
    problems: tuple[str, ...]
    links: tuple[str, ...]
    images: tuple[str, ...]  # the src of each image, in order

    def facts(self) -> str:
        return json.dumps({"problems": self.problems, "links": self.links,
                           "images": self.images}, ensure_ascii=False)


def render(text: str) -> Rendered:
    """The body's HTML, its render key and its facts (problems, relative links, images)."""
    body_html = render_body(text)
    return Rendered(body_html, render_key(text), tuple(body_problems(body_html)),
                    tuple(relative_links(body_html)),
                    tuple(use.path for use in images_in(body_html)))


def is_current(key: str) -> bool:
    """Whether a stored render was made by this renderer version (the body's part of the key
    is kept true by a database trigger that clears the key when the body changes)."""
    return key.startswith(f"{RENDERER_VERSION}:")


def render_key(text: str) -> str:
    """Identifies a render of `text` by this renderer version: the key of stored renders."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{RENDERER_VERSION}:{digest}"
