"""Runs the real app and prints the wall-clock time of the window's first painted frame."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from editor.app import run_window
from editor.ui.main_window import MainWindow


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = time.time()
            print(f"painted {self.seen:.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    watcher = _FirstPaint()

    def watch(window: MainWindow) -> None:
        window.installEventFilter(watcher)

    return run_window(None, sys.argv[:1], on_shown=watch)


if __name__ == "__main__":
    sys.exit(main())
