"""`portal-editor export` of 10,000 articles (renders current, cold, and a delta), beside Pelican.

Setup (not timed): the corpus is written once, imported as approved into a fresh SQLite file.
Each export is a subprocess timed wall-clock into a folder that never existed before, while a
thread sums VmRSS over the whole process tree (the command and its worker processes) every 20 ms.
All data lives in one temporary folder, removed at the end.

Usage: ``python -m benchmarks.export``
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.corpus import generate, write_markdown_files
from benchmarks.pelican_site import run_pelican
from benchmarks.results import Result, median

ARTICLES = 10_000
SEED = 2026
FULL_RUNS = 3
COLD_RUNS = 2
DELTA_RUNS = 3
CHANGED = 10
IMPORT_BATCH = 2500  # keeps each command line well under ARG_MAX
_names = itertools.count(1)


def _editor(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "editor", "--db", url, *args]


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, from /proc/*/stat (the kernel has no children files here)."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_rss(root: int) -> int:
    """Sum of VmRSS (bytes) of `root` and all its descendants."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if found := re.search(r"^VmRSS:\s+(\d+) kB", status, re.M):
            total += int(found.group(1)) * 1024
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, _tree_rss(self.pid))
            if self._done.wait(0.02):
                return

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def _export(url: str, root: Path, *extra: str) -> tuple[float, int, int]:
    """Export into a new folder: (wall seconds, peak tree RSS bytes, articles exported)."""
    out = root / f"bundle-{next(_names):02d}"
    assert not out.exists()
    os.sync()  # the writeback of earlier runs is not charged to this one
    started = time.perf_counter()
    proc = subprocess.Popen(_editor(url, "export", str(out), *extra), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    sampler = _Sampler(proc.pid)
    sampler.start()
    try:
        stdout, stderr = proc.communicate(timeout=900)
    finally:
        seconds = time.perf_counter() - started
        peak = sampler.stop()
        if proc.poll() is None:
            proc.kill()
    if proc.returncode != 0:
        raise RuntimeError(f"export failed (exit {proc.returncode}):\n{stderr}{stdout}")
    found = re.search(r"Exported (\d+) article", stdout)
    if found is None:
        raise RuntimeError(f"unexpected export output:\n{stdout}")
    return seconds, peak, int(found.group(1))


def _setup(root: Path) -> str:
    files = write_markdown_files(root / "md", ARTICLES, seed=SEED)
    url = f"sqlite:///{root / 'bench.sqlite3'}"
    for start in range(0, len(files), IMPORT_BATCH):
        names = [f.name for f in files[start:start + IMPORT_BATCH]]
        subprocess.run(_editor(url, "import", "--status", "approved", *names), check=True,
                       capture_output=True, timeout=900, cwd=root / "md")
    return url


def _sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> None:
    with sqlite3.connect(path) as db:
        db.execute(statement, params)
    db.close()


def _cold_copy(source: Path, target: Path) -> str:
    """A copy of the database whose stored renders are all out of date."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    _sql(target, "UPDATE articles SET body_html_key = ''")
    return f"sqlite:///{target}"


def _since_supported(url: str) -> bool:
    usage = subprocess.run(_editor(url, "export", "--help"), capture_output=True, text=True,
                           check=True).stdout
    return "--since" in usage


def _disk_baseline(folder: Path) -> float:
    """Seconds this disk takes to create the bundle's shape of files with nothing else to do:
    the floor under any export here (it has been seen to vary from 1 s to 8 s)."""
    os.sync()
    data = b"x" * 8192
    started = time.perf_counter()
    for number in range(ARTICLES):
        article = folder / "articles" / f"a{number}"
        article.mkdir(parents=True)
        for name in ("index.html", "article.json", "article.md"):
            (article / name).write_bytes(data)
    return time.perf_counter() - started


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="portal-bench-export-") as tmp:
        root = Path(tmp)
        url = _setup(root)
        database = root / "bench.sqlite3"
        os.sync()
        pelican_s = run_pelican(generate(ARTICLES, seed=SEED), root / "pelican")

        disk_s = _disk_baseline(root / "disk-baseline")
        full = [_export(url, root) for _ in range(FULL_RUNS)]
        base = root / f"bundle-{FULL_RUNS:02d}"  # the last full bundle is the delta's base
        cold = [_export(_cold_copy(database, root / f"cold-{i}.sqlite3"), root)
                for i in range(COLD_RUNS)]

        delta: list[tuple[float, int, int]] = []
        if _since_supported(url):
            time.sleep(1)  # the changes come strictly after the base bundle, to the second
            with sqlite3.connect(database) as db:
                ids = [row[0] for row in db.execute(
                    "SELECT id FROM articles ORDER BY id LIMIT ?", (CHANGED,))]
            db.close()
            now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.000000")
            _sql(database, "UPDATE articles SET body = body || ' Updated.', "
                 f"revision = revision + 1, updated = ? WHERE id IN ({','.join('?' * CHANGED)})",
                 (now, *ids))
            delta = [_export(url, root, "--since", str(base)) for _ in range(DELTA_RUNS)]
        else:
            print("benchmarks.export: `export --since` is not in the CLI yet; delta not measured",
                  file=sys.stderr)

    counts = {n for _s, _p, n in full + cold}
    if counts != {ARTICLES} or any(n != CHANGED for _s, _p, n in delta):
        raise RuntimeError(f"exports carried {counts} / {[n for *_x, n in delta]} articles")
    full_s = median([s for s, _p, _n in full])
    cold_s = median([s for s, _p, _n in cold])
    peak_mb = max(p for _s, p, _n in full + cold + delta) / 1e6
    return [
        Result("pelican 10k (reference)", ARTICLES / pelican_s, "articles/s", 0, "higher"),
        Result("disk: 10k folders, 30k files of 8 KB (reference)", disk_s, "s", 0, "higher"),
        Result("full export 10k, renders current", full_s, "s", 5, "lower"),
        Result("full export 10k", ARTICLES / full_s, "articles/s", 2000, "higher"),
        Result("full export vs Pelican", pelican_s / full_s, "×", 7, "higher"),
        Result("cold full export vs Pelican", pelican_s / cold_s, "×", 1.5, "higher"),
        Result(f"delta export of {CHANGED} changed",
               median([s for s, _p, _n in delta]) if delta else float("inf"), "s", 1, "lower"),
        Result("export peak memory (process tree)", peak_mb, "MB", 500, "lower"),
    ]


if __name__ == "__main__":
    for result in run():
        print(result.line())
