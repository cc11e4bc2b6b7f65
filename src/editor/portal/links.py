"""Relative links inside a bundle: where they lead, and whether anything is there."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


def relative_targets(body_html: str) -> Iterator[str]:
    """The relative hrefs of a body (no scheme, no host), as written."""
    for href in _HREF.findall(body_html):
        parts = urlsplit(href.replace("&amp;", "&"))
        if not parts.scheme and not parts.netloc and parts.path:
            yield href


def resolve(page: str, href: str) -> str | None:
    """The bundle path that `href` on `page` leads to, or None if it leaves the bundle."""
    path = unquote(urlsplit(href.replace("&amp;", "&")).path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined
