"""ArticleService: create, save (with the revision check), archive, summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import update

from editor.core.article import Article, Status
from editor.core.markdown import render_body, render_key
from editor.services.articles import ArticleService, ConflictError, NotFoundError
from editor.store.database import Database
from editor.store.orm import ArticleRow

StoredRender = Callable[[str], tuple[str, str]]


def category_id(articles: ArticleService, label: str) -> int:
    return next(c.id for c in articles.categories() if c.label == label)


def backdate(database: Database, article_id: str) -> dt.datetime:
    """Move the stored `updated` into the past, so a save's new time is visible at once."""
    old = dt.datetime(2020, 1, 1, 8, 0, tzinfo=dt.UTC)
    with database.transaction() as session:
        session.execute(update(ArticleRow).where(ArticleRow.id == article_id)
                        .values(updated=old))
    return old


# --- create ----------------------------------------------------------------------------


def test_create_stores_a_draft(articles: ArticleService) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    created = articles.create(title="Qingdao Port Sets a Cold-Chain Record")
    after = dt.datetime.now(dt.UTC)
    stored = articles.get(created.id)
    assert stored == created
    assert stored.status is Status.DRAFT
    assert stored.slug == "qingdao-port-sets-a-cold-chain-record"
    assert stored.slug_locked is False
    assert stored.revision == 1
    assert stored.created == stored.updated
    assert stored.created is not None and before <= stored.created <= after
    assert stored.created.tzinfo is not None
    assert stored.date == stored.created.date()
    assert (stored.source, stored.language, stored.body) == ("iqingdao", "en", "")


def test_create_with_category(articles: ArticleService) -> None:
    trade = category_id(articles, "Business › Free Trade Zone")
    created = articles.create(title="Zone", category_id=trade)
    assert articles.get(created.id).category_id == trade


def test_create_gives_unique_slugs(articles: ArticleService) -> None:
    slugs = [articles.create(title="Laoshan Tickets").slug for _ in range(3)]
    assert slugs == ["laoshan-tickets", "laoshan-tickets-2", "laoshan-tickets-3"]


def test_create_untitled_gets_a_readable_unique_slug(articles: ArticleService) -> None:
    first = articles.create()
    second = articles.create()
    assert first.slug == f"untitled-{first.id[:8]}"
    assert second.slug == f"untitled-{second.id[:8]}"
    assert first.slug != second.slug
    assert first.id != second.id


def test_create_chinese_title_gives_pinyin_slug(articles: ArticleService) -> None:
    assert articles.create(title="青岛国际啤酒节").slug == "qing-dao-guo-ji-pi-jiu-jie"


def test_create_stores_the_render_of_the_empty_body(articles: ArticleService,
                                                    stored_render: StoredRender) -> None:
    created = articles.create(title="Empty")
    assert stored_render(created.id) == (render_body(""), render_key(""))


def test_get_unknown_id(articles: ArticleService) -> None:
    with pytest.raises(NotFoundError):
        articles.get("00000000-0000-0000-0000-000000000000")


# --- save ------------------------------------------------------------------------------


def test_save_bumps_revision_and_updated(articles: ArticleService, database: Database) -> None:
    created = articles.create(title="Original")
    old = backdate(database, created.id)
    loaded = articles.get(created.id)
    assert loaded.updated == old
    saved = articles.save(loaded.copy(summary="A new summary."))
    assert saved.revision == 2
    assert saved.updated is not None and saved.updated > old
    stored = articles.get(created.id)
    assert (stored.revision, stored.updated, stored.summary) == (2, saved.updated,
                                                                 "A new summary.")
    assert stored.created == created.created


def test_save_keeps_every_edited_field(articles: ArticleService) -> None:
    created = articles.create(title="Before")
    culture = category_id(articles, "Culture › Culture Figures")
    edited = created.copy(title="The Accordion Teacher of Badaguan", summary="Summary",
                          body="## Lessons\n\nFree, on Thursdays.", category_id=culture,
                          source="Qingdao Daily", author="Yuanyu", language="zh",
                          date=dt.date(2023, 11, 22), status=Status.IN_REVIEW)
    articles.save(edited)
    stored = articles.get(created.id)
    assert stored.content_equals(edited)
    assert (stored.title, stored.category_id, stored.date, stored.status, stored.author) == (
        "The Accordion Teacher of Badaguan", culture, dt.date(2023, 11, 22), Status.IN_REVIEW,
        "Yuanyu")


def test_each_save_bumps_by_one(articles: ArticleService) -> None:
    article = articles.create(title="Counting")
    for n in range(2, 6):
        article = articles.save(article.copy(body=f"version {n}"))
        assert article.revision == n
    assert articles.get(article.id).revision == 5


def test_unchanged_save_does_not_bump(articles: ArticleService, database: Database) -> None:
    created = articles.create(title="Same")
    old = backdate(database, created.id)
    loaded = articles.get(created.id)
    result = articles.save(loaded)
    assert result.revision == 1
    stored = articles.get(created.id)
    assert (stored.revision, stored.updated) == (1, old)
    # bookkeeping-only differences (a different slug) are not an edit either
    articles.save(loaded.copy(slug="something-else"))
    assert articles.get(created.id).revision == 1
    assert articles.get(created.id).slug == "same"


def test_body_html_rendered_when_body_changes(articles: ArticleService,
                                              stored_render: StoredRender) -> None:
    created = articles.create(title="Render me")
    body = "# Heading\n\n![Map](media/ab.png) and <script>alert(1)</script>"
    articles.save(created.copy(body=body))
    html, key = stored_render(created.id)
    assert key == render_key(body)
    assert html == render_body(body)
    assert "<h2>Heading</h2>" in html
    assert "script" not in html


def test_body_html_not_rerendered_when_only_metadata_changes(
        articles: ArticleService, database: Database, stored_render: StoredRender) -> None:
    created = articles.create(title="Render once")
    saved = articles.save(created.copy(body="Some *text*"))
    key = render_key("Some *text*")
    # mark the stored render so that a re-render would be visible
    with database.transaction() as session:
        session.execute(update(ArticleRow).where(ArticleRow.id == created.id)
                        .values(body_html="<p>SENTINEL</p>"))
    saved = articles.save(saved.copy(title="Render once, renamed", summary="new"))
    assert saved.revision == 3
    assert stored_render(created.id) == ("<p>SENTINEL</p>", key)
    articles.save(saved.copy(body="Other *text*"))
    assert stored_render(created.id) == ("<p>Other <em>text</em></p>", render_key("Other *text*"))


def test_slug_follows_title_until_locked(articles: ArticleService) -> None:
    article = articles.create(title="First Title")
    article = articles.save(article.copy(title="Second Title"))
    assert article.slug == "second-title"
    assert articles.get(article.id).slug == "second-title"
    article = articles.save(article.copy(title="Third Title", slug_locked=True))
    assert article.slug == "second-title"
    article = articles.save(article.copy(title="Fourth Title"))
    stored = articles.get(article.id)
    assert (stored.title, stored.slug, stored.slug_locked) == ("Fourth Title", "second-title",
                                                               True)


def test_slug_following_title_stays_unique(articles: ArticleService) -> None:
    articles.create(title="Beer Festival")
    other = articles.create(title="Something Else")
    renamed = articles.save(other.copy(title="Beer Festival"))
    assert renamed.slug == "beer-festival-2"


def test_article_does_not_collide_with_its_own_slug(articles: ArticleService) -> None:
    article = articles.create(title="Hello Qingdao")
    renamed = articles.save(article.copy(title="Hello, Qingdao!"))
    assert renamed.slug == "hello-qingdao"


def test_emptied_title_keeps_the_slug(articles: ArticleService) -> None:
    article = articles.create(title="Keep Me")
    renamed = articles.save(article.copy(title=""))
    assert renamed.slug == "keep-me"
    assert articles.get(article.id).slug == "keep-me"


def test_slug_does_not_change_when_title_does_not(articles: ArticleService) -> None:
    article = articles.create(title="Stable")
    saved = articles.save(article.copy(body="new body"))
    assert saved.slug == "stable"


def test_stale_copy_raises_conflict_and_changes_nothing(articles: ArticleService,
                                                        stored_render: StoredRender) -> None:
    created = articles.create(title="Shared")
    mine = articles.get(created.id)
    theirs = articles.get(created.id)
    articles.save(theirs.copy(body="Their body", title="Their title"))
    before = articles.get(created.id)
    render_before = stored_render(created.id)
    with pytest.raises(ConflictError, match="Their title"):
        articles.save(mine.copy(body="My body", title="My title"))
    after = articles.get(created.id)
    assert after == before
    assert (after.title, after.body, after.revision, after.slug) == (
        "Their title", "Their body", 2, "their-title")
    assert stored_render(created.id) == render_before


def test_stale_copy_conflicts_even_without_changes(articles: ArticleService) -> None:
    created = articles.create(title="Shared")
    articles.save(created.copy(body="changed"))
    with pytest.raises(ConflictError):
        articles.save(created)


def test_save_of_unknown_article(articles: ArticleService) -> None:
    with pytest.raises(NotFoundError):
        articles.save(Article(id="nope", title="Ghost", revision=1))


# --- archive and summaries ---------------------------------------------------------------


def test_archive_sets_status_archived(articles: ArticleService) -> None:
    created = articles.create(title="Old News")
    archived = articles.archive(created.id)
    assert archived.status is Status.ARCHIVED
    stored = articles.get(created.id)
    assert (stored.status, stored.revision) == (Status.ARCHIVED, 2)


def test_archive_unknown_article(articles: ArticleService) -> None:
    with pytest.raises(NotFoundError):
        articles.archive("nope")


def test_summaries_list_articles(articles: ArticleService) -> None:
    news = category_id(articles, "Business › Business News")
    a = articles.create(title="Alpha", category_id=news)
    b = articles.create(title="Beta")
    articles.archive(b.id)
    summaries = {s.id: s for s in articles.summaries()}
    assert set(summaries) == {a.id, b.id}
    alpha = summaries[a.id]
    assert (alpha.title, alpha.slug, alpha.category, alpha.status, alpha.revision) == (
        "Alpha", "alpha", "Business › Business News", Status.DRAFT, 1)
    assert alpha.date == a.date
    assert alpha.updated == a.updated
    assert (summaries[b.id].category, summaries[b.id].status) == ("", Status.ARCHIVED)


def test_summaries_filter_by_status(articles: ArticleService) -> None:
    a = articles.create(title="Alpha")
    b = articles.create(title="Beta")
    articles.save(articles.get(b.id).copy(status=Status.APPROVED))
    assert [s.id for s in articles.summaries(Status.APPROVED)] == [b.id]
    assert [s.id for s in articles.summaries(Status.DRAFT)] == [a.id]
    assert articles.summaries(Status.PUBLISHED) == []


def test_summaries_newest_change_first(articles: ArticleService, database: Database) -> None:
    a = articles.create(title="Alpha")
    b = articles.create(title="Beta")
    backdate(database, b.id)
    assert [s.id for s in articles.summaries()] == [a.id, b.id]
    articles.save(articles.get(b.id).copy(body="fresh"))
    backdate(database, a.id)
    assert [s.id for s in articles.summaries()] == [b.id, a.id]


def test_site_settings_and_categories_through_the_service(articles: ArticleService) -> None:
    assert articles.site_settings().telephone == "(+86) 0532-68873099"
    assert len(articles.categories()) == 5
