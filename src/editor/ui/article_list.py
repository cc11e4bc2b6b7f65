"""The article list: a sortable, filterable table of every article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import ArticleSummary, Status

COLUMNS = ("Title", "Category", "Status", "Date", "Last change")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UNSAVED_MARK = "● "
Index = QModelIndex | QPersistentModelIndex


def _local_time(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class ArticleTableModel(QAbstractTableModel):
    """Rows of ArticleSummary; articles with unsaved edits are marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []
        self._unsaved: set[str] = set()

    def set_rows(self, rows: Sequence[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_row(self, summary: ArticleSummary) -> None:
        """Replace one article's row (or add it) without disturbing the rest."""
        for number, row in enumerate(self._rows):
            if row.id == summary.id:
                self._rows[number] = summary
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(summary)
        self.endInsertRows()

    def set_unsaved(self, article_id: str, unsaved: bool) -> None:
        if (article_id in self._unsaved) == unsaved:
            return
        (self._unsaved.add if unsaved else self._unsaved.discard)(article_id)
        row = self.row_of(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def row_of(self, article_id: str) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == article_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.FontRole and column == 0 and row.id in self._unsaved:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return (row.title or "(untitled)") + (" (unsaved changes)"
                                                  if row.id in self._unsaved else "")
        return None

    def _display(self, row: ArticleSummary, column: int) -> str:
        if column == 0:
            mark = UNSAVED_MARK if row.id in self._unsaved else ""
            return mark + (row.title or "(untitled)")
        if column == 1:
            return row.category
        if column == 2:
            return row.status.label
        if column == 3:
            return row.date.isoformat() if row.date else ""
        return _local_time(row.updated)

    @staticmethod
    def _sort_value(row: ArticleSummary, column: int) -> object:
        values: tuple[object, ...] = (row.title.casefold(), row.category.casefold(),
                                      list(Status).index(row.status),
                                      row.date.isoformat() if row.date else "",
                                      row.updated.isoformat())
        return values[column]


class ArticleFilter(QSortFilterProxyModel):
    """Matches the filter text against title and category; optionally hides the archive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._status: Status | None = None
        self._hide_archived = True
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.casefold().strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: Status | None, *, hide_archived: bool) -> None:
        self.beginFilterChange()
        self._status, self._hide_archived = status, hide_archived
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        status_text = model.index(source_row, 2, source_parent).data()
        if self._status is not None and status_text != self._status.label:
            return False
        if self._hide_archived and status_text == Status.ARCHIVED.label:
            return False
        if not self._text:
            return True
        haystack = " ".join(str(model.index(source_row, column, source_parent).data() or "")
                            for column in (0, 1)).casefold()
        return all(word in haystack for word in self._text.split())


class ArticleListPanel(QWidget):
    """Filter box, status choice and the table; emits the id of the article to open."""

    article_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel(self)
        self.proxy = ArticleFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(placeholderText="Filter by title or category…")
        self.filter_edit.setClearButtonEnabled(True)
        self.status_choice = QComboBox()
        self.status_choice.addItem("All but archived", None)
        for status in Status:
            self.status_choice.addItem(status.label, status.value)
        self.status_choice.addItem("All", "all")

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 150)
        for column in range(2, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(60)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

        controls = QHBoxLayout()
        controls.addWidget(self.filter_edit, 1)
        controls.addWidget(self.status_choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.table)

        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.status_choice.currentIndexChanged.connect(self._on_status_choice)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

    def _on_status_choice(self) -> None:
        value = self.status_choice.currentData()
        if value is None:
            self.proxy.set_status(None, hide_archived=True)
        elif value == "all":
            self.proxy.set_status(None, hide_archived=False)
        else:
            self.proxy.set_status(Status(value), hide_archived=False)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_selected.emit(current.data(ID_ROLE))

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, article_id: str) -> bool:
        """Make `article_id` the current row (showing it if the filter hid it)."""
        row = self.model.row_of(article_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter_edit.clear()
            self.status_choice.setCurrentIndex(self.status_choice.findData("all"))
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True
