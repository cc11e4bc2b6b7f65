"""File › Export history…: every bundle written from this database, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.ledger import ExportRecord

COLUMNS = ("Exported", "Kind", "Articles", "Files", "Size", "bundle_id", "Target")


class HistoryDialog(QDialog):
    def __init__(self, records: Sequence[ExportRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export history")
        self.resize(980, 420)
        self.table = QTableWidget(len(records), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, record in enumerate(records):
            values = (record.exported_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                      record.kind if record.kind == "full" else f"delta since {record.base[:12]}…"
                      if record.base else record.kind,
                      str(record.articles), str(record.files), f"{record.bytes / 1024:,.0f} KB",
                      record.bundle_id, record.target)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not records:
            layout.addWidget(QLabel("Nothing has been exported from this database yet."))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
