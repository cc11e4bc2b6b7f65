"""ExportService: what keeps approved articles from export, and what an export fixes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.article import Article, Status
from editor.services.articles import ArticleService
from editor.services.export import ExportBlocked, ExportProblem, ExportService
from editor.services.progress import run_to_end
from editor.store.database import Database


@pytest.fixture
def export(database: Database) -> ExportService:
    return ExportService(database)


def make(articles: ArticleService, name: str, /, *, status: Status = Status.APPROVED,
         **fields: object) -> Article:
    """A complete article called `name` in `status`, then `fields` applied."""
    news = next(c.id for c in articles.categories() if c.name == "Business News")
    article = articles.create(title=name, category_id=news)
    complete = article.copy(body="Plain **text**.", date=dt.date(2025, 3, 18), status=status,
                            source="iqingdao")
    return articles.save(complete.copy(**fields))


def test_no_problems_for_complete_articles(articles: ArticleService,
                                          export: ExportService) -> None:
    make(articles, "Complete One")
    make(articles, "Complete Two", status=Status.PUBLISHED)
    assert export.problems() == []


def test_approved_article_with_empty_source(articles: ArticleService,
                                            export: ExportService) -> None:
    article = make(articles, "No Source", source="")
    assert export.problems() == [
        ExportProblem(article.id, "No Source", "source", "the source byline is empty")]
    assert str(export.problems()[0]) == "No Source: the source byline is empty"


def test_approved_article_without_category(articles: ArticleService,
                                           export: ExportService) -> None:
    article = make(articles, "No Category", category_id=None)
    [problem] = export.problems()
    assert (problem.article_id, problem.title, problem.field) == (article.id, "No Category",
                                                                 "category")


def test_published_article_without_date_and_title(articles: ArticleService,
                                                  export: ExportService) -> None:
    article = make(articles, "Will Lose Title", status=Status.PUBLISHED, title="", date=None)
    problems = export.problems()
    assert [(p.article_id, p.field) for p in problems] == [(article.id, "title"),
                                                           (article.id, "date")]
    assert str(problems[0]).startswith("(untitled): ")


def test_problems_listed_article_by_article(articles: ArticleService,
                                            export: ExportService) -> None:
    b = make(articles, "Bravo", source="", category_id=None)
    a = make(articles, "Alpha", source="")
    make(articles, "Charlie")
    assert [(p.title, p.field) for p in export.problems()] == [
        ("Alpha", "source"), ("Bravo", "category"), ("Bravo", "source")]
    assert {p.article_id for p in export.problems()} == {a.id, b.id}


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED,
                                    Status.ARCHIVED])
def test_articles_not_exported_are_not_checked(articles: ArticleService, export: ExportService,
                                               status: Status) -> None:
    make(articles, "Unfinished", status=status, source="", category_id=None)
    assert export.problems() == []


def test_export_blocked_writes_nothing(articles: ArticleService, export: ExportService,
                                      tmp_path: Path) -> None:
    make(articles, "Good")
    make(articles, "No Source", source="")
    target = tmp_path / "bundle"
    with pytest.raises(ExportBlocked) as info:
        run_to_end(export.export(target))
    assert [p.field for p in info.value.problems] == ["source"]
    assert "No Source" in str(info.value)
    assert not target.exists()
    assert not any(p.name.startswith(".bundle") for p in tmp_path.iterdir())


def test_export_writes_the_approved_articles(articles: ArticleService, export: ExportService,
                                             tmp_path: Path) -> None:
    approved = make(articles, "Approved Story")
    make(articles, "Draft Story", status=Status.DRAFT, body="SECRET DRAFT TEXT")
    target = tmp_path / "bundle"
    result = run_to_end(export.export(target))
    assert result.articles == 1
    assert (target / "manifest.json").is_file()
    assert (target / "articles" / approved.slug / "index.html").is_file()
    assert not (target / "articles" / "draft-story").exists()
    texts = [p.read_bytes() for p in target.rglob("*") if p.is_file()]
    assert not any(b"SECRET DRAFT TEXT" in data for data in texts)


def test_exported_slug_stays_when_the_title_changes(articles: ArticleService,
                                                   export: ExportService,
                                                   tmp_path: Path) -> None:
    """Spec: once an article has been exported its slug never changes, even if its title
    does, so published links keep working."""
    article = make(articles, "Harbour Opening Hours")
    run_to_end(export.export(tmp_path / "bundle"))
    current = articles.get(article.id)
    renamed = articles.save(current.copy(title="Harbour Opening Hours Extended"))
    assert renamed.slug == "harbour-opening-hours"
    assert articles.get(article.id).slug == "harbour-opening-hours"


def test_exported_slug_stays_for_a_copy_opened_before_the_export(
        articles: ArticleService, export: ExportService, tmp_path: Path) -> None:
    """The editor keeps the article it shows; exporting meanwhile must still fix the slug
    when that copy is saved with a new title (the lock is not in the copy, nor is the
    revision bumped by the export, so save() re-derives the slug from the title)."""
    article = make(articles, "Harbour Opening Hours")
    open_in_editor = articles.get(article.id)
    run_to_end(export.export(tmp_path / "bundle"))
    renamed = articles.save(open_in_editor.copy(title="Harbour Opening Hours Extended"))
    assert renamed.slug == "harbour-opening-hours"
    stored = articles.get(article.id)
    assert (stored.slug, stored.slug_locked) == ("harbour-opening-hours", True)


def test_blocked_export_does_not_lock_slugs(articles: ArticleService, export: ExportService,
                                            tmp_path: Path) -> None:
    article = make(articles, "First Name")
    make(articles, "Incomplete", source="")
    with pytest.raises(ExportBlocked):
        run_to_end(export.export(tmp_path / "bundle"))
    renamed = articles.save(articles.get(article.id).copy(title="Second Name"))
    assert renamed.slug == "second-name"


@pytest.mark.parametrize("body", [
    "A map: ![](media/0123abcd.png)",
    '<img src="media/0123abcd.png">',
    "[click here](javascript:alert(1))",
])
def test_images_without_alt_and_links_to_nowhere_are_problems(
        articles: ArticleService, export: ExportService, body: str) -> None:
    """Spec: an article whose images lack alternative text or whose links point nowhere is
    not exportable; the export lists every such problem."""
    article = make(articles, "Broken Body", body=body)
    problems = export.problems()
    assert {p.article_id for p in problems} == {article.id}
    assert any("without alternative text" in p.message or "points nowhere" in p.message
               for p in problems)
