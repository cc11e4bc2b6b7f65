"""Reproducible, atomic, delta: the export guarantees that depend on the writer and ledger."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from benchmarks.corpus import write_markdown_files
from tests.portal.conftest import run_cli

from editor.core.article import Status
from editor.portal.checker import check_bundle
from editor.portal.writer import BundleTargetError, FolderWriter, iter_bundle
from editor.services.articles import ArticleService
from editor.services.export import ExportService
from editor.services.progress import run_to_end
from editor.store.database import Database, open_database


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def _strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_two_exports_are_byte_identical(filled_db: str, tmp_path: Path) -> None:
    for name in ("one", "two", "one.zip", "two.zip"):
        assert run_cli("--db", filled_db, "export", str(tmp_path / name)) == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    for path in (tmp_path / "one").rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path
    manifest = json.loads((tmp_path / "one" / "manifest.json").read_text(encoding="utf-8"))
    created = manifest["created"]
    page = tmp_path / "one" / "index.html"
    assert os.path.getmtime(page) == pytest.approx(
        __import__("datetime").datetime.fromisoformat(created.replace("Z", "+00:00"))
        .timestamp())


def test_a_failing_writer_leaves_the_target_as_it_was(filled_db: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(target)) == 0
    before = _tree(target)
    database = open_database(filled_db)
    ArticleService(database).create(title="x")  # any change: the next bundle would differ
    real_write = FolderWriter.write
    calls = {"n": 0}

    def failing_write(self: FolderWriter, path: str, data: bytes):
        calls["n"] += 1
        if calls["n"] == 8:
            raise BundleTargetError(f"cannot write {path}: No space left on device")
        return real_write(self, path, data)

    monkeypatch.setattr(FolderWriter, "write", failing_write)
    with pytest.raises(BundleTargetError, match="No space left"):
        run_to_end(ExportService(database).export(target))
    calls["n"] = 0
    with pytest.raises(BundleTargetError):
        run_to_end(ExportService(database).export(tmp_path / "new.zip"))
    database.close()
    assert calls["n"] == 8
    assert _tree(target) == before
    assert not (tmp_path / "new.zip").exists()
    assert _strays(tmp_path) == []


def _big_database(db_url: str, tmp_path: Path, count: int) -> Database:
    files = write_markdown_files(tmp_path / "corpus", count, seed=7)
    assert run_cli("--db", db_url, "import", "--status", "approved", *map(str, files)) == 0
    return open_database(db_url)


def test_cancel_midway_on_both_cores(db_url: str, tmp_path: Path) -> None:
    database = _big_database(db_url, tmp_path, 450)
    service = ExportService(database, workers=2)
    target = tmp_path / "bundle.zip"
    job = service.export(target)
    steps = [next(job), next(job)]
    assert steps[0].done < steps[0].total
    job.close()  # what the progress dialog's Cancel does
    assert not target.exists()
    assert _strays(tmp_path) == []
    assert service.history() == []
    full = run_to_end(service.export(tmp_path / "after"))
    assert full.articles == 450
    assert check_bundle(tmp_path / "after") == []
    database.close()


def test_delta_since_a_folder_a_zip_and_a_bundle_id(filled_db: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base"
    assert run_cli("--db", filled_db, "export", str(base)) == 0
    assert run_cli("--db", filled_db, "export", str(tmp_path / "base.zip")) == 0
    base_manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    database = open_database(filled_db)
    articles = ArticleService(database)
    summaries = {s.title: s for s in articles.summaries()}
    assert {s.status for s in summaries.values() if s.title != "Secret draft about Huangdao"} \
        == {Status.PUBLISHED}
    changed = articles.get(summaries["Qingdao Port Sets a Cold-Chain Record as Seafood "
                                     "Traders Look Abroad"].id)
    articles.save(changed.copy(body=changed.body + "\n\nA correction was added."))
    withdrawn = summaries["Qingdao Simplifies Work Permit Renewals for Foreign Professionals"]
    articles.archive(withdrawn.id)
    draft = articles.get(summaries["Secret draft about Huangdao"].id)
    articles.save(draft.copy(status=Status.APPROVED))
    database.close()

    bundles = {}
    for name, since in (("from-folder", str(base)), ("from-zip", str(tmp_path / "base.zip")),
                        ("from-id", base_manifest["bundle_id"])):
        out = tmp_path / name
        assert run_cli("--db", filled_db, "export", str(out), "--since", since) == 0, name
        assert check_bundle(out) == [], name
        bundles[name] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    delta = bundles["from-folder"]
    assert delta["kind"] == "delta" and delta["base"] == base_manifest["bundle_id"]
    assert sorted(a["title"] for a in delta["articles"]) == [
        "Qingdao Port Sets a Cold-Chain Record as Seafood Traders Look Abroad",
        "Secret draft about Huangdao"]
    assert delta["deleted"] == [{"id": withdrawn.id, "slug": withdrawn.slug}]
    assert bundles["from-zip"]["articles"] == delta["articles"]
    assert bundles["from-id"]["files"] == delta["files"]
    paths = {f["path"] for f in delta["files"]}
    assert not any(withdrawn.slug in path for path in paths)
    assert "index.html" in paths and "feeds/all.xml" in paths
    # only the categories the delta touches: changed, newly approved, withdrawn
    assert sorted(p for p in paths if p.startswith("categories/")) == [
        "categories/business/business-news/index.html",
        "categories/government/policies-regulations/index.html",
        "categories/visit/entrance-tickets/index.html"]
    assert sorted(p for p in paths if p.startswith("feeds/")) == [
        "feeds/all.xml", "feeds/business--business-news.xml",
        "feeds/government--policies-regulations.xml", "feeds/visit--entrance-tickets.xml"]

    capsys.readouterr()
    assert run_cli("--db", filled_db, "history") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    # the folder and the zip share one bundle_id, and so do the three identical deltas
    assert len(lines) == 2
    assert " delta " in lines[0]
    assert lines[0].split()[5] == bundles["from-id"]["bundle_id"]


def test_delta_from_an_unknown_base(filled_db: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--db", filled_db, "export", str(tmp_path / "x"), "--since", "f" * 64) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"portal-editor: error: no export with bundle_id {'f' * 64} is recorded " \
                  "in this database"
    assert run_cli("--db", filled_db, "export", str(tmp_path / "x"), "--since",
                   str(tmp_path / "nowhere")) == 1
    assert "neither a bundle folder or .zip nor a bundle_id" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_exporting_publishes_without_touching_revisions(filled_db: str, tmp_path: Path) -> None:
    database = open_database(filled_db)
    articles = ArticleService(database)
    before = {s.id: (s.revision, s.updated) for s in articles.summaries()}
    run_to_end(ExportService(database).export(tmp_path / "b"))
    after = articles.summaries()
    assert {s.id: (s.revision, s.updated) for s in after} == before
    assert sorted(s.status.value for s in after) == ["draft"] + ["published"] * 5
    database.close()
    assert len(dict(iter_bundle(tmp_path / "b"))) > 20
