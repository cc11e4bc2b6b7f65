"""editor.core.article: the article dataclasses and the required-field rules."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.article import Article, Category, Problem, Status, required_field_problems


def complete(**changes: object) -> Article:
    article = Article(id="a1", title="Qingdao Port Sets a Record", category_id=1,
                      source="iqingdao", language="en", date=dt.date(2025, 3, 18))
    return article.copy(**changes)


def fields_of(article: Article) -> list[str]:
    return [problem.field for problem in required_field_problems(article)]


def test_complete_article_has_no_problems() -> None:
    assert required_field_problems(complete()) == []


def test_new_article_defaults() -> None:
    article = Article(id="x")
    assert (article.source, article.language, article.status) == ("iqingdao", "en",
                                                                  Status.DRAFT)
    assert article.revision == 0
    assert article.slug_locked is False


def test_blank_article_lists_title_category_and_date() -> None:
    assert fields_of(Article(id="x")) == ["title", "category", "date"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": ""}, "title"),
    ({"title": "   \t"}, "title"),
    ({"category_id": None}, "category"),
    ({"date": None}, "date"),
    ({"source": ""}, "source"),
    ({"source": "  "}, "source"),
    ({"language": ""}, "language"),
    ({"language": "English"}, "language"),
    ({"language": "e"}, "language"),
    ({"language": "EN"}, "language"),
])
def test_each_missing_field_is_named(changes: dict[str, object], field: str) -> None:
    problems = required_field_problems(complete(**changes))
    assert [p.field for p in problems] == [field]
    assert problems[0].message


def test_all_problems_are_listed_in_order() -> None:
    article = complete(title="", category_id=None, date=None, source="", language="??")
    assert fields_of(article) == ["title", "category", "date", "source", "language"]


def test_problem_messages() -> None:
    problems = required_field_problems(complete(title="", source="", language="xx_YY"))
    assert problems == [
        Problem("title", "the title is empty"),
        Problem("source", "the source byline is empty"),
        Problem("language", "'xx_YY' is not a language code"),
    ]


@pytest.mark.parametrize("language", ["en", "zh", "zh-Hans", "zh-CN", "yue", "en-GB"])
def test_valid_language_codes(language: str) -> None:
    assert required_field_problems(complete(language=language)) == []


def test_author_and_summary_are_optional() -> None:
    assert required_field_problems(complete(author="", summary="")) == []


def test_chinese_title_is_a_title() -> None:
    assert required_field_problems(complete(title="青岛港冷链创纪录")) == []


def test_copy_changes_only_what_is_named() -> None:
    original = complete()
    changed = original.copy(title="New")
    assert changed.title == "New"
    assert original.title == "Qingdao Port Sets a Record"
    assert changed.category_id == original.category_id


def test_content_equals_ignores_bookkeeping_but_not_edits() -> None:
    original = complete(revision=3, slug="a", updated=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert original.content_equals(original.copy(revision=4, slug="b", updated=None))
    assert not original.content_equals(original.copy(body="changed"))
    assert not original.content_equals(original.copy(status=Status.APPROVED))
    assert not original.content_equals(original.copy(date=dt.date(2025, 3, 19)))


def test_status_exportable_only_approved_and_published() -> None:
    assert {s for s in Status if s.exportable} == {Status.APPROVED, Status.PUBLISHED}
    assert Status.CHANGES_REQUESTED.label == "Changes requested"
    assert Status("in_review") is Status.IN_REVIEW


def test_category_path_and_label() -> None:
    assert Category(1, "Business", "Free Trade Zone").path == ("Business", "Free Trade Zone")
    assert Category(1, "Business", "Free Trade Zone").label == "Business › Free Trade Zone"
    assert Category(2, "", "Events").path == ("Events",)
    assert Category(2, "", "Events").label == "Events"
