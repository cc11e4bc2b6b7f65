"""editor.store: opening a database creates the schema through Alembic and seeds it."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from editor.core.article import Article, Category, SiteSettings
from editor.core.markdown import render
from editor.store import migrate, repository
from editor.store.database import Database, StoreError, open_database
from editor.store.engine import describe, sqlite_url
from editor.store.orm import ArticleRow

SRC = Path(__file__).resolve().parents[2] / "src" / "editor"

SEEDED_CATEGORIES = [
    ("Business", "Business News"),
    ("Business", "Free Trade Zone"),
    ("Culture", "Culture Figures"),
    ("Government", "Policies & Regulations"),
    ("Visit", "Entrance tickets"),
]


def test_new_database_has_the_schema(database: Database) -> None:
    inspector = inspect(database.engine)
    assert {"categories", "articles", "settings", "alembic_version"} <= set(
        inspector.get_table_names())
    columns = {c["name"] for c in inspector.get_columns("articles")}
    assert {"id", "title", "slug", "slug_locked", "body", "body_html", "body_html_key",
            "category_id", "source", "author", "language", "pub_date", "status", "created",
            "updated", "revision"} <= columns
    foreign_keys = inspector.get_foreign_keys("articles")
    assert [(fk["referred_table"], fk["constrained_columns"]) for fk in foreign_keys] == [
        ("categories", ["category_id"])]


def test_new_database_is_at_head_revision(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")
                                  ).scalars().all() == [migrate.HEAD]
        assert migrate.current_revision(connection) == migrate.HEAD


def test_new_database_seeds_the_five_categories(database: Database) -> None:
    with database.transaction() as session:
        categories = repository.categories(session)
    assert [(c.section, c.name) for c in categories] == SEEDED_CATEGORIES
    assert [c.label for c in categories] == [
        "Business › Business News", "Business › Free Trade Zone", "Culture › Culture Figures",
        "Government › Policies & Regulations", "Visit › Entrance tickets"]
    assert len({c.id for c in categories}) == 5


def test_new_database_seeds_the_site_settings(database: Database) -> None:
    with database.transaction() as session:
        site = repository.site_settings(session)
    assert site == SiteSettings(
        name="Qingdao International Community Center (for Culture and Tourism)",
        address="Shinan District, Qingdao",
        telephone="(+86) 0532-68873099",
        hours="Monday - Friday 9:00am - 5:00pm",
        footer_links=(
            ("Entrance tickets", "Visit › Entrance tickets"),
            ("Culture Figures", "Culture › Culture Figures"),
            ("Business News", "Business › Business News"),
            ("Policies & Regulations", "Government › Policies & Regulations"),
            ("Free Trade Zone", "Business › Free Trade Zone"),
        ))


def test_settings_are_stored_as_json(database: Database) -> None:
    with database.engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT key, value FROM settings")).all())
    assert json.loads(rows["site.telephone"]) == "(+86) 0532-68873099"
    links = json.loads(rows["site.footer_links"])
    assert len(links) == 5
    assert all(tuple(path) in SEEDED_CATEGORIES for _label, path in links)


def test_created_only_the_first_time(db_url: str) -> None:
    first = open_database(db_url)
    try:
        assert first.created is True
    finally:
        first.close()
    for _ in range(2):
        again = open_database(db_url)
        try:
            assert again.created is False
            with again.transaction() as session:
                assert len(repository.categories(session)) == 5  # not seeded twice
        finally:
            again.close()


def test_reopening_keeps_the_data(db_url: str) -> None:
    first = open_database(db_url)
    now = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    with first.transaction() as session:
        category = repository.categories(session)[0]
        repository.insert(session, Article(id="kept", title="Kept", slug="kept",
                                           category_id=category.id, created=now, updated=now,
                                           revision=1), render(""))
    first.close()
    again = open_database(db_url)
    try:
        with again.transaction() as session:
            article = repository.get(session, "kept")
        assert (article.title, article.updated) == ("Kept", now)
    finally:
        again.close()


def test_connection_pragmas(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_foreign_keys_are_enforced(database: Database) -> None:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(IntegrityError), database.transaction() as session:
        repository.insert(session, Article(id="orphan", title="Orphan", slug="orphan",
                                           category_id=9999, created=now, updated=now,
                                           revision=1), render(""))
    with database.transaction() as session:
        assert session.scalar(select(ArticleRow).where(ArticleRow.id == "orphan")) is None


def test_journal_mode_is_wal_in_the_file(database: Database, tmp_path: Path) -> None:
    database.close()
    path = tmp_path / "portal.sqlite3"
    assert database.location == str(path)
    assert path.is_file()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_transaction_rolls_back_on_error(database: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"), database.transaction() as session:
        session.execute(text("DELETE FROM settings"))
        raise RuntimeError("boom")
    with database.transaction() as session:
        assert repository.site_settings(session).name.startswith("Qingdao International")


def test_location_names_the_file(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "nested" / "portal.sqlite3")
    db = open_database(url)
    try:
        assert db.location == str(tmp_path / "nested" / "portal.sqlite3")
        assert (tmp_path / "nested" / "portal.sqlite3").is_file()
    finally:
        db.close()
    assert describe(url) == str(tmp_path / "nested" / "portal.sqlite3")


# --- migrations ------------------------------------------------------------------------


def test_head_is_the_newest_migration_script() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    heads = scripts.get_heads()
    assert heads == [migrate.HEAD], "HEAD must name the one newest migration"
    assert scripts.get_current_head() == migrate.HEAD
    versions = sorted(p.name for p in (migrate.MIGRATIONS / "versions").glob("*.py"))
    assert len([s for s in scripts.walk_revisions()]) == len(versions)


def test_migrations_folder_is_inside_the_package() -> None:
    assert migrate.MIGRATIONS == SRC / "store" / "migrations"
    assert (migrate.MIGRATIONS / "env.py").is_file()


def test_the_app_never_calls_create_all() -> None:
    offenders = [str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
                 if re.search(r"\bcreate_all\b", path.read_text(encoding="utf-8"))]
    assert offenders == []
    assert len(list(SRC.rglob("*.py"))) > 20  # the search did look at the sources


def test_categories_and_site_come_from_the_migration(database: Database) -> None:
    # a schema created by metadata.create_all would have no rows at all
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM categories")).scalar() == 5
        assert connection.execute(text("SELECT count(*) FROM settings")).scalar() == 5


# --- databases that cannot be used -----------------------------------------------------


@pytest.mark.parametrize("content", [
    b"PK\x03\x04 this is a zip, not a database " + bytes(range(256)) * 16,
    b"Hello, I am a text file and certainly not SQLite.\n" * 200,
    b"SQLite format 3\x00" + b"\xff" * 4080,
])
def test_garbage_file_raises_store_error_and_is_left_alone(tmp_path: Path,
                                                           content: bytes) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_database(sqlite_url(path))
    message = str(info.value)
    assert str(path) in message
    assert "not a usable Portal Editor database" in message or "cannot open" in message
    assert path.read_bytes() == content


def _make_newer(path: Path, *, wal: bool) -> bytes:
    """A database as a newer Portal Editor would leave it: a revision this one does not know."""
    if wal:
        db = open_database(sqlite_url(path))
        db.close()
    raw = sqlite3.connect(path)
    try:
        if not wal:
            raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            raw.execute("INSERT INTO alembic_version VALUES ('0001')")
        raw.execute("UPDATE alembic_version SET version_num = '0099_future'")
        raw.commit()
        if wal:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return path.read_bytes()


def test_newer_revision_raises_store_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    before = _make_newer(path, wal=True)
    with pytest.raises(StoreError) as info:
        open_database(sqlite_url(path))
    message = str(info.value)
    assert str(path) in message
    assert "0099_future" in message
    assert "newer" in message
    assert path.read_bytes() == before
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0099_future",)
    finally:
        raw.close()


def test_newer_revision_in_rollback_journal_mode_is_left_byte_for_byte(tmp_path: Path) -> None:
    """Refusing a database must not touch it, whatever journal mode it happens to be in
    (the WAL pragma run on connect rewrites the file header before the revision check)."""
    path = tmp_path / "future-delete-journal.sqlite3"
    before = _make_newer(path, wal=False)
    with pytest.raises(StoreError, match="newer"):
        open_database(sqlite_url(path))
    assert path.read_bytes() == before


def test_store_error_is_not_raised_for_a_good_database(database: Database) -> None:
    assert isinstance(database, Database)
    with database.transaction() as session:
        assert isinstance(repository.categories(session)[0], Category)
