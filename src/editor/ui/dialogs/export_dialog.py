"""File › Export…: choose where the bundle goes, see what blocks it, watch it being written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor.services.export import (
    BundleTargetError,
    ExportBlocked,
    ExportProblem,
    ExportResult,
    ExportService,
)


class ExportDialog(QDialog):
    """Asks for the target, lists problems that stop the export, then runs it with progress."""

    def __init__(self, service: ExportService, default_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export bundle")
        self.setMinimumWidth(560)
        self._service = service
        self.result_info: ExportResult | None = None

        self.as_folder = QRadioButton("Folder", checked=True)
        self.as_zip = QRadioButton(".zip archive")
        kind = QHBoxLayout()
        kind.addWidget(self.as_folder)
        kind.addWidget(self.as_zip)
        kind.addStretch(1)
        self.target_edit = QLineEdit(str(default_folder / "portal-bundle"))
        browse = QPushButton("Browse…")
        target = QHBoxLayout()
        target.addWidget(self.target_edit, 1)
        target.addWidget(browse)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_list = QListWidget()
        self.problem_list.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)

        form = QFormLayout()
        form.addRow("Write as", kind)
        form.addRow("Target", target)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Every approved and published article goes into the bundle."))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.buttons)

        browse.clicked.connect(self._on_browse)
        self.as_zip.toggled.connect(self._on_kind_changed)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export)
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
            self.problem_list.addItem(str(problem))
        self.problem_list.setVisible(bool(problems))
        self.problem_label.setText(
            f"<b>{len(problems)} problem(s) must be fixed before the export can run:</b>"
            if problems else "")
        self.export_button.setEnabled(not problems)

    def _on_export(self) -> None:
        if not self.target_edit.text().strip():
            QMessageBox.warning(self, "Export", "Choose where the bundle should be written.")
            return
        try:
            job = self._service.export(self.target())
            progress = QProgressDialog("Exporting…", "Cancel", 0, 100, self)
            progress.setWindowTitle("Export")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)
            result = self._drive(job, progress)
        except ExportBlocked as exc:
            self._show_problems(exc.problems)
            return
        except BundleTargetError as exc:
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
    def _drive(job, progress: QProgressDialog) -> ExportResult | None:
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
            progress.reset()
            return stop.value

    def _report(self, result: ExportResult) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Export finished")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(f"Exported {result.articles} article(s) to {result.target}")
        box.setInformativeText(f"{result.files} files, {result.bytes / 1024:,.0f} KB\n"
                               f"bundle_id {result.bundle_id}")
        open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            folder = result.target if result.target.is_dir() else result.target.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
