"""Exporting the approved and published articles as a portal bundle."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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
from editor.core.ledger import ExportRecord
from editor.core.markdown import is_current
from editor.core.media import MEDIA_SRC
from editor.portal import bundle, feeds, layout, links
from editor.portal.bundle import BundleArticle
from editor.portal.pages import STATIC, PortalPages
from editor.portal.writer import BundleTargetError, BundleWriter, FileEntry, bundle_id
from editor.services.export_base import BaseError, resolve_base
from editor.services.export_shard import Shard, warm_up, write_shard
from editor.services.progress import Job, Progress
from editor.services.rendering import render_all
from editor.store import ledger, repository
from editor.store.database import Database

EXPORTED_STATUSES = (Status.APPROVED, Status.PUBLISHED)
SHARD_SIZE = 250
#: Below this many articles, worker processes cost more than they save.
PARALLEL_FROM = 400
__all__ = ["BaseError", "BundleTargetError", "ExportBlocked", "ExportProblem", "ExportResult",
           "ExportService"]


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
    kind: str = "full"
    base: str | None = None
    deleted: int = 0


@dataclass(frozen=True, slots=True)
class _Plan:
    site: SiteSettings
    categories: list[Category]
    articles: list[Article]  # headers only: no body
    problems: list[ExportProblem]
    media: dict[str, str]  # sha256 → extension, for the images the carried articles use


class ExportService:
    """Builds a full bundle of every approved or published article."""

    def __init__(self, database: Database, *, workers: int | None = None) -> None:
        self._db = database
        self.generator = f"portal-editor {__version__}"
        self._workers = workers or os.cpu_count() or 1

    def problems(self) -> list[ExportProblem]:
        """What keeps the exportable articles from being exported, article by article."""
        return self._plan().problems

    def _plan(self, changed: Callable[[Article], bool] | None = None) -> _Plan:
        """What to export; `changed` picks the articles a delta carries (all, for a full
        export), and only their bodies are checked and brought up to date."""
        with self._db.transaction() as session:
            site, categories = repository.site_settings(session), repository.categories(session)
            headers = repository.article_headers(session, EXPORTED_STATUSES)
        articles = [article for article, _key in headers]
        carried = [a for a in articles if changed is None or changed(a)]
        media: dict[str, str] = {}
        problems = self._check(articles, carried, categories, media)
        return _Plan(site, categories, articles, problems, media)

    def _check(self, articles: Sequence[Article], carried: Sequence[Article],
               categories: Sequence[Category], media: dict[str, str]) -> list[ExportProblem]:
        """Check the carried articles from the facts stored with their renders; renders that
        are out of date are made again first (on every core) and stored."""
        known = _bundle_pages({a.slug for a in articles}, categories)
        found: dict[str, list[Problem]] = {a.id: required_field_problems(a) for a in articles}
        image_users: dict[str, list[str]] = {}  # sha256 → the articles that use it

        def check(article_id: str, facts: dict[str, list[str]]) -> None:
            found[article_id].extend(Problem("body", text) for text in facts["problems"])
            found[article_id].extend(_link_problems(facts["links"], known))
            for src in facts["images"]:
                hashed = MEDIA_SRC.match(src)
                if hashed:
                    image_users.setdefault(hashed.group(1), []).append(article_id)
                else:
                    found[article_id].append(
                        Problem("body", f"the image {src} is not in the media store"))

        ids = [a.id for a in carried]
        stale: list[str] = []
        with self._db.transaction() as session:
            for article_id, key, facts in repository.render_facts(session, ids):
                if is_current(key) and facts:
                    check(article_id, json.loads(facts))
                else:
                    stale.append(article_id)
        for start in range(0, len(stale), 2000):
            with self._db.transaction() as session:
                bodies = list(repository.bodies_of(session, stale[start:start + 2000]))
            renders = render_all([body for _id, body in bodies], self._workers)
            with self._db.transaction() as session:
                repository.store_renders(session, ((article_id, rendered) for
                                                   (article_id, _body), rendered
                                                   in zip(bodies, renders, strict=True)))
            for (article_id, _body), rendered in zip(bodies, renders, strict=True):
                check(article_id, json.loads(rendered.facts()))
        self._check_media(found, media, image_users)
        return [ExportProblem(a.id, a.title, problem.field, problem.message)
                for a in sorted(articles, key=lambda a: (a.title.casefold(), a.id))
                for problem in found[a.id]]

    def _check_media(self, found: dict[str, list[Problem]], media: dict[str, str],
                     users: dict[str, list[str]]) -> None:
        """Fill `media` with the images the checked bodies use; flag those not in the store."""
        with self._db.transaction() as session:
            stored = repository.media_info(session, users)
        for sha, article_ids in sorted(users.items()):
            if sha in stored:
                media[sha] = stored[sha][0]
            else:
                for article_id in article_ids:
                    found[article_id].append(
                        Problem("body", f"the image media/{sha[:12]}… is not in the media store"))

    def history(self) -> list[ExportRecord]:
        """Past exports, newest first."""
        with self._db.transaction() as session:
            return ledger.history(session)

    def last_export(self) -> str | None:
        records = self.history()
        return records[0].bundle_id if records else None

    def export(self, target: Path, *, since: str | Path | None = None) -> Job[ExportResult]:
        """Write a bundle to `target` (a folder, or an archive if it ends in .zip): every
        exportable article, or with `since` only what changed after that earlier bundle."""
        large = since is None and self._workers > 1 and self._count() >= PARALLEL_FROM
        with _Workers(self._db, self._workers if large else 1) as workers:
            return (yield from self._export(Path(target), since, workers))

    def _count(self) -> int:
        with self._db.transaction() as session:
            return repository.count_with_status(session, EXPORTED_STATUSES)

    def _export(self, target: Path, since: str | Path | None,
                workers: _Workers) -> Job[ExportResult]:
        base_id, base_state = resolve_base(self._db, since) if since is not None else (None, {})
        plan = self._plan(None if since is None else
                          lambda a: base_state.get(a.id) != (a.slug, a.revision))
        if plan.problems:
            raise ExportBlocked(plan.problems)
        by_id = {category.id: category for category in plan.categories}
        everything = [BundleArticle(a, by_id[a.category_id], "") for a in plan.articles
                      if a.category_id is not None]
        items = [i for i in everything if base_id is None
                 or base_state.get(i.article.id) != (i.article.slug, i.article.revision)]
        current = {i.article.id for i in everything}
        deleted = [{"id": article_id, "slug": slug}
                   for article_id, (slug, _revision) in sorted(base_state.items())
                   if article_id not in current]
        total, created = len(items) + 2, bundle.newest_update(everything)
        with BundleWriter(target, created) as writer:
            try:
                ids = [item.article.id for item in items]
                articles = workers.run([
                    Shard(self._db.url, str(writer.staging), tuple(ids[i:i + SHARD_SIZE]),
                          plan.site, tuple(plan.categories), created)
                    for i in range(0, len(ids), SHARD_SIZE)])
                touched = self._touched_categories(plan, items, deleted, base_id is None)
                self._write_shared_files(writer, plan, everything, touched)  # workers write
                done = 0
                for entries in articles:
                    writer.adopt(entries)
                    done += len(entries) // 3
                    yield Progress(done, total, f"Written {done} of {len(items)} articles")
            finally:  # on error or cancel, no worker may still write when the staging goes
                workers.stop()
            yield Progress(total - 1, total, "Writing the manifest")
            entries = writer.entries
            writer.commit(bundle.manifest(generator=self.generator, site=plan.site, items=items,
                                          entries=entries, base=base_id, deleted=deleted,
                                          created=created))
        result = ExportResult(target, bundle_id(entries), len(items), len(entries) + 1,
                              sum(e.bytes for e in entries), "full" if base_id is None else "delta",
                              base_id, len(deleted))
        self._record(result, everything, items)
        yield Progress(total, total, "Done")
        return result

    def _touched_categories(self, plan: _Plan, items: Sequence[BundleArticle],
                            deleted: Sequence[dict[str, str]], full: bool) -> list[Category]:
        """The categories whose pages and feeds go into the bundle: all of them in a full
        one; in a delta, those of the articles it carries or withdraws."""
        if full:
            return plan.categories
        wanted = {item.category.id for item in items}
        with self._db.transaction() as session:
            gone = repository.categories_of(session, [entry["id"] for entry in deleted])
        if len(gone) < len(deleted) or None in gone.values():
            return plan.categories  # a withdrawn article we cannot place: send every page
        wanted.update(category_id for category_id in gone.values() if category_id is not None)
        return [category for category in plan.categories if category.id in wanted]

    def _write_shared_files(self, writer: BundleWriter, plan: _Plan,
                            everything: Sequence[BundleArticle],
                            categories: Sequence[Category]) -> None:
        """The stylesheet, the images, the index, the pages of `categories`, and the feeds."""
        writer.add(layout.STYLESHEET, (STATIC / layout.STYLESHEET).read_bytes())
        with self._db.transaction() as session:
            for sha, extension in sorted(plan.media.items()):
                data = repository.media_data(session, sha)
                assert data is not None  # checked in the plan
                writer.add(f"media/{sha}.{extension}", data)
        pages = PortalPages(plan.site, plan.categories)
        for path, data in bundle.listing_files(pages, everything, categories):
            writer.add(path, data)
        for path, data in feeds.feed_files(plan.site, everything, categories):
            writer.add(path, data)

    def _record(self, result: ExportResult, everything: Sequence[BundleArticle],
                items: Sequence[BundleArticle]) -> None:
        """Remember the export; what went out is published, and its slugs never change."""
        state = {i.article.id: (i.article.slug, i.article.revision) for i in everything}
        entry = ExportRecord(result.bundle_id, result.kind, result.base,
                                    repository.now(), str(result.target), result.articles,
                                    result.files, result.bytes)
        with self._db.transaction() as session:
            ledger.record(session, entry, state)
            ledger.mark_exported(session, (i.article.id for i in items))


class _Workers:
    """Processes that write article pages; started early, so that their start-up overlaps
    the checks. With one worker, shards are written in this process, one at a time."""

    def __init__(self, database: Database, count: int) -> None:
        self._db = database
        self._pool: ProcessPoolExecutor | None = None
        if count > 1:
            self._pool = ProcessPoolExecutor(count,
                                             mp_context=multiprocessing.get_context("spawn"))
            for _ in range(count):
                self._pool.submit(warm_up)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def run(self, shards: Sequence[Shard]) -> Iterator[list[FileEntry]]:
        """The entries of each shard as it is written (all submitted at once)."""
        if self._pool is None:
            return (write_shard(shard, self._db) for shard in shards)
        futures: list[Future[list[FileEntry]]] = [self._pool.submit(write_shard, shard)
                                                  for shard in shards]
        return (future.result() for future in futures)

    def stop(self) -> None:
        """Cancel what has not started and wait for what has."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _bundle_pages(slugs: set[str], categories: Sequence[Category]) -> set[str]:
    pages = {layout.INDEX, layout.STYLESHEET, feeds.ALL_FEED}
    for slug in slugs:
        pages.update(layout.article_files(slug))
    pages.update(layout.category_page(c) for c in categories)
    pages.update(layout.category_feed(c) for c in categories)
    return pages


def _link_problems(hrefs: Iterable[str], known: set[str]) -> Iterator[Problem]:
    for href in hrefs:
        if href.startswith(("media/", "#")):
            continue
        target = links.resolve("articles/x/index.html", href)
        if target is None:
            yield Problem("body", f"the link to “{href}” leads out of the bundle")
        elif target not in known:
            yield Problem("body", f"the link to “{href}” points to a page that is not exported")
