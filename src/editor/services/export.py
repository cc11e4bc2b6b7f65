"""Exporting the approved and published articles as a portal bundle."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor import __version__
from editor.core.article import (
    Article,
    Category,
    Problem,
    SiteSettings,
    Status,
    required_field_problems,
)
from editor.core.markdown import body_problems, render_body, render_key
from editor.portal import bundle, layout
from editor.portal.bundle import BundleArticle
from editor.portal.pages import STATIC, PortalPages
from editor.portal.writer import BundleTargetError, BundleWriter, bundle_id
from editor.services.progress import Job, Progress
from editor.store import repository
from editor.store.database import Database
from editor.store.repository import StoredRender

EXPORTED_STATUSES = (Status.APPROVED, Status.PUBLISHED)
__all__ = ["BundleTargetError", "ExportBlocked", "ExportProblem", "ExportResult", "ExportService"]


@dataclass(frozen=True, slots=True)
class ExportProblem:
    """Why one article keeps the export from running."""

    article_id: str
    title: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.title or '(untitled)'}: {self.message}"


class ExportBlocked(RuntimeError):
    """Articles that would be exported are incomplete; nothing was written."""

    def __init__(self, problems: list[ExportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) stop the export: "
                         + "; ".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ExportResult:
    target: Path
    bundle_id: str
    articles: int
    files: int
    bytes: int


class ExportService:
    """Builds a full bundle of every approved or published article."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self.generator = f"portal-editor {__version__}"

    def _load(self) -> tuple[SiteSettings, list[Category], list[tuple[Article, StoredRender]]]:
        with self._db.transaction() as session:
            return (repository.site_settings(session), repository.categories(session),
                    repository.articles_with_status(session, EXPORTED_STATUSES))

    def _prepare(self) -> tuple[SiteSettings, list[Category], list[tuple[Article, str]],
                                list[ExportProblem]]:
        """Everything an export needs, each article with its current body HTML, and the
        problems that would stop it."""
        site, categories, rows = self._load()
        articles = [(article, self._body(article, stored)) for article, stored in rows]
        problems = [ExportProblem(a.id, a.title, problem.field, problem.message)
                    for a, body in sorted(articles, key=lambda pair: (pair[0].title, pair[0].id))
                    for problem in [*required_field_problems(a),
                                    *(Problem("body", text) for text in body_problems(body))]]
        return site, categories, articles, problems

    def problems(self) -> list[ExportProblem]:
        """What keeps the exportable articles from being exported, article by article."""
        return self._prepare()[3]

    def export(self, target: Path) -> Job[ExportResult]:
        """Write the bundle to `target` (a folder, or an archive if it ends in .zip)."""
        site, categories, articles, problems = self._prepare()
        if problems:
            raise ExportBlocked(problems)
        by_id = {category.id: category for category in categories}
        items = [BundleArticle(article, by_id[article.category_id], body)
                 for article, body in articles if article.category_id is not None]
        pages = PortalPages(site, categories)
        total = len(items) + 2
        with BundleWriter(Path(target), bundle.newest_update(items)) as writer:
            writer.add(layout.STYLESHEET, (STATIC / layout.STYLESHEET).read_bytes())
            for done, item in enumerate(items, 1):
                for path, data in bundle.article_files(pages, item):
                    writer.add(path, data)
                yield Progress(done, total, item.article.title)
            for path, data in bundle.listing_files(pages, items, categories):
                writer.add(path, data)
            yield Progress(total - 1, total, "Writing the manifest")
            entries = writer.entries
            writer.commit(bundle.manifest(generator=self.generator, site=site, items=items,
                                          entries=entries))
        with self._db.transaction() as session:
            repository.lock_slugs(session, (item.article.id for item in items))
        yield Progress(total, total, "Done")
        return ExportResult(Path(target), bundle_id(entries), len(items),
                            len(entries) + 1, sum(e.bytes for e in entries))

    @staticmethod
    def _body(article: Article, stored: StoredRender) -> str:
        """The stored render when it is of this text by this renderer, else a fresh one."""
        html, key = stored
        return html if key == render_key(article.body) else render_body(article.body)
