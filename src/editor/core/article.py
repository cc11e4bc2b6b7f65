"""The article, its fields and the rules a complete article must satisfy."""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field, replace


class Status(enum.StrEnum):
    """Where an article is in its life, from first draft to the archive."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def exportable(self) -> bool:
        return self in (Status.APPROVED, Status.PUBLISHED)


_STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.IN_REVIEW: "In review",
    Status.CHANGES_REQUESTED: "Changes requested",
    Status.APPROVED: "Approved",
    Status.PUBLISHED: "Published",
    Status.ARCHIVED: "Archived",
}


@dataclass(frozen=True, slots=True)
class Category:
    """One category of the portal; `section` is empty for a top-level category."""

    id: int
    section: str
    name: str

    @property
    def path(self) -> tuple[str, ...]:
        return (self.section, self.name) if self.section else (self.name,)

    @property
    def label(self) -> str:
        return " › ".join(self.path)


@dataclass(slots=True)
class Article:
    """An article as the services hand it around: plain data, no database attached."""

    id: str
    title: str = ""
    slug: str = ""
    summary: str = ""
    body: str = ""
    category_id: int | None = None
    source: str = "iqingdao"
    author: str = ""
    language: str = "en"
    date: dt.date | None = None
    status: Status = Status.DRAFT
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    revision: int = 0
    slug_locked: bool = False

    def copy(self, **changes: object) -> Article:
        return replace(self, **changes)  # type: ignore[arg-type]

    def content_equals(self, other: Article) -> bool:
        """True when the fields a person edits are the same in both."""
        return all(getattr(self, name) == getattr(other, name) for name in EDITABLE_FIELDS)


EDITABLE_FIELDS = (
    "title", "summary", "body", "category_id", "source", "author", "language", "date", "status",
)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list."""

    id: str
    title: str
    slug: str
    category: str
    status: Status
    date: dt.date | None
    updated: dt.datetime
    revision: int


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that keeps an article from being exported, named by field."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """The centre's details that every portal page shows."""

    name: str
    address: str
    telephone: str
    hours: str
    footer_links: tuple[tuple[str, str], ...] = field(default=())


LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"


def required_field_problems(article: Article) -> list[Problem]:
    """The required fields (title, category, date, source) that are empty."""
    problems = []
    if not article.title.strip():
        problems.append(Problem("title", "the title is empty"))
    if article.category_id is None:
        problems.append(Problem("category", "no category is chosen"))
    if article.date is None:
        problems.append(Problem("date", "the publication date is empty"))
    if not article.source.strip():
        problems.append(Problem("source", "the source byline is empty"))
    if not re.match(LANGUAGE_PATTERN, article.language or ""):
        problems.append(Problem("language", f"'{article.language}' is not a language code"))
    return problems
