"""Queries over one session; every result is a core dataclass, never a live ORM object."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer

from editor.core.article import Article, ArticleSummary, Category, SiteSettings, Status
from editor.core.markdown import Rendered
from editor.core.media import MediaFile
from editor.store.orm import ArticleRow, CategoryRow, MediaRow, SettingRow


class ConflictError(RuntimeError):
    """The article changed in the database since it was read."""


class NotFoundError(LookupError):
    """No article has that id."""


def _category(row: CategoryRow) -> Category:
    return Category(id=row.id, section=row.section, name=row.name)


def _article(row: ArticleRow) -> Article:
    return Article(
        id=row.id, title=row.title, slug=row.slug, summary=row.summary, body=row.body,
        category_id=row.category_id, source=row.source, author=row.author,
        language=row.language, date=row.pub_date, status=Status(row.status),
        created=row.created, updated=row.updated, revision=row.revision,
        slug_locked=row.slug_locked,
    )


def categories(session: Session) -> list[Category]:
    rows = session.scalars(select(CategoryRow).order_by(CategoryRow.position, CategoryRow.id))
    return [_category(row) for row in rows]


def category_by_path(session: Session) -> dict[tuple[str, ...], Category]:
    return {category.path: category for category in categories(session)}


def add_category(session: Session, section: str, name: str) -> Category:
    position = (session.scalar(select(func.max(CategoryRow.position))) or 0) + 1
    row = CategoryRow(section=section, name=name, position=position)
    session.add(row)
    session.flush()
    return _category(row)


def update_category(session: Session, category_id: int, section: str, name: str) -> None:
    session.execute(update(CategoryRow).where(CategoryRow.id == category_id)
                    .values(section=section, name=name))


def delete_category(session: Session, category_id: int) -> None:
    row = session.get(CategoryRow, category_id)
    if row is not None:
        session.delete(row)


def articles_in_category(session: Session, category_id: int) -> int:
    return session.scalar(select(func.count()).select_from(ArticleRow)
                          .where(ArticleRow.category_id == category_id)) or 0


def get_setting(session: Session, key: str, default: object = None) -> object:
    row = session.get(SettingRow, key)
    return default if row is None else json.loads(row.value)


def set_setting(session: Session, key: str, value: object) -> None:
    session.merge(SettingRow(key=key, value=json.dumps(value, ensure_ascii=False)))


def site_settings(session: Session) -> SiteSettings:
    values = {row.key: json.loads(row.value) for row in session.scalars(select(SettingRow))}
    links = tuple((str(label), " › ".join(path)) for label, path in
                  values.get("site.footer_links", []))
    return SiteSettings(name=values.get("site.name", ""), address=values.get("site.address", ""),
                        telephone=values.get("site.telephone", ""),
                        hours=values.get("site.hours", ""), footer_links=links)


def summaries(session: Session, status: Status | None = None) -> list[ArticleSummary]:
    query = (select(ArticleRow.id, ArticleRow.title, ArticleRow.slug, CategoryRow.section,
                    CategoryRow.name, ArticleRow.status, ArticleRow.pub_date,
                    ArticleRow.updated, ArticleRow.revision)
             .outerjoin(CategoryRow, ArticleRow.category_id == CategoryRow.id)
             .order_by(ArticleRow.updated.desc()))
    if status is not None:
        query = query.where(ArticleRow.status == status.value)
    result = []
    for row in session.execute(query):
        category = " › ".join(p for p in (row.section, row.name) if p) if row.name else ""
        result.append(ArticleSummary(id=row.id, title=row.title, slug=row.slug,
                                     category=category, status=Status(row.status),
                                     date=row.pub_date, updated=row.updated,
                                     revision=row.revision))
    return result


def get(session: Session, article_id: str) -> Article:
    row = session.get(ArticleRow, article_id)
    if row is None:
        raise NotFoundError(article_id)
    return _article(row)


def articles_with_status(session: Session, statuses: Iterable[Status]) -> list[Article]:
    """Whole articles (body included) in any of `statuses`; their rendered HTML stays behind."""
    rows = session.scalars(select(ArticleRow).options(defer(ArticleRow.body_html))
                           .where(ArticleRow.status.in_([s.value for s in statuses]))
                           .order_by(ArticleRow.id))
    return [_article(row) for row in rows]


_HEADER_COLUMNS = (ArticleRow.id, ArticleRow.title, ArticleRow.slug, ArticleRow.summary,
                   ArticleRow.category_id, ArticleRow.source, ArticleRow.author,
                   ArticleRow.language, ArticleRow.pub_date, ArticleRow.status,
                   ArticleRow.created, ArticleRow.updated, ArticleRow.revision,
                   ArticleRow.slug_locked, ArticleRow.body_html_key)


_STATUSES = {status.value: status for status in Status}


def count_with_status(session: Session, statuses: Iterable[Status]) -> int:
    return session.scalar(select(func.count()).select_from(ArticleRow).where(
        ArticleRow.status.in_([s.value for s in statuses]))) or 0


def article_headers(session: Session, statuses: Iterable[Status]) -> list[tuple[Article, str]]:
    """Articles in `statuses` without their body, each with its stored render key (read as
    plain rows: an export of thousands needs no ORM objects)."""
    rows = session.execute(select(*_HEADER_COLUMNS)
                           .where(ArticleRow.status.in_([s.value for s in statuses]))
                           .order_by(ArticleRow.id))
    return [(Article(id=r.id, title=r.title, slug=r.slug, summary=r.summary, body="",
                     category_id=r.category_id, source=r.source, author=r.author,
                     language=r.language, date=r.pub_date, status=_STATUSES[r.status],
                     created=r.created, updated=r.updated, revision=r.revision,
                     slug_locked=r.slug_locked), r.body_html_key) for r in rows]


def store_renders(session: Session, renders: Iterable[tuple[str, Rendered]]) -> None:
    """Store new renders of articles whose stored render was out of date."""
    for article_id, rendered in renders:
        session.execute(update(ArticleRow).where(ArticleRow.id == article_id)
                        .values(body_html=rendered.html, body_html_key=rendered.key,
                                body_facts=rendered.facts())
                        .execution_options(synchronize_session=False))


def render_facts(session: Session,
                 article_ids: Sequence[str]) -> Iterator[tuple[str, str, str]]:
    """(id, render key, facts JSON) for each id: what an export checks, without bodies."""
    columns = (ArticleRow.id, ArticleRow.body_html_key, ArticleRow.body_facts)
    for start in range(0, len(article_ids), 500):
        batch = article_ids[start:start + 500]
        for row in session.execute(select(*columns).where(ArticleRow.id.in_(batch))):
            yield row.id, row.body_html_key, row.body_facts


def bodies_of(session: Session, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(id, Markdown body) for each id."""
    for start in range(0, len(article_ids), 500):
        batch = article_ids[start:start + 500]
        yield from ((row.id, row.body) for row in session.execute(
            select(ArticleRow.id, ArticleRow.body).where(ArticleRow.id.in_(batch))))


def articles_by_ids(session: Session, article_ids: Sequence[str]) -> list[tuple[Article, str]]:
    """Whole articles with their stored body HTML."""
    rows = session.scalars(select(ArticleRow).where(ArticleRow.id.in_(list(article_ids))))
    return [(_article(row), row.body_html) for row in rows]


def slug_taken(session: Session, slug: str, *, other_than: str | None = None) -> bool:
    query = select(func.count()).select_from(ArticleRow).where(ArticleRow.slug == slug)
    if other_than is not None:
        query = query.where(ArticleRow.id != other_than)
    return bool(session.scalar(query))


def exists(session: Session, article_id: str) -> bool:
    return session.get(ArticleRow, article_id) is not None


def insert(session: Session, article: Article, rendered: Rendered) -> None:
    session.add(ArticleRow(
        id=article.id, title=article.title, slug=article.slug, slug_locked=article.slug_locked,
        summary=article.summary, body=article.body, body_html=rendered.html,
        body_html_key=rendered.key, body_facts=rendered.facts(),
        category_id=article.category_id, source=article.source,
        author=article.author, language=article.language, pub_date=article.date,
        status=article.status.value, created=article.created, updated=article.updated,
        revision=article.revision,
    ))


def insert_many(session: Session, rows: Sequence[tuple[Article, Rendered]]) -> None:
    for article, rendered in rows:
        insert(session, article, rendered)


def update_article(session: Session, article: Article, *, expected_revision: int,
                   rendered: Rendered | None) -> None:
    """Write `article` over the stored one if that is still at `expected_revision`."""
    values: dict[str, object] = {
        "title": article.title, "slug": article.slug, "slug_locked": article.slug_locked,
        "summary": article.summary, "body": article.body, "category_id": article.category_id,
        "source": article.source, "author": article.author, "language": article.language,
        "pub_date": article.date, "status": article.status.value, "updated": article.updated,
        "revision": article.revision,
    }
    if rendered is not None:
        values.update(body_html=rendered.html, body_html_key=rendered.key,
                      body_facts=rendered.facts())
    result = session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article.id, ArticleRow.revision == expected_revision)
        .values(**values)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        if not exists(session, article.id):
            raise NotFoundError(article.id)
        raise ConflictError(f"'{article.title}' was changed elsewhere since it was opened")


def categories_of(session: Session, article_ids: Sequence[str]) -> dict[str, int | None]:
    """The category of each article that still exists."""
    found: dict[str, int | None] = {}
    for start in range(0, len(article_ids), 500):
        rows = session.execute(select(ArticleRow.id, ArticleRow.category_id)
                               .where(ArticleRow.id.in_(article_ids[start:start + 500])))
        found.update({row.id: row.category_id for row in rows})
    return found


def stored_render_key(session: Session, article_id: str) -> str:
    return session.scalar(select(ArticleRow.body_html_key).where(ArticleRow.id == article_id)) \
        or ""


def add_media(session: Session, media: MediaFile) -> None:
    """Store an image once: the same bytes are never stored twice."""
    if session.get(MediaRow, media.sha256) is None:
        session.add(MediaRow(sha256=media.sha256, extension=media.extension, mime=media.mime,
                             bytes=len(media.data), data=media.data, created=now()))
        session.flush()


def media_info(session: Session, hashes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """sha256 → (extension, MIME type) for the hashes the store holds."""
    wanted = sorted(set(hashes))
    found = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(select(MediaRow.sha256, MediaRow.extension, MediaRow.mime)
                               .where(MediaRow.sha256.in_(wanted[start:start + 500])))
        found.update({row.sha256: (row.extension, row.mime) for row in rows})
    return found


def media_data(session: Session, sha256: str) -> bytes | None:
    return session.scalar(select(MediaRow.data).where(MediaRow.sha256 == sha256))


def now() -> dt.datetime:
    """The current time, to the second, in UTC (the precision the bundle records)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
