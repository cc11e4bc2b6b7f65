"""Images that arrive with imported files: read from beside the file, referenced by hash."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.core.media import MEDIA_SRC, MediaError, MediaFile, identify

#: ![alt](src "title") — the inline image form of Markdown, with an optional <src>.
_IMAGE = re.compile(r'(!\[[^\]]*\]\(\s*)(<[^>]*>|[^)\s]+)(\s+"[^"]*")?(\s*\))')


class MissingImageError(LookupError):
    """An image the body refers to cannot be found or is not an image."""


@dataclass
class TakenImages:
    """A body with its local images referenced as media/<hash>, and what it needs."""

    body: str
    files: list[MediaFile] = field(default_factory=list)
    #: media/<hash> references with no file beside the source: they must be in the store.
    expected: set[str] = field(default_factory=set)


def _candidates(source: Path, src: str) -> list[Path]:
    """Where a local image may be: beside the file, or (for a bundle's article.md, whose
    references are bundle paths) at the root of the bundle two folders up."""
    relative = Path(unquote(src))
    places = [source.parent / relative]
    if src.startswith("media/"):
        places.append(source.parent.parent.parent / relative)
    return places


def take_images(body: str, source: Path) -> TakenImages:
    """Read the local images of `body` (a file at `source`); web images stay as they are."""
    taken = TakenImages(body)

    def replace(match: re.Match[str]) -> str:
        src = match.group(2).strip("<>")
        if urlsplit(src).scheme or src.startswith("//"):
            return match.group(0)
        for place in _candidates(source, src):
            if place.is_file():
                try:
                    media = identify(place.read_bytes())
                except MediaError as exc:
                    raise MissingImageError(f"image '{src}' is {exc}") from None
                taken.files.append(media)
                return f"{match.group(1)}{media.path}{match.group(3) or ''}{match.group(4)}"
        known = MEDIA_SRC.match(src)
        if known:
            taken.expected.add(known.group(1))
            return match.group(0)
        raise MissingImageError(f"image '{src}' was not found next to the file")

    taken.body = _IMAGE.sub(replace, body)
    return taken
