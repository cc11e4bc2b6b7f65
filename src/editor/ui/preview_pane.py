"""The preview's frame: desktop or phone width, and following the editor's scroll."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QToolBar, QVBoxLayout, QWidget

from editor.ui.preview import PreviewView

PHONE_WIDTH = 390  # CSS pixels of a common phone in portrait


class PreviewPane(QWidget):
    """A device switch above the web preview; the preview scrolls along with the editor."""

    def __init__(self, view: PreviewView, editor: QPlainTextEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._editor = editor
        bar = QToolBar("Device")
        bar.setObjectName("device-toolbar")
        group = QActionGroup(self)
        self.desktop_action = QAction("Desktop", self, checkable=True, checked=True)
        self.phone_action = QAction("Phone", self, checkable=True)
        for action, tip in ((self.desktop_action, "The page as on a computer"),
                             (self.phone_action, f"The page on a phone ({PHONE_WIDTH} px wide)")):
            action.setToolTip(tip)
            group.addAction(action)
            bar.addAction(action)
        self.desktop_action.toggled.connect(self._on_device)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        # The view takes all the room on a desktop; at a phone's width the room left over goes
        # to the spacers on either side, which centre it.
        row.addStretch(0)
        row.addWidget(self.view, 1)
        row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addLayout(row, 1)
        editor.verticalScrollBar().valueChanged.connect(self._follow_editor)
        view.loadFinished.connect(lambda _ok: self._follow_editor())

    def _on_device(self, desktop: bool) -> None:
        if desktop:
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(16_777_215)
        else:
            self.view.setFixedWidth(PHONE_WIDTH)

    def _follow_editor(self) -> None:
        """Show the same share of the page as the editor shows of the text."""
        bar = self._editor.verticalScrollBar()
        share = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        self.view.run_script(
            "window.scrollTo(0, Math.round((document.documentElement.scrollHeight"
            f" - window.innerHeight) * {share:.4f}));")
