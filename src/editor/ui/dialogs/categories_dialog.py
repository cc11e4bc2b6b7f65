"""Edit › Categories…: the portal's sections and categories, to add, rename or remove."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import Category
from editor.services.categories import CategoryError, CategoryService

ID_ROLE = Qt.ItemDataRole.UserRole


class CategoryForm(QDialog):
    """Asks for a section (chosen or new) and a category name."""

    def __init__(self, title: str, sections: list[str], category: Category | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.section_choice = QComboBox()
        self.section_choice.setEditable(True)
        self.section_choice.addItems(sections)
        self.section_choice.setCurrentText(category.section if category else "")
        self.section_choice.lineEdit().setPlaceholderText("empty for a top-level category")
        self.name_edit = QLineEdit(category.name if category else "")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Section", self.section_choice)
        form.addRow("&Category", self.name_edit)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.section_choice.currentText(), self.name_edit.text()


class CategoriesDialog(QDialog):
    """The tree of sections and categories, with Add, Rename and Remove."""

    def __init__(self, service: CategoryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Categories")
        self.resize(460, 420)
        self._service = service
        self.changed = False
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.add_button = QPushButton("&Add…")
        self.rename_button = QPushButton("&Rename…")
        self.remove_button = QPushButton("Re&move")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(row)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_category)
        self.rename_button.clicked.connect(self.rename_category)
        self.remove_button.clicked.connect(self.remove_category)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self._categories: list[Category] = []
        self._fill()

    def _fill(self, select: int | None = None) -> None:
        self._categories = self._service.categories()
        self.tree.clear()
        sections: dict[str, QTreeWidgetItem] = {}
        for category in self._categories:
            if category.section:
                parent = sections.get(category.section)
                if parent is None:
                    parent = QTreeWidgetItem(self.tree, [category.section])
                    parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    sections[category.section] = parent
                item = QTreeWidgetItem(parent, [category.name])
            else:
                item = QTreeWidgetItem(self.tree, [category.name])
            item.setData(0, ID_ROLE, category.id)
            if category.id == select:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self._update_buttons()

    def selected(self) -> Category | None:
        item = self.tree.currentItem()
        category_id = item.data(0, ID_ROLE) if item is not None else None
        return next((c for c in self._categories if c.id == category_id), None)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.rename_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _sections(self) -> list[str]:
        return sorted({c.section for c in self._categories if c.section})

    def add_category(self) -> None:
        current = self.selected()
        form = CategoryForm("Add category", self._sections(),
                            Category(0, current.section, "") if current else None, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._apply(lambda: self._service.add(*form.values()))

    def rename_category(self) -> None:
        category = self.selected()
        if category is None:
            return
        form = CategoryForm("Rename category", self._sections(), category, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self._apply(lambda: self._service.rename(category.id, *form.values()))

    def remove_category(self) -> None:
        category = self.selected()
        if category is None:
            return
        answer = QMessageBox.question(self, "Remove category", f"Remove {category.label}?")
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(lambda: self._service.remove(category.id))

    def _apply(self, change: object) -> None:
        try:
            result = change()  # type: ignore[operator]
        except CategoryError as exc:
            QMessageBox.warning(self, "Categories", str(exc))
            return
        self.changed = True
        self._fill(select=result.id if isinstance(result, Category) else None)
