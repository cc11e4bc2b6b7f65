"""Cold start: from launching a new process to the window's first painted frame."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.results import Result, median

RUNS = 5


def _launch(env: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run([sys.executable, "-m", "benchmarks.cold_start_child"], env=env,
                            capture_output=True, text=True, timeout=120, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    line = next(x for x in result.stdout.splitlines() if x.startswith("painted "))
    return float(line.split()[1]) - started


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as data:
        env = dict(os.environ, PORTAL_EDITOR_DATA_DIR=data, QT_QPA_PLATFORM="offscreen",
                   QTWEBENGINE_DISABLE_SANDBOX="1")
        env.pop("PORTAL_EDITOR_DB", None)
        _launch(env)  # the first start creates the demo database; it is not measured
        timings = [_launch(env) for _ in range(RUNS)]
    return [Result("cold start to first painted frame (median)", median(timings), "s", 1.5,
                   "lower")]
