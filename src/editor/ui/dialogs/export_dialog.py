"""File › Export…: what goes in and where, the problems that block it, then the export itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor.services.export import (
    BaseError,
    BundleTargetError,
    ExportBlocked,
    ExportProblem,
    ExportResult,
    ExportService,
)
from editor.services.progress import Job


class ExportDialog(QDialog):
    """Asks for the contents and the target, lists problems that stop the export, then runs
    it with progress and Cancel. Double-clicking a problem closes the dialog and asks the
    window to show that article (`problem_chosen`)."""

    problem_chosen = Signal(str, str)  # article id, field

    def __init__(self, service: ExportService, default_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export bundle")
        self.setMinimumWidth(640)
        self._service = service
        self.result_info: ExportResult | None = None
        self._last = service.history()[:1]

        self.full = QRadioButton("Full bundle: every approved and published article",
                                 checked=True)
        self.delta = QRadioButton("Only the changes since the last export")
        if self._last:
            last = self._last[0]
            when = last.exported_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.delta.setText(f"Only the changes since the last export ({when}, "
                               f"{last.bundle_id[:12]}…)")
        else:
            self.delta.setEnabled(False)
            self.delta.setToolTip("Nothing has been exported from this database yet")
        self.as_folder = QRadioButton("Folder", checked=True)
        self.as_zip = QRadioButton(".zip archive")
        self._groups = (QButtonGroup(self), QButtonGroup(self))  # two separate choices
        for button in (self.full, self.delta):
            self._groups[0].addButton(button)
        for button in (self.as_folder, self.as_zip):
            self._groups[1].addButton(button)
        self.target_edit = QLineEdit(str(default_folder / "portal-bundle"))
        browse = QPushButton("Browse…")
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_list = QListWidget()
        self.problem_list.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)

        scope = QVBoxLayout()
        scope.addWidget(self.full)
        scope.addWidget(self.delta)
        kind = QHBoxLayout()
        kind.addWidget(self.as_folder)
        kind.addWidget(self.as_zip)
        kind.addStretch(1)
        target = QHBoxLayout()
        target.addWidget(self.target_edit, 1)
        target.addWidget(browse)
        form = QFormLayout()
        form.addRow("Contents", scope)
        form.addRow("Write as", kind)
        form.addRow("Target", target)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.buttons)

        browse.clicked.connect(self._on_browse)
        self.as_zip.toggled.connect(self._on_kind_changed)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export)
        self.problem_list.itemActivated.connect(self._on_problem_activated)
        self._show_problems(service.problems())

    def target(self) -> Path:
        return Path(self.target_edit.text().strip()).expanduser()

    def _on_kind_changed(self, as_zip: bool) -> None:
        path = self.target()
        if as_zip and path.suffix.lower() != ".zip":
            self.target_edit.setText(str(path.with_name(path.name + ".zip")))
        elif not as_zip and path.suffix.lower() == ".zip":
            self.target_edit.setText(str(path.with_suffix("")))

    def _on_browse(self) -> None:
        if self.as_zip.isChecked():
            chosen, _filter = QFileDialog.getSaveFileName(self, "Export to archive",
                                                          str(self.target()), "Zip (*.zip)")
        else:
            chosen = QFileDialog.getExistingDirectory(self, "Export to folder",
                                                      str(self.target().parent))
            chosen = str(Path(chosen) / "portal-bundle") if chosen else ""
        if chosen:
            self.target_edit.setText(chosen)

    def _show_problems(self, problems: list[ExportProblem]) -> None:
        self.problem_list.clear()
        for problem in problems:
            item = QListWidgetItem(str(problem))
            item.setData(Qt.ItemDataRole.UserRole, (problem.article_id, problem.field))
            self.problem_list.addItem(item)
        self.problem_list.setVisible(bool(problems))
        self.problem_label.setText(
            f"<b>{len(problems)} problem(s) must be fixed before the export can run.</b> "
            "Double-click one to go to it." if problems else "")
        self.export_button.setEnabled(not problems)

    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        article_id, field = item.data(Qt.ItemDataRole.UserRole)
        self.reject()
        self.problem_chosen.emit(article_id, field)

    def _on_export(self) -> None:
        if not self.target_edit.text().strip():
            QMessageBox.warning(self, "Export", "Choose where the bundle should be written.")
            return
        since = self._last[0].bundle_id if self.delta.isChecked() and self._last else None
        progress = QProgressDialog("Checking the articles…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        try:
            result = self._drive(self._service.export(self.target(), since=since), progress)
        except ExportBlocked as exc:
            self._show_problems(exc.problems)
            return
        except (BundleTargetError, BaseError) as exc:
            QMessageBox.critical(self, "Export failed", f"Nothing was written.\n\n{exc}")
            return
        if result is None:
            QMessageBox.information(self, "Export cancelled",
                                    "The export was cancelled; nothing was written.")
            return
        self.result_info = result
        self._report(result)
        self.accept()

    @staticmethod
    def _drive(job: Job[ExportResult], progress: QProgressDialog) -> ExportResult | None:
        try:
            while True:
                step = next(job)
                progress.setMaximum(step.total)
                progress.setLabelText(step.message)
                progress.setValue(step.done)
                if progress.wasCanceled():
                    job.close()  # the writer throws the partial bundle away
                    return None
        except StopIteration as stop:
            return stop.value
        finally:
            progress.reset()

    def _report(self, result: ExportResult) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Export finished")
        box.setIcon(QMessageBox.Icon.Information)
        kind = "" if result.kind == "full" else " changed since the last export"
        box.setText(f"Exported {result.articles} article(s){kind} to {result.target}")
        withdrawn = f", {result.deleted} withdrawn" if result.deleted else ""
        box.setInformativeText(f"{result.files} files, {result.bytes / 1024:,.0f} KB"
                               f"{withdrawn}\nbundle_id {result.bundle_id}")
        open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            folder = result.target if result.target.is_dir() else result.target.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
