"""The export ledger: what each export held, so that a later one can send only changes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import case, insert, select, update
from sqlalchemy.orm import Session

from editor.core.article import Status
from editor.core.ledger import ExportRecord, State
from editor.store.orm import ArticleRow, ExportArticleRow, ExportRow


def record(session: Session, entry: ExportRecord, state: State) -> None:
    if session.get(ExportRow, entry.bundle_id) is not None:
        session.execute(update(ExportRow).where(ExportRow.bundle_id == entry.bundle_id)
                        .values(exported_at=entry.exported_at, target=entry.target))
        return
    session.add(ExportRow(**{name: getattr(entry, name) for name in ExportRecord.__slots__}))
    session.flush()
    rows = [{"bundle_id": entry.bundle_id, "article_id": article_id, "slug": slug,
             "revision": revision} for article_id, (slug, revision) in sorted(state.items())]
    if rows:
        session.execute(insert(ExportArticleRow), rows)


def history(session: Session) -> list[ExportRecord]:
    rows = session.scalars(select(ExportRow).order_by(ExportRow.exported_at.desc()))
    return [ExportRecord(row.bundle_id, row.kind, row.base, row.exported_at, row.target,
                         row.articles, row.files, row.bytes) for row in rows]


def state(session: Session, bundle_id: str) -> State | None:
    """What the publishers held after `bundle_id`, or None if no such export is recorded."""
    if session.get(ExportRow, bundle_id) is None:
        return None
    rows = session.execute(select(ExportArticleRow.article_id, ExportArticleRow.slug,
                                  ExportArticleRow.revision)
                           .where(ExportArticleRow.bundle_id == bundle_id))
    return {row.article_id: (row.slug, row.revision) for row in rows}


def mark_exported(session: Session, article_ids: Iterable[str]) -> None:
    """Articles that went out keep their slug from now on, and approved ones are published;
    content, revision and time stay as they were."""
    ids = list(article_ids)
    status = case((ArticleRow.status == Status.APPROVED.value, Status.PUBLISHED.value),
                  else_=ArticleRow.status)
    for start in range(0, len(ids), 900):
        session.execute(update(ArticleRow).where(ArticleRow.id.in_(ids[start:start + 900]))
                        .values(slug_locked=True, status=status)
                        .execution_options(synchronize_session=False))
