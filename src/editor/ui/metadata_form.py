"""The portal's fields of an article: title, category, date, byline, credit, summary…"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from editor.core.article import Article, Category, Status

LANGUAGES = (("en", "English"), ("zh", "Chinese"), ("ko", "Korean"), ("ja", "Japanese"),
             ("ru", "Russian"), ("de", "German"), ("fr", "French"))


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class ArticleForm(QWidget):
    """Edits an article's fields; `edited` fires on every change a person makes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit(placeholderText="Headline of the article")
        self.category_choice = QComboBox()
        self.date_edit = QDateEdit(calendarPopup=True)
        self.date_edit.setDisplayFormat("MMM d, yyyy")
        self.source_edit = QLineEdit(placeholderText="iqingdao")
        self.author_edit = QLineEdit(placeholderText="optional, e.g. Yuanyu")
        self.language_choice = QComboBox()
        self.language_choice.setEditable(True)
        for code, name in LANGUAGES:
            self.language_choice.addItem(f"{code} — {name}", code)
        self.status_choice = QComboBox()
        for status in Status:
            self.status_choice.addItem(status.label, status.value)
        self.summary_edit = QPlainTextEdit(placeholderText="One or two sentences for lists "
                                                           "and feeds")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        byline = QHBoxLayout()
        byline.addWidget(self.source_edit, 1)
        byline.addSpacing(12)
        byline.addWidget(_label("Author c&redit (By …)", self.author_edit))
        byline.addWidget(self.author_edit, 1)
        facts = QHBoxLayout()
        facts.addWidget(self.category_choice, 2)
        facts.addSpacing(12)
        facts.addWidget(_label("&Date", self.date_edit))
        facts.addWidget(self.date_edit)
        facts.addSpacing(12)
        facts.addWidget(_label("&Language", self.language_choice))
        facts.addWidget(self.language_choice)
        facts.addSpacing(12)
        facts.addWidget(_label("Stat&us", self.status_choice))
        facts.addWidget(self.status_choice)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(_label("&Title", self.title_edit), self.title_edit)
        layout.addRow(_label("&Category", self.category_choice), facts)
        layout.addRow(_label("Source &byline (By …)", self.source_edit), byline)
        layout.addRow(_label("Su&mmary", self.summary_edit), self.summary_edit)

        for signal in (self.title_edit.textEdited, self.source_edit.textEdited,
                       self.author_edit.textEdited, self.summary_edit.textChanged,
                       self.category_choice.currentIndexChanged, self.date_edit.dateChanged,
                       self.status_choice.currentIndexChanged,
                       self.language_choice.currentTextChanged):
            signal.connect(self._on_changed)
        self._loading = False

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def set_categories(self, categories: Sequence[Category]) -> None:
        with QSignalBlocker(self.category_choice):
            self.category_choice.clear()
            self.category_choice.addItem("(choose a category)", None)
            for category in categories:
                self.category_choice.addItem(category.label, category.id)

    def load(self, article: Article) -> None:
        """Show `article` without reporting it as an edit."""
        self._loading = True
        try:
            self.title_edit.setText(article.title)
            index = self.category_choice.findData(article.category_id)
            self.category_choice.setCurrentIndex(max(index, 0))
            day = article.date or dt.date.today()
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
            self.source_edit.setText(article.source)
            self.author_edit.setText(article.author)
            index = self.language_choice.findData(article.language)
            if index >= 0:
                self.language_choice.setCurrentIndex(index)
            else:
                self.language_choice.setEditText(article.language)
            self.status_choice.setCurrentIndex(self.status_choice.findData(article.status.value))
            self.summary_edit.setPlainText(article.summary)
        finally:
            self._loading = False

    def language(self) -> str:
        index = self.language_choice.currentIndex()
        text = self.language_choice.currentText()
        if index >= 0 and self.language_choice.itemText(index) == text:
            return str(self.language_choice.itemData(index))
        return text.split("—")[0].strip()

    def apply_to(self, article: Article) -> Article:
        """`article` with the form's values."""
        qdate = self.date_edit.date()
        return article.copy(
            title=self.title_edit.text().strip(),
            category_id=self.category_choice.currentData(),
            date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            source=self.source_edit.text().strip(),
            author=self.author_edit.text().strip(),
            language=self.language(),
            status=Status(self.status_choice.currentData()),
            summary=self.summary_edit.toPlainText().strip(),
        )
