"""Editing the portal's section › category tree; the footer links follow the categories."""

from __future__ import annotations

from editor.core.article import Category
from editor.core.text import slugify
from editor.store import repository
from editor.store.database import Database

FOOTER_LINKS = "site.footer_links"


class CategoryError(ValueError):
    """A category change that cannot be made; the message says why."""


class CategoryService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def categories(self) -> list[Category]:
        with self._db.transaction() as session:
            return repository.categories(session)

    @staticmethod
    def _clean(section: str, name: str) -> tuple[str, str]:
        section, name = section.strip(), name.strip()
        if not name:
            raise CategoryError("a category needs a name")
        if not any(char.isalnum() for char in name):
            raise CategoryError(f"'{name}' needs letters or digits for its web address")
        if section and not any(char.isalnum() for char in section):
            raise CategoryError(f"'{section}' needs letters or digits for its web address")
        return section, name

    def _check_free(self, categories: list[Category], section: str, name: str,
                    other_than: int | None = None) -> None:
        path = (section, name) if section else (name,)
        slug_path = "/".join(slugify(part) for part in path)
        for category in categories:
            if category.id == other_than:
                continue
            if category.path == path:
                raise CategoryError(f"{' › '.join(path)} already exists")
            if "/".join(slugify(part) for part in category.path) == slug_path:
                raise CategoryError(f"{' › '.join(path)} would have the same web address as "
                                    f"{category.label}")

    def add(self, section: str, name: str) -> Category:
        section, name = self._clean(section, name)
        with self._db.transaction() as session:
            self._check_free(repository.categories(session), section, name)
            category = repository.add_category(session, section, name)
            links = list(repository.get_setting(session, FOOTER_LINKS, []))
            links.append([name, list(category.path)])
            repository.set_setting(session, FOOTER_LINKS, links)
            return category

    def rename(self, category_id: int, section: str, name: str) -> Category:
        section, name = self._clean(section, name)
        with self._db.transaction() as session:
            categories = repository.categories(session)
            old = next((c for c in categories if c.id == category_id), None)
            if old is None:
                raise CategoryError("that category no longer exists")
            self._check_free(categories, section, name, other_than=category_id)
            repository.update_category(session, category_id, section, name)
            new = Category(category_id, section, name)
            links = [[new.name if label == old.name else label, list(new.path)]
                     if list(path) == list(old.path) else [label, path]
                     for label, path in repository.get_setting(session, FOOTER_LINKS, [])]
            repository.set_setting(session, FOOTER_LINKS, links)
            return new

    def remove(self, category_id: int) -> None:
        with self._db.transaction() as session:
            categories = {c.id: c for c in repository.categories(session)}
            category = categories.get(category_id)
            if category is None:
                return
            used = repository.articles_in_category(session, category_id)
            if used:
                raise CategoryError(f"{category.label} still has {used} article(s); move them "
                                    "to another category first")
            repository.delete_category(session, category_id)
            links = [[label, path] for label, path in
                     repository.get_setting(session, FOOTER_LINKS, [])
                     if list(path) != list(category.path)]
            repository.set_setting(session, FOOTER_LINKS, links)
