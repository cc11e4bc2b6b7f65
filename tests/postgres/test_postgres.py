"""The same app on a PostgreSQL server: migrations, saving with revisions, the CLI loop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from editor.cli import main
from editor.portal.checker import check_bundle
from editor.services.articles import ArticleService, ConflictError
from editor.store import migrate
from editor.store.database import open_database


def test_migrations_create_and_seed_the_schema(pg_url: str) -> None:
    database = open_database(pg_url)
    assert database.created
    service = ArticleService(database)
    assert [c.label for c in service.categories()][:2] == ["Business › Business News",
                                                          "Business › Free Trade Zone"]
    assert service.site_settings().telephone == "(+86) 0532-68873099"
    database.close()
    again = open_database(pg_url)
    assert not again.created
    with again.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            == migrate.HEAD
    again.close()


def test_saving_checks_the_revision(pg_url: str) -> None:
    database = open_database(pg_url)
    service = ArticleService(database)
    article = service.create(title="Huangdao ferry 黄岛轮渡")
    saved = service.save(article.copy(body="New timetable."))
    assert saved.revision == 2
    with pytest.raises(ConflictError):
        service.save(article.copy(body="A stale copy"))
    assert service.get(article.id).body == "New timetable."
    assert service.get(article.id).updated.tzinfo is not None
    database.close()


def test_cli_round_trip_on_postgres(pg_url: str, tmp_path: Path, demo_files: list[Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", pg_url, "import", "--status", "approved", *map(str, demo_files)]) == 0
    capsys.readouterr()
    assert main(["--db", pg_url, "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and {r["status"] for r in rows} == {"approved"}
    out = tmp_path / "bundle"
    assert main(["--db", pg_url, "export", str(out)]) == 0
    assert check_bundle(out) == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["articles"]) == 5


def test_a_foreign_postgres_database_is_refused(pg_url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer primary key)"))
    engine.dispose()
    assert main(["--db", pg_url, "list"]) == 1
    assert "tables of another program" in capsys.readouterr().err


def test_a_body_changed_by_sql_clears_its_render_on_postgres(pg_url: str) -> None:
    from tests.store.test_store_migrations import _body_changed_behind_the_app

    _body_changed_behind_the_app(pg_url)
