"""Side-by-side reference: build the benchmark corpus with Pelican, cold, in a subprocess.

``run_pelican(articles, workdir)`` writes the articles as Pelican Markdown content (Pelican's own
``Key: value`` metadata header), a minimal ``pelicanconf.py`` with caching off, then times
``python -m pelican content -o output -s pelicanconf.py -q`` run with ``sys.executable``.
Pelican's defaults are kept (article pages, category, author and archive pages, an unpaginated
index, Atom feeds, the notmyidea theme). Nothing is fetched: Markdown leaves the corpus's https
image and link URLs as text, and Pelican only resolves ``{static}``-style intra-site links.

Usage: ``python -m benchmarks.pelican_site N`` (corpus seed 2026).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import GeneratedArticle, generate

PELICANCONF = """\
SITENAME = "Portal Editor benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
"""


def _one_line(value: str) -> str:
    """Metadata values must stay on one header line."""
    return " ".join(value.split())


def slug(index: int) -> str:
    """Unique ASCII slug of article ``index`` (the output page is ``<slug>.html``)."""
    return f"article-{index:05d}"


def to_pelican_markdown(article: GeneratedArticle, index: int) -> str:
    """Pelican's Markdown header (Title/Date/Category/Slug/Summary/Author), a blank line, body."""
    fields = [("Title", article.title), ("Date", article.date),
              ("Category", article.category[1]), ("Slug", slug(index))]
    if article.summary:
        fields.append(("Summary", article.summary))
    if article.author:
        fields.append(("Author", article.author))
    header = "".join(f"{key}: {_one_line(value)}\n" for key, value in fields)
    body = article.body if article.body.endswith("\n") else article.body + "\n"
    return f"{header}\n{body}"


def pelican_command() -> list[str]:
    """Pelican run with this interpreter, so it comes from the same venv (plain log lines, so
    a failure's stderr is not wrapped into rich's 80-column table)."""
    return [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py",
            "-q", "--log-handler", "plain"]


def run_pelican(articles: Sequence[GeneratedArticle], workdir: Path) -> float:
    """Write the site sources into ``workdir``, build them cold; return the build's wall seconds.

    Only the Pelican subprocess is timed. Raises ``RuntimeError`` with Pelican's stderr if it
    exits non-zero, or if it exits 0 but skipped articles (with ``-q`` Pelican logs only critical
    messages, so a file it could not process would otherwise go unnoticed).
    """
    workdir = Path(workdir)
    content, output = workdir / "content", workdir / "output"
    for folder in (content, output, workdir / "cache"):
        shutil.rmtree(folder, ignore_errors=True)
    content.mkdir(parents=True)
    for index, article in enumerate(articles, 1):
        (content / f"{slug(index)}.md").write_text(
            to_pelican_markdown(article, index), encoding="utf-8", newline="\n")
    (workdir / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")

    start = time.perf_counter()
    proc = subprocess.run(pelican_command(), cwd=workdir, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start

    if proc.returncode != 0:
        raise RuntimeError(f"Pelican failed (exit {proc.returncode}):\n{proc.stderr}{proc.stdout}")
    missing = [i for i in range(1, len(articles) + 1)
               if not (output / f"{slug(i)}.html").is_file()]
    if missing:
        raise RuntimeError(f"Pelican skipped {len(missing)} of {len(articles)} articles "
                           f"(first: {slug(missing[0])}.md; rerun without -q to see why):\n"
                           f"{proc.stderr}{proc.stdout}")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build N corpus articles with Pelican.")
    parser.add_argument("count", type=int, metavar="N")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    articles = generate(args.count, args.seed)
    with tempfile.TemporaryDirectory(prefix="pelican-bench-") as tmp:
        seconds = run_pelican(articles, Path(tmp))
    print(f"pelican: {args.count} articles in {seconds:.2f} s = "
          f"{args.count / seconds:.1f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
