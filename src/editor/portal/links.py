"""Relative links inside a bundle: where they lead, and whether anything is there."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit


def resolve(page: str, href: str) -> str | None:
    """The bundle path that `href` on `page` leads to, or None if it leaves the bundle."""
    path = unquote(urlsplit(href.replace("&amp;", "&")).path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined
