"""Markdown files with a YAML front-matter block: the import and `article.md` format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

KEYS = ("id", "title", "slug", "category", "date", "source", "author", "language", "summary")


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Safe YAML (libyaml's when present) that leaves dates as text, so that a bad date gets
    its own clear message."""


_TextDatesLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]


_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _FrontMatterDumper(_SafeDumper):  # type: ignore[misc,valid-type]
    """Block style for the front matter, flow style for lists: `category: [Visit, Tickets]`."""


_FrontMatterDumper.add_representer(
    list, lambda dumper, data: dumper.represent_sequence(  # type: ignore[arg-type]
        "tag:yaml.org,2002:seq", data, flow_style=True))


class FrontMatterError(ValueError):
    """The file's front matter is missing or a field in it is wrong; names the field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class MarkdownDocument:
    """The fields read from a front-matter block, and the body after it."""

    title: str
    category: tuple[str, ...]
    date: dt.date
    source: str
    author: str
    language: str
    summary: str
    body: str
    slug: str | None = None
    id: str | None = None


def split(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a mapping and the body after it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise FrontMatterError("no front matter: the file must start with a '---' line")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise FrontMatterError("the front matter is not closed by a '---' line")
    try:
        data = yaml.load(text[4:end + 1], Loader=_TextDatesLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"the front matter is not valid YAML{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("the front matter must be a mapping of keys to values")
    body = text[end + 5:]
    return data, body.removeprefix("\n")


def _text(data: dict[str, Any], key: str, *, required: bool) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise FrontMatterError(f"'{key}' is missing", key)
        return ""
    if isinstance(value, bool | list | dict):
        raise FrontMatterError(f"'{key}' must be text", key)
    text = str(value).strip()
    if required and not text:
        raise FrontMatterError(f"'{key}' is empty", key)
    return text


def _date(data: dict[str, Any]) -> dt.date:
    value = data.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise FrontMatterError("'date' is missing", "date")
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FrontMatterError(f"'date' is '{value}', not a date in YYYY-MM-DD form",
                               "date") from None


def _category(data: dict[str, Any]) -> tuple[str, ...]:
    value = data.get("category")
    if value is None:
        raise FrontMatterError("'category' is missing", "category")
    if isinstance(value, str):
        value = [part.strip() for part in value.split("›" if "›" in value else ">")]
    if (not isinstance(value, list) or not 1 <= len(value) <= 2
            or not all(isinstance(part, str) and part.strip() for part in value)):
        raise FrontMatterError("'category' must be [Section, Category]", "category")
    return tuple(part.strip() for part in value)


def parse(text: str) -> MarkdownDocument:
    """Read a Markdown file with front matter; raises FrontMatterError naming the field."""
    data, body = split(text)
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise FrontMatterError(f"unknown key '{unknown[0]}'", unknown[0])
    return MarkdownDocument(
        title=_text(data, "title", required=True),
        category=_category(data),
        date=_date(data),
        source=_text(data, "source", required=True),
        author=_text(data, "author", required=False),
        language=_text(data, "language", required=False) or "en",
        summary=_text(data, "summary", required=False),
        body=body,
        slug=_text(data, "slug", required=False) or None,
        id=_text(data, "id", required=False).lower() or None,
    )


def dump(fields: dict[str, Any], body: str) -> str:
    """A Markdown file: front matter with `fields` in KEYS order, then the body."""
    ordered = {key: fields[key] for key in KEYS if key in fields}
    head = yaml.dump(ordered, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000)
    return f"---\n{head}---\n\n{body}"
