"""Checking a bundle against portal-export-v1: schemas, hashes, tree and page parts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from editor.core.media import MEDIA_SRC
from editor.core.text import slugify
from editor.portal import feeds, layout
from editor.portal.feeds import check_feed
from editor.portal.leaks import leaked
from editor.portal.writer import FileEntry, bundle_id, file_entry, iter_bundle

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
_PATH = re.compile(r"^(?!/)(?!.*\.\.)[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*(\.[a-z0-9]+)?$")
#: The parts of an article page the portal's importer finds by class name.
ARTICLE_PARTS = {
    "site header": ("header", "site-header"),
    "breadcrumb": ("nav", "breadcrumb"),
    "title": ("h1", "article-title"),
    "date line": ("p", "article-meta"),
    "source": ("span", "article-source"),
    "body": ("div", "article-body"),
    "footer": ("footer", "site-footer"),
}


@dataclass(frozen=True, slots=True)
class CheckFailure:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _schema_failures(path: str, value: object, schema: str) -> Iterator[CheckFailure]:
    for error in sorted(_validator(schema).iter_errors(value), key=lambda e: list(e.path)):
        where = "/".join(str(part) for part in error.absolute_path)
        yield CheckFailure(path, f"{schema} schema: {where + ': ' if where else ''}"
                                 f"{error.message}")


class _PageScan(HTMLParser):
    """Collects what the checks need from a page: tags with classes, scripts, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: set[tuple[str, str]] = set()
        self.scripts = 0
        self.active_attributes: list[str] = []
        self.stylesheets: list[str] = []
        self.lang: str | None = None
        self.breadcrumb_label = False
        self.current_page = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in (values.get("class") or "").split():
            self.parts.add((tag, name))
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name.startswith("on") or (value and re.match(r"\s*(javascript|data):", value, re.I)
                                         and name in ("href", "src", "action")):
                self.active_attributes.append(f"{tag}[{name}]")
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(values.get("href") or "")
        if tag == "nav" and "breadcrumb" in (values.get("class") or "").split():
            self.breadcrumb_label = values.get("aria-label") == "Breadcrumb"
        if values.get("aria-current") == "page":
            self.current_page = True


def _check_page(path: str, data: bytes, *, article: bool) -> Iterator[CheckFailure]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        yield CheckFailure(path, "the page is not UTF-8")
        return
    if not text.lstrip().lower().startswith("<!doctype html>"):
        yield CheckFailure(path, "the page does not start with <!DOCTYPE html>")
    scan = _PageScan()
    scan.feed(text)
    scan.close()
    if scan.scripts:
        yield CheckFailure(path, "the page carries a script")
    for attribute in scan.active_attributes:
        yield CheckFailure(path, f"active content in {attribute}")
    expected_css = layout.root_from(path) + layout.STYLESHEET
    if expected_css not in scan.stylesheets:
        yield CheckFailure(path, f"the page does not link {expected_css}")
    if not scan.lang:
        yield CheckFailure(path, "<html> has no lang attribute")
    if article:
        for label, (tag, name) in ARTICLE_PARTS.items():
            if (tag, name) not in scan.parts:
                yield CheckFailure(path, f"the {label} ({tag}.{name}) is missing")
        if ("nav", "breadcrumb") in scan.parts and not scan.breadcrumb_label:
            yield CheckFailure(path, 'the breadcrumb has no aria-label="Breadcrumb"')
        if not scan.current_page:
            yield CheckFailure(path, 'the breadcrumb has no item marked aria-current="page"')


def _read(target: Path) -> dict[str, bytes]:
    return dict(iter_bundle(target))


def check_bundle(target: Path, unexported: set[str] | None = None) -> list[CheckFailure]:
    """Every way the bundle at `target` (a folder or a .zip) breaks the spec; `unexported`
    holds text of articles that must not be in it (see `leaks.snippets`)."""
    target = Path(target)
    if not target.exists():
        return [CheckFailure(str(target), "no such folder or file")]
    try:
        files = _read(target)
    except (zipfile.BadZipFile, OSError) as exc:
        return [CheckFailure(str(target), f"cannot read the bundle: {exc}")]
    failures: list[CheckFailure] = []
    if layout.MANIFEST not in files:
        return [CheckFailure(layout.MANIFEST, "missing")]
    try:
        manifest = json.loads(files[layout.MANIFEST].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [CheckFailure(layout.MANIFEST, f"not valid JSON: {exc}")]
    failures.extend(_schema_failures(layout.MANIFEST, manifest, "manifest"))
    if failures:
        return failures
    failures.extend(_check_files(manifest, files))
    failures.extend(_check_articles(manifest, files))
    failures.extend(_check_media(files))
    for path, data in sorted(files.items()):
        if path.endswith(".html"):
            failures.extend(_check_page(path, data, article=path.startswith("articles/")))
        elif path.startswith("feeds/"):
            failures.extend(CheckFailure(path, message) for message in check_feed(path, data))
    if feeds.ALL_FEED not in files:
        failures.append(CheckFailure(feeds.ALL_FEED, "missing"))
    failures.extend(_check_tree(manifest, files))
    for path, snippet in leaked(files, unexported or set()):
        failures.append(CheckFailure(path, f"holds text of an article that is not exported: "
                                           f"“{snippet[:60]}”"))
    return failures


def _check_tree(manifest: dict[str, Any], files: dict[str, bytes]) -> Iterator[CheckFailure]:
    """Every article folder belongs to the manifest; every category has its page and feed."""
    listed = {entry["slug"] for entry in manifest["articles"]}
    folders = {path.split("/")[1] for path in files if path.startswith("articles/")}
    for slug in sorted(folders - listed):
        yield CheckFailure(f"articles/{slug}", "an article folder the manifest does not list")
    for entry in manifest["articles"]:
        section_path = "/".join(slugify(part) for part in entry["category"])
        for path in (f"categories/{section_path}/index.html",
                     f"feeds/{section_path.replace('/', '--')}.xml"):
            if path not in files:
                yield CheckFailure(path, f"missing, though {entry['slug']} is in its category")


def _check_files(manifest: dict[str, Any], files: dict[str, bytes]) -> Iterator[CheckFailure]:
    listed = manifest["files"]
    paths = [entry["path"] for entry in listed]
    if paths != sorted(paths):
        yield CheckFailure(layout.MANIFEST, "files are not sorted by path")
    for path in sorted(set(files) - {layout.MANIFEST}):
        if not _PATH.match(path):
            yield CheckFailure(path, "the path breaks the bundle's path rules")
        if path not in set(paths):
            yield CheckFailure(path, "in the bundle but not listed in manifest.json")
    for entry in listed:
        data = files.get(entry["path"])
        if data is None:
            yield CheckFailure(entry["path"], "listed in manifest.json but missing")
            continue
        actual = file_entry(entry["path"], data)
        if actual.sha256 != entry["sha256"]:
            yield CheckFailure(entry["path"], "the SHA-256 does not match manifest.json")
        if actual.bytes != entry["bytes"]:
            yield CheckFailure(entry["path"], "the size does not match manifest.json")
    expected = bundle_id(FileEntry(e["path"], e["sha256"], e["bytes"]) for e in listed)
    if manifest["bundle_id"] != expected:
        yield CheckFailure(layout.MANIFEST, "bundle_id is not the hash of the files list")
    for required in (layout.INDEX, layout.STYLESHEET):
        if required not in files:
            yield CheckFailure(required, "missing")


def _check_articles(manifest: dict[str, Any], files: dict[str, bytes]) -> Iterator[CheckFailure]:
    articles = manifest["articles"]
    order = [(-_ordinal(a["published"]), a["slug"]) for a in articles]
    if order != sorted(order):
        yield CheckFailure(layout.MANIFEST, "articles are not sorted newest first, then by slug")
    slugs = [a["slug"] for a in articles]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        yield CheckFailure(layout.MANIFEST, f"the slug '{slug}' is used twice")
    for entry in articles:
        for path in layout.article_files(entry["slug"]):
            if path not in entry["files"]:
                yield CheckFailure(layout.MANIFEST, f"article {entry['slug']} does not list {path}")
        for path in entry["files"]:
            if path not in files:
                yield CheckFailure(path, f"listed for article {entry['slug']} but missing")
        record_path = layout.article_files(entry["slug"])[1]
        if record_path not in files:
            continue
        try:
            record = json.loads(files[record_path].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield CheckFailure(record_path, f"not valid JSON: {exc}")
            continue
        schema_failures = list(_schema_failures(record_path, record, "article"))
        yield from schema_failures
        if not schema_failures:
            for key in ("id", "slug", "title", "revision", "published", "updated", "language"):
                if record[key] != entry[key]:
                    yield CheckFailure(record_path, f"'{key}' differs from manifest.json")
            if record["category"]["path"] != entry["category"]:
                yield CheckFailure(record_path, "'category' differs from manifest.json")


def _ordinal(day: str) -> int:
    try:
        return dt.date.fromisoformat(day).toordinal()
    except ValueError:
        return 0


def _check_media(files: dict[str, bytes]) -> Iterator[CheckFailure]:
    """Media files are named by their hash, and present exactly when an article uses them."""
    used: set[str] = set()
    for path, data in files.items():
        if path.startswith("articles/") and path.endswith("/article.json"):
            try:
                used.update(entry["path"] for entry in json.loads(data).get("media", []))
            except (ValueError, AttributeError, TypeError, KeyError):
                continue  # reported by the schema check
    for path, data in sorted(files.items()):
        if not path.startswith("media/"):
            continue
        match = MEDIA_SRC.match(path)
        if match is None:
            yield CheckFailure(path, "media files must be named media/<sha256>.<ext>")
        elif hashlib.sha256(data).hexdigest() != match.group(1):
            yield CheckFailure(path, "the file's content does not match the hash in its name")
        if path not in used:
            yield CheckFailure(path, "no article in the bundle uses this media file")
    for path in sorted(used - set(files)):
        yield CheckFailure(path, "used by an article but missing from the bundle")
