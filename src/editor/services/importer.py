"""Importing Markdown files with front matter: all of them, or none when one is wrong."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from editor.core import frontmatter
from editor.core.article import LANGUAGE_PATTERN, Article, Category, Status
from editor.core.markdown import Rendered
from editor.core.text import unique_slug
from editor.services.media import MissingImageError, TakenImages, take_images
from editor.services.progress import Job, Progress
from editor.services.rendering import render_all
from editor.store import repository
from editor.store.database import Database

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
IMPORTABLE_STATUSES = (Status.DRAFT, Status.APPROVED, Status.PUBLISHED)


@dataclass(frozen=True, slots=True)
class ImportFailure:
    path: Path
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f" field '{self.field}':" if self.field else ""
        return f"{self.path}:{where} {self.message}"


class ImportFailed(ValueError):
    """One or more files could not be imported; nothing was added."""

    def __init__(self, failures: Sequence[ImportFailure]) -> None:
        super().__init__("; ".join(map(str, failures)))
        self.failures = list(failures)


class MarkdownImporter:
    """Reads files, checks every one, then adds them all in one transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def import_files(self, paths: Sequence[Path], *,
                     status: Status = Status.DRAFT) -> Job[list[str]]:
        """Import `paths`; yields progress, returns the new article ids, raises ImportFailed."""
        if status not in IMPORTABLE_STATUSES:
            raise ValueError(f"articles can be imported as {', '.join(IMPORTABLE_STATUSES)}")
        total = len(paths) * 2
        documents: list[tuple[Path, frontmatter.MarkdownDocument]] = []
        images: list[TakenImages] = []
        failures: list[ImportFailure] = []
        for done, path in enumerate(paths, 1):
            try:
                text = Path(path).read_bytes().decode("utf-8")
                document = frontmatter.parse(text)
                taken = take_images(document.body, Path(path))
                documents.append((Path(path), replace(document, body=taken.body)))
                images.append(taken)
            except frontmatter.FrontMatterError as exc:
                failures.append(ImportFailure(Path(path), exc.field, str(exc)))
            except MissingImageError as exc:
                failures.append(ImportFailure(Path(path), "body", str(exc)))
            except UnicodeDecodeError:
                failures.append(ImportFailure(Path(path), None, "the file is not UTF-8 text"))
            except OSError as exc:
                failures.append(ImportFailure(Path(path), None,
                                              f"cannot read the file ({exc.strerror})"))
            yield Progress(done, total, f"Reading {Path(path).name}")
        if failures:
            raise ImportFailed(failures)
        yield Progress(len(paths), total, f"Rendering {len(documents)} articles")
        rendered = render_all([document.body for _path, document in documents])
        ids = self._store(documents, rendered, images, status)
        yield Progress(total, total, f"Imported {len(ids)} articles")
        return ids

    def _store(self, documents: Sequence[tuple[Path, frontmatter.MarkdownDocument]],
               rendered: Sequence[Rendered], images: Sequence[TakenImages],
               status: Status) -> list[str]:
        failures: list[ImportFailure] = []
        rows: list[tuple[Article, Rendered]] = []
        with self._db.transaction() as session:
            categories = repository.category_by_path(session)
            now = repository.now()
            new_slugs: set[str] = set()
            new_ids: set[str] = set()
            arriving = {media.sha256 for taken in images for media in taken.files}
            stored = repository.media_info(
                session, {sha for taken in images for sha in taken.expected} - arriving)
            for (path, doc), render, taken in zip(documents, rendered, images, strict=True):
                problems = self._problems(session, doc, categories, new_ids, new_slugs)
                problems.extend(("body", f"image 'media/{sha}' is not in the media store")
                                for sha in sorted(taken.expected - arriving - set(stored)))
                if problems:
                    failures.extend(ImportFailure(path, field, msg) for field, msg in problems)
                    continue
                article_id = doc.id or str(uuid.uuid4())
                slug = doc.slug or unique_slug(
                    doc.title, lambda s: s in new_slugs or repository.slug_taken(session, s))
                new_ids.add(article_id)
                new_slugs.add(slug)
                rows.append((Article(
                    id=article_id, title=doc.title, slug=slug, slug_locked=doc.slug is not None,
                    summary=doc.summary, body=doc.body, category_id=categories[doc.category].id,
                    source=doc.source, author=doc.author, language=doc.language, date=doc.date,
                    status=status, created=now, updated=now, revision=1), render))
            if failures:
                raise ImportFailed(failures)
            for taken in images:
                for media in taken.files:
                    repository.add_media(session, media)
            repository.insert_many(session, rows)
        return [article.id for article, _render in rows]

    @staticmethod
    def _problems(session: Session, doc: frontmatter.MarkdownDocument,
                  categories: dict[tuple[str, ...], Category], new_ids: set[str],
                  new_slugs: set[str]) -> list[tuple[str, str]]:
        problems = []
        if doc.category not in categories:
            problems.append(("category", f"unknown category '{' › '.join(doc.category)}'"))
        if doc.id is not None:
            if not _UUID.match(doc.id):
                problems.append(("id", f"'{doc.id}' is not a UUID"))
            elif doc.id in new_ids or repository.exists(session, doc.id):
                problems.append(("id", f"an article with id {doc.id} already exists"))
        if doc.slug is not None:
            if not _SLUG.match(doc.slug) or len(doc.slug) > 80:
                problems.append(("slug", f"'{doc.slug}' is not a valid slug"))
            elif doc.slug in new_slugs or repository.slug_taken(session, doc.slug):
                problems.append(("slug", f"the slug '{doc.slug}' is already used"))
        if not re.match(LANGUAGE_PATTERN, doc.language):
            problems.append(("language", f"'{doc.language}' is not a language code"))
        return problems
