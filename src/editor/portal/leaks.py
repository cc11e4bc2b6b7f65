"""Finding text that must not be in a bundle: what the articles left out of it say."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
MIN_SNIPPET = 24


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def snippets(texts: Iterable[str]) -> set[str]:
    """Lines and paragraphs of `texts` long enough to be telling, normalised."""
    found = set()
    for text in texts:
        for part in re.split(r"\n\s*\n|\n", text):
            normal = _normal(part.lstrip("#>*-+ ").strip())
            if len(normal) >= MIN_SNIPPET:
                found.add(normal)
    return found


def _file_texts(path: str, data: bytes) -> Iterator[str]:
    text = data.decode("utf-8", "replace")
    if path.endswith(".json"):
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if isinstance(value, dict):
            for key in ("title", "summary"):
                if isinstance(value.get(key), str):
                    yield value[key]
            body = value.get("body_html")
            if isinstance(body, str):
                text = body
            for entry in value.get("articles", []) if isinstance(value.get("articles"), list) \
                    else []:
                if isinstance(entry, dict) and isinstance(entry.get("title"), str):
                    yield entry["title"]
    for line in re.split(r"\n|<(?:/p|/h[1-6]|/li|br|/td|/th|/figcaption|/description|"
                         r"/title)>", text):
        yield html.unescape(_TAG.sub(" ", html.unescape(line)))


def leaked(files: dict[str, bytes], forbidden: set[str]) -> Iterator[tuple[str, str]]:
    """(path, snippet) for each forbidden snippet found in a file of the bundle."""
    if not forbidden:
        return
    for path, data in sorted(files.items()):
        if path.startswith("media/") or path.endswith(".css"):
            continue
        for text in _file_texts(path, data):
            normal = _normal(text)
            if normal in forbidden:
                yield path, normal
                break
            for line in snippets([text]):
                if line in forbidden:
                    yield path, line
                    break
