"""MarkdownImporter: all files or none, every failure named by file and field."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from editor.core import frontmatter
from editor.core.article import Status
from editor.core.markdown import render_body, render_key
from editor.services.articles import ArticleService
from editor.services.importer import ImportFailed, MarkdownImporter
from editor.services.progress import Progress, run_to_end
from editor.store.database import Database

WriteMarkdown = Callable[..., Path]
StoredRender = Callable[[str], tuple[str, str]]
Count = Callable[[], int]

HEAD = """title: {title}
category: [Business, Business News]
date: 2024-05-06
source: iqingdao
"""

DEMO_TITLES = [
    "Qingdao Port Sets a Cold-Chain Record as Seafood Traders Look Abroad",
    "What Foreign Start-ups Should Know Before Registering in the Qingdao Free Trade Zone",
    "The Accordion Teacher of Badaguan Who Taught Half a Neighbourhood to Play",
    "Qingdao Simplifies Work Permit Renewals for Foreign Professionals",
    "Laoshan Tickets in 2026: Prices, Opening Hours and the Quieter Trails",
]


@pytest.fixture
def importer(database: Database) -> MarkdownImporter:
    return MarkdownImporter(database)


def run(importer: MarkdownImporter, paths: list[Path], **kwargs: Status) -> list[str]:
    return run_to_end(importer.import_files(paths, **kwargs))


def failure_of(importer: MarkdownImporter, paths: list[Path]) -> ImportFailed:
    with pytest.raises(ImportFailed) as info:
        run(importer, paths)
    return info.value


# --- the demo files ----------------------------------------------------------------------


def test_imports_the_demo_files(importer: MarkdownImporter, articles: ArticleService,
                                demo_files: list[Path], stored_render: StoredRender) -> None:
    ids = run(importer, demo_files)
    assert len(ids) == 5
    assert len(set(ids)) == 5
    imported = [articles.get(article_id) for article_id in ids]
    assert [a.title for a in imported] == DEMO_TITLES
    labels = {c.id: c.label for c in articles.categories()}
    assert [labels[a.category_id] for a in imported if a.category_id is not None] == [
        "Business › Business News", "Business › Free Trade Zone", "Culture › Culture Figures",
        "Government › Policies & Regulations", "Visit › Entrance tickets"]
    assert [a.date for a in imported] == [dt.date(2025, 3, 18), dt.date(2024, 9, 5),
                                          dt.date(2023, 11, 22), dt.date(2025, 6, 10),
                                          dt.date(2026, 4, 2)]
    assert imported[4].slug == "laoshan-tickets-in-2026-prices-opening-hours-and-the-quieter-trails"
    assert imported[3].author == ""
    assert imported[0].author == "Chen Rui"
    for article in imported:
        assert article.status is Status.DRAFT
        assert article.revision == 1
        assert article.slug_locked is False
        assert article.source == "iqingdao"
        assert article.body.strip()
        assert stored_render(article.id) == (render_body(article.body),
                                             render_key(article.body))
        uuid.UUID(article.id)


def test_import_body_is_the_text_after_the_front_matter(importer: MarkdownImporter,
                                                        articles: ArticleService,
                                                        demo_files: list[Path]) -> None:
    [article_id] = run(importer, demo_files[4:5])
    body = articles.get(article_id).body
    assert body.startswith("Rising straight out of the Yellow Sea")
    assert "| Jufeng (巨峰) | 95 |" in body
    assert "---\n" not in body[:10]


def test_import_reports_progress(importer: MarkdownImporter, demo_files: list[Path]) -> None:
    job = importer.import_files(demo_files)
    steps: list[Progress] = []
    with pytest.raises(StopIteration) as stop:
        while True:
            steps.append(next(job))
    assert len(stop.value.value) == 5
    assert steps, "the job reported no progress"
    assert all(step.total == steps[0].total for step in steps)
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert steps[-1].done == steps[-1].total
    assert steps[-1].message == "Imported 5 articles"
    assert any("01-qingdao-port-cold-chain-record.md" in s.message for s in steps)


def test_nothing_is_imported_until_the_job_runs(importer: MarkdownImporter,
                                                demo_files: list[Path],
                                                article_count: Count) -> None:
    importer.import_files(demo_files)
    assert article_count() == 0


def test_import_of_no_files(importer: MarkdownImporter, article_count: Count) -> None:
    assert run(importer, []) == []
    assert article_count() == 0


@pytest.mark.parametrize("status", [Status.APPROVED, Status.PUBLISHED, Status.DRAFT])
def test_import_with_status(importer: MarkdownImporter, articles: ArticleService,
                            demo_files: list[Path], status: Status) -> None:
    ids = run(importer, demo_files[:2], status=status)
    assert [articles.get(i).status for i in ids] == [status, status]
    assert {s.id for s in articles.summaries(status)} == set(ids)


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.ARCHIVED,
                                    Status.CHANGES_REQUESTED])
def test_import_refuses_other_statuses(importer: MarkdownImporter, demo_files: list[Path],
                                       status: Status, article_count: Count) -> None:
    with pytest.raises(ValueError, match="imported as"):
        run(importer, demo_files, status=status)
    assert article_count() == 0


def test_same_titles_get_unique_slugs(importer: MarkdownImporter, articles: ArticleService,
                                      write_md: WriteMarkdown) -> None:
    existing = articles.create(title="Harbour News")
    paths = [write_md("a.md"), write_md("b.md")]
    ids = run(importer, paths)
    assert existing.slug == "harbour-news"
    assert [articles.get(i).slug for i in ids] == ["harbour-news-2", "harbour-news-3"]


def test_chinese_title_gets_pinyin_slug(importer: MarkdownImporter, articles: ArticleService,
                                        write_md: WriteMarkdown) -> None:
    [article_id] = run(importer, [write_md("zh.md", title="青岛港冷链创纪录")])
    article = articles.get(article_id)
    assert article.title == "青岛港冷链创纪录"
    assert article.slug == "qing-dao-gang-leng-lian-chuang-ji-lu"


def test_explicit_slug_is_kept_and_locked(importer: MarkdownImporter, articles: ArticleService,
                                          write_md: WriteMarkdown) -> None:
    path = write_md("s.md", head=HEAD.format(title="Some Title") + "slug: kept-slug\n")
    [article_id] = run(importer, [path])
    article = articles.get(article_id)
    assert (article.slug, article.slug_locked) == ("kept-slug", True)
    renamed = articles.save(article.copy(title="A Completely New Title"))
    assert renamed.slug == "kept-slug"
    assert articles.get(article_id).slug == "kept-slug"


def test_explicit_id_is_kept(importer: MarkdownImporter, articles: ArticleService,
                             write_md: WriteMarkdown) -> None:
    article_id = "0b9f7c1e-3d2a-4c55-9a7e-1f2e3d4c5b6a"
    path = write_md("i.md", head=HEAD.format(title="With Id") + f"id: {article_id.upper()}\n")
    assert run(importer, [path]) == [article_id]
    assert articles.get(article_id).title == "With Id"


def test_exported_article_md_imports_as_the_same_article(
        importer: MarkdownImporter, articles: ArticleService, tmp_path: Path,
        database: Database) -> None:
    article_id = "6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b"
    text = frontmatter.dump({
        "id": article_id, "title": "崂山 Painter Brings Tea Terraces to Canvas",
        "slug": "laoshan-painter", "category": ["Culture", "Culture Figures"],
        "date": dt.date(2023, 3, 14), "source": "iqingdao", "author": "",
        "language": "en", "summary": "",
    }, "The painter **Li** (李).\n")
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    assert run(importer, [path]) == [article_id]
    article = articles.get(article_id)
    assert (article.title, article.slug, article.slug_locked, article.author, article.summary,
            article.date, article.body) == (
        "崂山 Painter Brings Tea Terraces to Canvas", "laoshan-painter", True, "", "",
        dt.date(2023, 3, 14), "The painter **Li** (李).\n")


# --- failures ----------------------------------------------------------------------------


def test_file_without_front_matter(importer: MarkdownImporter, write_md: WriteMarkdown,
                                   article_count: Count) -> None:
    path = write_md("plain.md", raw="# Just a heading\n\nNo front matter here.\n")
    error = failure_of(importer, [path])
    assert str(path) in str(error)
    assert "front matter" in str(error)
    assert [(f.path, f.field) for f in error.failures] == [(path, None)]
    assert article_count() == 0


def test_unknown_category(importer: MarkdownImporter, write_md: WriteMarkdown,
                          article_count: Count) -> None:
    head = HEAD.format(title="Nowhere").replace("[Business, Business News]",
                                                "[Business, Moon Landings]")
    path = write_md("cat.md", head=head)
    error = failure_of(importer, [path])
    message = str(error)
    assert str(path) in message
    assert "field 'category'" in message
    assert "Business › Moon Landings" in message
    assert [f.field for f in error.failures] == ["category"]
    assert article_count() == 0


@pytest.mark.parametrize("date", ["next Tuesday", "2024-13-01", "2024-02-30", "10/05/2024"])
def test_bad_date(importer: MarkdownImporter, write_md: WriteMarkdown, article_count: Count,
                  date: str) -> None:
    path = write_md("date.md", head=HEAD.format(title="When").replace("2024-05-06", date))
    error = failure_of(importer, [path])
    assert str(path) in str(error)
    assert "field 'date'" in str(error)
    assert [f.field for f in error.failures] == ["date"]
    assert article_count() == 0


def test_bad_file_among_good_ones_imports_nothing(importer: MarkdownImporter,
                                                  demo_files: list[Path],
                                                  write_md: WriteMarkdown,
                                                  article_count: Count) -> None:
    bad = write_md("bad.md", head=HEAD.format(title="Bad").replace("2024-05-06", "soon"))
    error = failure_of(importer, [*demo_files[:2], bad, *demo_files[2:]])
    assert [f.path for f in error.failures] == [bad]
    assert "bad.md" in str(error)
    assert "01-qingdao" not in str(error)
    assert article_count() == 0


def test_late_failure_in_store_phase_imports_nothing(importer: MarkdownImporter,
                                                     demo_files: list[Path],
                                                     write_md: WriteMarkdown,
                                                     article_count: Count) -> None:
    """A file that parses but names an unknown category: found only when storing."""
    bad = write_md("zzz.md", head=HEAD.format(title="Bad").replace("Business News", "Nope"))
    error = failure_of(importer, [*demo_files, bad])
    assert [(f.path, f.field) for f in error.failures] == [(bad, "category")]
    assert article_count() == 0


def test_every_bad_file_is_listed(importer: MarkdownImporter, write_md: WriteMarkdown,
                                  article_count: Count) -> None:
    no_head = write_md("a.md", raw="no front matter\n")
    bad_date = write_md("b.md", head=HEAD.format(title="B").replace("2024-05-06", "x"))
    bad_cat = write_md("c.md", head=HEAD.format(title="C").replace("Business News", "Nope"))
    good = write_md("d.md")
    error = failure_of(importer, [no_head, bad_date, good, bad_cat])
    # all three are named; the category one may only be found once the others are fixed
    named = {f.path for f in error.failures}
    assert {no_head, bad_date} <= named
    assert good not in named
    assert article_count() == 0
    error = failure_of(importer, [good, bad_cat])
    assert [(f.path, f.field) for f in error.failures] == [(bad_cat, "category")]


def test_unknown_key_names_the_field(importer: MarkdownImporter, write_md: WriteMarkdown) -> None:
    path = write_md("k.md", head=HEAD.format(title="K") + "tags: [x]\n")
    error = failure_of(importer, [path])
    assert [f.field for f in error.failures] == ["tags"]
    assert "field 'tags'" in str(error)


def test_id_already_present(importer: MarkdownImporter, articles: ArticleService,
                            write_md: WriteMarkdown, article_count: Count) -> None:
    existing = articles.create(title="Already here")
    path = write_md("dup.md", head=HEAD.format(title="Copy") + f"id: {existing.id}\n")
    error = failure_of(importer, [path])
    assert [f.field for f in error.failures] == ["id"]
    assert existing.id in str(error)
    assert str(path) in str(error)
    assert article_count() == 1
    assert articles.get(existing.id).title == "Already here"


def test_same_id_twice_in_one_batch(importer: MarkdownImporter, write_md: WriteMarkdown,
                                    article_count: Count) -> None:
    article_id = str(uuid.uuid4())
    first = write_md("1.md", head=HEAD.format(title="One") + f"id: {article_id}\n")
    second = write_md("2.md", head=HEAD.format(title="Two") + f"id: {article_id}\n")
    error = failure_of(importer, [first, second])
    assert [(f.path, f.field) for f in error.failures] == [(second, "id")]
    assert article_count() == 0


def test_id_that_is_not_a_uuid(importer: MarkdownImporter, write_md: WriteMarkdown) -> None:
    path = write_md("bad-id.md", head=HEAD.format(title="X") + "id: article-42\n")
    assert [f.field for f in failure_of(importer, [path]).failures] == ["id"]


@pytest.mark.parametrize("slug", ["Not A Slug", "trailing-", "ünï", "a" * 81])
def test_invalid_explicit_slug(importer: MarkdownImporter, write_md: WriteMarkdown,
                               slug: str) -> None:
    path = write_md("slug.md", head=HEAD.format(title="X") + f"slug: '{slug}'\n")
    assert [f.field for f in failure_of(importer, [path]).failures] == ["slug"]


def test_explicit_slug_already_used(importer: MarkdownImporter, articles: ArticleService,
                                    write_md: WriteMarkdown, article_count: Count) -> None:
    articles.create(title="Taken Slug")
    path = write_md("s.md", head=HEAD.format(title="Other") + "slug: taken-slug\n")
    error = failure_of(importer, [path])
    assert [f.field for f in error.failures] == ["slug"]
    assert "taken-slug" in str(error)
    assert article_count() == 1


def test_bad_language(importer: MarkdownImporter, write_md: WriteMarkdown) -> None:
    path = write_md("l.md", head=HEAD.format(title="X") + "language: English\n")
    assert [f.field for f in failure_of(importer, [path]).failures] == ["language"]


def test_file_that_is_not_utf8(importer: MarkdownImporter, tmp_path: Path,
                               article_count: Count) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes(("---\n" + HEAD.format(title="Café") + "---\n\ntext\n").encode("latin-1"))
    error = failure_of(importer, [path])
    assert str(path) in str(error)
    assert "UTF-8" in str(error)
    assert article_count() == 0


def test_missing_file(importer: MarkdownImporter, tmp_path: Path, article_count: Count) -> None:
    path = tmp_path / "gone.md"
    error = failure_of(importer, [path])
    assert str(path) in str(error)
    assert "cannot read" in str(error)
    assert article_count() == 0
