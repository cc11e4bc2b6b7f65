"""`portal-editor import` of 1,000 generated Markdown files, rendering included."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_markdown_files
from benchmarks.results import Result

FILES = 1000


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        files = write_markdown_files(Path(folder) / "md", FILES, seed=2026)
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "editor", "--db", url, "import",
                        *map(str, files)], check=True, capture_output=True, timeout=600)
        elapsed = time.perf_counter() - started
    return [Result(f"import {FILES} files (whole command)", FILES / elapsed, "files/s", 250,
                   "higher")]
