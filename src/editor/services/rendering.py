"""Rendering many bodies at once: on every core when the batch is large enough to pay off."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from editor.core.markdown import Rendered, render

#: Below this many bodies, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
CHUNK = 32


def render_all(texts: Sequence[str], workers: int | None = None) -> list[Rendered]:
    """Each text rendered, in order.

    Large batches go to worker processes started fresh ("spawn"), which is safe even when
    the caller runs Qt or other threads.
    """
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(texts) < PARALLEL_FROM:
        return [render(text) for text in texts]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(render, texts, chunksize=CHUNK))
