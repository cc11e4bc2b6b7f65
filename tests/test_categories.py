"""Editing categories: names stay unique, used ones stay, footer links follow along."""

from __future__ import annotations

import pytest

from editor.services.articles import ArticleService
from editor.services.categories import CategoryError, CategoryService
from editor.store.database import Database


def _footer(database: Database) -> list[tuple[str, str]]:
    return list(ArticleService(database).site_settings().footer_links)


def test_add_rename_remove_keep_footer_links(database: Database) -> None:
    service = CategoryService(database)
    added = service.add("Visit", "Beaches 海滩")
    assert added.label == "Visit › Beaches 海滩"
    assert ("Beaches 海滩", "Visit › Beaches 海滩") in _footer(database)
    renamed = service.rename(added.id, "Visit", "Beaches")
    assert renamed.path == ("Visit", "Beaches")
    assert ("Beaches", "Visit › Beaches") in _footer(database)
    assert all("海滩" not in label for label, _path in _footer(database))
    service.remove(added.id)
    assert all(c.id != added.id for c in service.categories())
    assert all(path != "Visit › Beaches" for _label, path in _footer(database))
    assert len(_footer(database)) == 5


def test_top_level_category(database: Database) -> None:
    service = CategoryService(database)
    news = service.add("", "Notices")
    assert news.path == ("Notices",)


@pytest.mark.parametrize(("section", "name", "message"), [
    ("Business", "Business News", "already exists"),
    ("business", "business news!", "same web address"),
    ("Visit", "   ", "needs a name"),
    ("Visit", "!!!", "letters or digits"),
])
def test_refused_names(database: Database, section: str, name: str, message: str) -> None:
    with pytest.raises(CategoryError, match=message):
        CategoryService(database).add(section, name)
    assert len(CategoryService(database).categories()) == 5


def test_a_used_category_is_not_removed(database: Database) -> None:
    service = CategoryService(database)
    category = service.categories()[0]
    ArticleService(database).create(title="Uses it", category_id=category.id)
    with pytest.raises(CategoryError, match="still has 1 article"):
        service.remove(category.id)
    assert category in service.categories()
