"""Images: taken into the media store on import, stored once, exported when used."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import tiny_png
from tests.portal.conftest import run_cli

from editor.portal.checker import check_bundle

RED, BLUE, GREEN = tiny_png(220, 30, 30), tiny_png(30, 30, 220), tiny_png(30, 200, 30)


def _article(folder: Path, name: str, title: str, body: str, status: str = "") -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: {title}\ncategory: [Culture, Culture Figures]\n"
                    f"date: 2024-06-0{len(name) % 9 + 1}\nsource: iqingdao\n---\n\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def with_images(db_url: str, tmp_path: Path) -> str:
    source = tmp_path / "source"
    (source / "photos").mkdir(parents=True)
    (source / "photos" / "red.png").write_bytes(RED)
    (source / "photos" / "same red.png").write_bytes(RED)
    (source / "blue.png").write_bytes(BLUE)
    (source / "green.png").write_bytes(GREEN)
    first = _article(source, "a.md", "Lanterns of Taidong", (
        'A market at night.\n\n![Red lanterns over Taidong street](photos/red.png '
        '"Taidong night market 台东夜市")\n\nMore text and again '
        "![the same lanterns](<photos/same red.png>).\n"))
    second = _article(source, "bb.md", "Blue Hour at the Pier",
                      "![Zhanqiao Pier at dusk](blue.png)\n\nAnd ![red](photos/red.png)\n")
    draft = _article(source, "ccc.md", "Green draft", "![Only a draft uses me](green.png)\n")
    assert run_cli("--db", db_url, "import", "--status", "approved", str(first),
                   str(second)) == 0
    assert run_cli("--db", db_url, "import", str(draft)) == 0
    return db_url


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_used_images_are_exported_once_with_alt_and_caption(with_images: str,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_cli("--db", with_images, "export", str(out)) == 0
    media = sorted(p.name for p in (out / "media").iterdir())
    assert media == sorted([f"{_sha(RED)}.png", f"{_sha(BLUE)}.png"])  # green: draft only
    assert (out / "media" / f"{_sha(RED)}.png").read_bytes() == RED
    record = json.loads((out / "articles" / "lanterns-of-taidong" / "article.json")
                        .read_text(encoding="utf-8"))
    assert record["media"] == [{
        "path": f"media/{_sha(RED)}.png", "sha256": _sha(RED),
        "alt": "Red lanterns over Taidong street", "mime": "image/png",
        "caption": "Taidong night market 台东夜市"}]
    page = (out / "articles" / "lanterns-of-taidong" / "index.html").read_text(encoding="utf-8")
    assert (f'<figure><img alt="Red lanterns over Taidong street" src="../../media/'
            f'{_sha(RED)}.png" title="Taidong night market 台东夜市"><figcaption>') in page
    source = (out / "articles" / "lanterns-of-taidong" / "article.md").read_text("utf-8")
    assert f"](media/{_sha(RED)}.png \"Taidong night market 台东夜市\")" in source
    assert check_bundle(out) == []


def test_bundle_round_trip_brings_the_images(with_images: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_cli("--db", with_images, "export", str(first)) == 0
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    sources = [str(p) for p in sorted(first.glob("articles/*/article.md"))]
    assert run_cli("--db", other, "import", "--status", "approved", *sources) == 0
    assert run_cli("--db", other, "export", str(second)) == 0
    assert sorted(p.name for p in (second / "media").iterdir()) == \
        sorted(p.name for p in (first / "media").iterdir())
    for slug in ("lanterns-of-taidong", "blue-hour-at-the-pier"):
        a = json.loads((first / "articles" / slug / "article.json").read_text("utf-8"))
        b = json.loads((second / "articles" / slug / "article.json").read_text("utf-8"))
        assert a["media"] == b["media"] and a["body_html"] == b["body_html"]


def test_check_bundle_finds_media_damage(with_images: str, tmp_path: Path) -> None:
    good = tmp_path / "good"
    assert run_cli("--db", with_images, "export", str(good)) == 0
    swapped = tmp_path / "swapped"
    shutil.copytree(good, swapped)
    (swapped / "media" / f"{_sha(BLUE)}.png").write_bytes(GREEN)
    failures = [str(f) for f in check_bundle(swapped)]
    assert f"media/{_sha(BLUE)}.png: the file's content does not match the hash in its name" \
        in failures
    stray = tmp_path / "stray"
    shutil.copytree(good, stray)
    (stray / "media" / f"{_sha(GREEN)}.png").write_bytes(GREEN)
    assert f"media/{_sha(GREEN)}.png: no article in the bundle uses this media file" in \
        [str(f) for f in check_bundle(stray)]


@pytest.mark.parametrize(("body", "message"), [
    ("![missing](nowhere.png)", "image 'nowhere.png' was not found next to the file"),
    ("![text file](notes.png)", "image 'notes.png' is not a PNG, JPEG, GIF or WebP image"),
    (f"![not stored](media/{'0' * 64}.png)", f"image 'media/{'0' * 64}' is not in the media"),
])
def test_bad_images_stop_the_import(db_url: str, tmp_path: Path, body: str, message: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.png").write_text("just words", encoding="utf-8")
    source = _article(tmp_path, "x.md", "Broken image", body)
    assert run_cli("--db", db_url, "import", str(source)) == 1
    err = capsys.readouterr().err
    assert f"{source}: field 'body': {message}" in err
    assert "nothing was imported" in err


def test_a_media_path_that_is_not_in_the_store_stops_the_export(
        db_url: str, tmp_path: Path) -> None:
    from editor.core.article import Status
    from editor.services.articles import ArticleService
    from editor.services.export import ExportService
    from editor.store.database import open_database

    database = open_database(db_url)
    articles = ArticleService(database)
    article = articles.create(title="Typed by hand", category_id=1)
    articles.save(article.copy(body="![A pier](media/abc.png)", status=Status.APPROVED))
    assert [str(p) for p in ExportService(database).problems()] == [
        "Typed by hand: the image media/abc.png is not in the media store"]
    database.close()
