"""Upgrading a database made by an earlier version keeps every article and setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from editor.core.markdown import RENDERER_VERSION
from editor.store import migrate
from editor.store.database import StoreError, open_database
from editor.store.engine import make_engine, sqlite_url


def _upgrade_to(url: str, revision: str) -> None:
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_first_schema_with_data_upgrades_to_head(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "old.sqlite3")
    _upgrade_to(url, "0001")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO articles (id, title, slug, slug_locked, summary, body, body_html, "
            "body_html_key, category_id, source, author, language, pub_date, status, created, "
            "updated, revision) VALUES ('0b9f7c1e-3d2a-4c55-9a7e-1f2e3d4c5b6a', "
            "'Laoshan 崂山', 'laoshan', 1, 's', 'Body 正文', '<p>Body</p>', 'k', 3, "
            "'iqingdao', 'Chen Rui', 'en', '2023-03-14', 'published', "
            "'2023-03-14 01:00:00', '2023-03-15 02:00:00', 4)"))
        connection.execute(text("UPDATE settings SET value = '\"Changed name\"' "
                                "WHERE key = 'site.name'"))
    engine.dispose()

    database = open_database(url)
    assert not database.created
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            == migrate.HEAD
        row = connection.execute(text("SELECT title, body, revision, status, slug_locked "
                                      "FROM articles")).one()
        assert tuple(row) == ("Laoshan 崂山", "Body 正文", 4, "published", 1)
        assert connection.execute(text("SELECT count(*) FROM categories")).scalar() == 5
        assert connection.execute(text("SELECT value FROM settings WHERE key = 'site.name'")
                                  ).scalar() == '"Changed name"'
        assert connection.execute(text("SELECT count(*) FROM exports")).scalar() == 0
    database.close()


def test_head_is_the_newest_script() -> None:
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == migrate.HEAD


def test_a_newer_database_is_refused_not_downgraded(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "future.sqlite3")
    open_database(url).close()
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this Portal Editor knows"):
        open_database(url)


def _body_changed_behind_the_app(url: str) -> None:
    """An edit by plain SQL (another tool, a script) must never leave a stale render."""
    from editor.services.articles import ArticleService

    database = open_database(url)
    service = ArticleService(database)
    article = service.create(title="Trigger", category_id=1)
    saved = service.save(article.copy(body="First text."))
    with database.engine.begin() as connection:
        key = connection.execute(text("SELECT body_html_key FROM articles WHERE id = :id"),
                                 {"id": saved.id}).scalar()
        assert key.startswith(f"{RENDERER_VERSION}:")  # a real render key
        connection.execute(text("UPDATE articles SET title = 'Retitled' WHERE id = :id"),
                           {"id": saved.id})
        assert connection.execute(text("SELECT body_html_key FROM articles WHERE id = :id"),
                                  {"id": saved.id}).scalar() == key  # body untouched: kept
        connection.execute(text("UPDATE articles SET body = 'Changed by SQL.' WHERE id = :id"),
                           {"id": saved.id})
        assert connection.execute(text("SELECT body_html_key FROM articles WHERE id = :id"),
                                  {"id": saved.id}).scalar() == ""
    service.save(service.get(saved.id).copy(body="Saved by the app."))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT body_html_key FROM articles WHERE id = :id"),
                                  {"id": saved.id}).scalar() != ""
    database.close()


def test_a_body_changed_by_sql_clears_its_render(tmp_path: Path) -> None:
    _body_changed_behind_the_app(sqlite_url(tmp_path / "trigger.sqlite3"))


def test_an_export_after_a_sql_edit_carries_the_new_text(tmp_path: Path) -> None:
    from editor.core.article import Status
    from editor.services.articles import ArticleService
    from editor.services.export import ExportService
    from editor.services.progress import run_to_end

    url = sqlite_url(tmp_path / "edit.sqlite3")
    database = open_database(url)
    service = ArticleService(database)
    article = service.create(title="Edited elsewhere", category_id=1)
    service.save(article.copy(body="Old words.", status=Status.APPROVED))
    run_to_end(ExportService(database).export(tmp_path / "first"))
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE articles SET body = 'New words from a script.', "
                                "revision = revision + 1 WHERE id = :id"), {"id": article.id})
    run_to_end(ExportService(database).export(tmp_path / "second", since=tmp_path / "first"))
    page = (tmp_path / "second" / "articles" / "edited-elsewhere" / "index.html").read_text()
    assert "New words from a script." in page and "Old words." not in page
    database.close()
