"""Images: what kind a file is (by its bytes, never its name), and media paths in a body."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

#: Image kinds the portal takes: (magic bytes test, extension, MIME type). No SVG: it can
#: carry scripts.
_KINDS = (
    (lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"), "png", "image/png"),
    (lambda d: d.startswith(b"\xff\xd8\xff"), "jpg", "image/jpeg"),
    (lambda d: d[:6] in (b"GIF87a", b"GIF89a"), "gif", "image/gif"),
    (lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP", "webp", "image/webp"),
)
_IMG = re.compile(r"<img\s[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"]*)"')
MEDIA_SRC = re.compile(r"^media/([0-9a-f]{64})\.([a-z0-9]+)$")


class MediaError(ValueError):
    """The file is not an image the portal can use."""


@dataclass(frozen=True, slots=True)
class MediaFile:
    sha256: str
    extension: str
    mime: str
    data: bytes

    @property
    def path(self) -> str:
        return f"media/{self.sha256}.{self.extension}"


def identify(data: bytes) -> MediaFile:
    """The media file for these bytes; raises MediaError if they are not a known image."""
    for test, extension, mime in _KINDS:
        if test(data):
            return MediaFile(hashlib.sha256(data).hexdigest(), extension, mime, data)
    raise MediaError("not a PNG, JPEG, GIF or WebP image")


@dataclass(frozen=True, slots=True)
class ImageUse:
    """An image as a body uses it: its media path, alt text and caption."""

    path: str
    alt: str
    caption: str | None

    @property
    def sha256(self) -> str | None:
        match = MEDIA_SRC.match(self.path)
        return match.group(1) if match else None


def images_in(body_html: str) -> list[ImageUse]:
    """Every image of a sanitized body, in order, with its alt text and caption."""
    uses = []
    for tag in _IMG.findall(body_html):
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        if "src" in attributes:
            uses.append(ImageUse(attributes["src"], attributes.get("alt", ""),
                                 attributes.get("title") or None))
    return uses
