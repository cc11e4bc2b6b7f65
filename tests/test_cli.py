"""The command line: import, list, export and check-bundle, each with its failure modes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main

SAMPLE = """---
title: {title}
category: {category}
date: {date}
source: iqingdao
author: Chen Rui
language: en
summary: A short summary.
---

Body text about Shinan (市南).
"""


def _write(folder: Path, name: str, **fields: str) -> Path:
    values = {"title": "Sample title", "category": "[Culture, Culture Figures]",
              "date": "2023-03-14"} | fields
    path = folder / name
    path.write_text(SAMPLE.format(**values), encoding="utf-8")
    return path


def _count(db_url: str, capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    assert main(["--db", db_url, "list", "--json"]) == 0
    return len(json.loads(capsys.readouterr().out))


def _article_data(bundle: Path) -> dict[str, dict[str, object]]:
    """Every article.json of a bundle, by id, without the time of the last save."""
    records = {}
    for path in (bundle / "articles").glob("*/article.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        record.pop("updated")
        records[record["id"]] = record
    return records


def test_round_trip_through_article_md(db_url: str, tmp_path: Path, demo_files: list[Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["--db", db_url, "import", "--status", "approved", *map(str, demo_files)]) == 0
    assert main(["--db", db_url, "export", str(first)]) == 0
    other_db = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    sources = sorted(str(p) for p in first.glob("articles/*/article.md"))
    assert len(sources) == 5
    assert main(["--db", other_db, "import", "--status", "approved", *sources]) == 0
    assert main(["--db", other_db, "export", str(second)]) == 0
    assert _article_data(first) == _article_data(second)
    for source in sources:
        again = second / Path(source).relative_to(first)
        assert again.read_text(encoding="utf-8") == Path(source).read_text(encoding="utf-8")


def test_list_json_fields(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write(tmp_path, "a.md", title="'Tsingtao: 青岛 Beer Festival'")
    assert main(["--db", db_url, "import", "--status", "published", str(source)]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert set(row) == {"id", "title", "slug", "status", "category", "date", "source", "author",
                        "language", "updated", "revision"}
    assert row["title"] == "Tsingtao: 青岛 Beer Festival"
    assert row["slug"] == "tsingtao-qing-dao-beer-festival"
    assert row["status"] == "published"
    assert row["category"] == ["Culture", "Culture Figures"]
    assert row["date"] == "2023-03-14"
    assert (row["source"], row["author"], row["language"]) == ("iqingdao", "Chen Rui", "en")
    assert row["revision"] == 1
    assert main(["--db", db_url, "list", "--status", "draft", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", db_url, "list"]) == 0
    line = capsys.readouterr().out.strip()
    assert row["id"] in line and "published" in line and "Tsingtao" in line


@pytest.mark.parametrize(("content", "field"), [
    ("Just a body, no front matter.\n", None),
    (SAMPLE.format(title="T", category="[Culture, Nightlife]", date="2023-03-14"), "category"),
    (SAMPLE.format(title="T", category="[Culture, Culture Figures]", date="2023-02-30"), "date"),
    (SAMPLE.format(title="T", category="[Culture, Culture Figures]", date="14 March"), "date"),
])
def test_bad_import_names_file_and_field_and_adds_nothing(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
        field: str | None) -> None:
    good = _write(tmp_path, "good.md")
    bad = tmp_path / "bad file 青岛.md"
    bad.write_text(content, encoding="utf-8")
    assert main(["--db", db_url, "import", str(good), str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"portal-editor: error: {bad}:")
    if field is None:
        assert "no front matter" in err[0]
    else:
        assert f"field '{field}'" in err[0]
    assert err[-1] == "portal-editor: nothing was imported"
    assert _count(db_url, capsys) == 0


def test_import_of_a_missing_or_binary_file(db_url: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert main(["--db", db_url, "import", str(tmp_path / "missing.md"), str(binary)]) == 1
    err = capsys.readouterr().err
    assert "missing.md: cannot read the file" in err
    assert "photo.md: the file is not UTF-8 text" in err
    assert _count(db_url, capsys) == 0


def test_corrupt_database_gives_one_clear_line(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    before = broken.read_bytes()
    assert main(["--db", f"sqlite:///{broken}", "list"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(broken) in err[0] and "not a usable Portal Editor database" in err[0]
    assert broken.read_bytes() == before


def test_environment_variable_selects_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("PORTAL_EDITOR_DB", f"sqlite:///{target}")
    assert main(["import", str(_write(tmp_path, "a.md"))]) == 0
    assert target.exists()
    capsys.readouterr()
    assert main(["--db", f"sqlite:///{target}", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_default_database_lives_in_the_data_folder(data_dir: Path, tmp_path: Path) -> None:
    assert main(["import", str(_write(tmp_path, "a.md"))]) == 0
    assert (data_dir / "portal-editor.sqlite3").is_file()


def test_check_bundle_names_each_kind_of_damage(db_url: str, tmp_path: Path,
                                                demo_files: list[Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good"
    assert main(["--db", db_url, "import", "--status", "approved", *map(str, demo_files)]) == 0
    assert main(["--db", db_url, "export", str(good)]) == 0
    capsys.readouterr()
    assert main(["check-bundle", str(good)]) == 0
    assert "valid" in capsys.readouterr().out

    def damaged(name: str) -> Path:
        copy = tmp_path / name
        shutil.copytree(good, copy)
        return copy

    page = next(good.glob("articles/*/index.html")).relative_to(good).as_posix()
    record = next(good.glob("articles/*/article.json")).relative_to(good).as_posix()
    cases: dict[str, tuple[Path, str]] = {}
    edited = damaged("edited")
    (edited / page).write_text((edited / page).read_text() + "<!-- x -->", encoding="utf-8")
    cases["edited"] = (edited, f"{page}: the SHA-256 does not match manifest.json")
    removed = damaged("removed")
    (removed / "index.html").unlink()
    cases["removed"] = (removed, "index.html: listed in manifest.json but missing")
    extra = damaged("extra")
    (extra / "Notes.TXT").write_text("x", encoding="utf-8")
    cases["extra"] = (extra, "Notes.TXT: the path breaks the bundle's path rules")
    script = damaged("script")
    html = (script / page).read_text(encoding="utf-8").replace("</body>",
                                                               "<script>x()</script></body>")
    (script / page).write_text(html, encoding="utf-8")
    cases["script"] = (script, f"{page}: the page carries a script")
    schema = damaged("schema")
    data = json.loads((schema / record).read_text(encoding="utf-8"))
    data["slug"] = "Not A Slug"
    (schema / record).write_text(json.dumps(data), encoding="utf-8")
    cases["schema"] = (schema, f"{record}: article schema: slug:")
    manifest_broken = damaged("manifest")
    (manifest_broken / "manifest.json").write_text("{not json", encoding="utf-8")
    cases["manifest"] = (manifest_broken, "manifest.json: not valid JSON")
    bundle_id = damaged("bundle-id")
    manifest = json.loads((bundle_id / "manifest.json").read_text(encoding="utf-8"))
    manifest["bundle_id"] = "0" * 64
    (bundle_id / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    cases["bundle-id"] = (bundle_id, "manifest.json: bundle_id is not the hash of the files list")

    for name, (path, expected) in cases.items():
        assert main(["check-bundle", str(path)]) == 1, name
        out = capsys.readouterr().out
        assert expected in out, (name, out)


def test_check_bundle_of_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-bundle", str(tmp_path / "nowhere")]) == 1
    assert "no such folder or file" in capsys.readouterr().out


def test_command_line_modules_do_not_load_qt() -> None:
    code = ("import sys, editor.cli, editor.services, editor.services.export, "
            "editor.services.importer, editor.services.preview, editor.portal.checker\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_python_dash_m_runs_a_subcommand(db_url: str) -> None:
    result = subprocess.run([sys.executable, "-m", "editor", "--db", db_url, "list", "--json"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    bad = subprocess.run([sys.executable, "-m", "editor", "list", "--status", "lost"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 2
    assert "invalid choice: 'lost'" in bad.stderr


def test_slug_is_stable_once_exported(db_url: str, tmp_path: Path) -> None:
    from editor.services.articles import ArticleService
    from editor.store.database import open_database

    source = _write(tmp_path, "a.md", title="Old Title")
    assert main(["--db", db_url, "import", "--status", "approved", str(source)]) == 0
    database = open_database(db_url)
    service = ArticleService(database)
    (summary,) = service.summaries()
    retitled = service.save(service.get(summary.id).copy(title="Renamed Before Export"))
    assert retitled.slug == "renamed-before-export"
    assert main(["--db", db_url, "export", str(tmp_path / "bundle")]) == 0
    after = service.save(service.get(summary.id).copy(title="Renamed After Export"))
    assert after.slug == "renamed-before-export"
    database.close()


def test_progress_bar_on_a_terminal(db_url: str, tmp_path: Path, demo_files: list[Path]) -> None:
    import os
    import pty

    assert main(["--db", db_url, "import", "--status", "approved", *map(str, demo_files)]) == 0
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "editor", "--db", db_url, "export", str(tmp_path / "b")],
            stderr=follower, stdout=subprocess.PIPE, text=True, timeout=60, check=False)
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert "Exported 5 article(s)" in result.stdout
    text = drawn.decode("utf-8")
    assert "[" + "#" * 30 + "] 7/7" in text
    assert "\r" in text


def test_no_progress_bar_when_not_on_a_terminal(db_url: str, tmp_path: Path,
                                                demo_files: list[Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "editor", "--db", db_url, "import", *map(str, demo_files)],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stderr == ""
