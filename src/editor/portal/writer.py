"""Writing a bundle atomically: into a temporary sibling, moved into place only when complete."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from editor.portal import layout


class BundleTargetError(OSError):
    """The target cannot take a bundle; the message says where and why."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str
    sha256: str
    bytes: int


def file_entry(path: str, data: bytes) -> FileEntry:
    return FileEntry(path, hashlib.sha256(data).hexdigest(), len(data))


def bundle_id(entries: Iterable[FileEntry]) -> str:
    """SHA-256 of the '<sha256>  <path>\\n' lines of the files list, in path order."""
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(f"{entry.sha256}  {entry.path}\n".encode())
    return digest.hexdigest()


_PLAIN = re.compile(r'^[\x20-\x7e]*$')


def _plain(text: str) -> bool:
    """JSON writes such a string exactly as it is, between quotes."""
    return '"' not in text and "\\" not in text and bool(_PLAIN.match(text))


def _compact(value: object) -> str:
    if isinstance(value, dict) and all(
            _plain(key) and (type(item) is int or (type(item) is str and _plain(item)))
            for key, item in value.items()):
        # the manifest's thousands of file entries: the same text json.dumps gives, faster
        return "{" + ", ".join(f'"{key}": "{item}"' if type(item) is str else f'"{key}": {item}'
                               for key, item in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dump_json(value: object) -> bytes:
    """JSON as every bundle file holds it: UTF-8, a final newline, one line per top-level key
    and one per element of a top-level list of objects (readable, and fast to write)."""
    if not isinstance(value, dict):
        return (_compact(value) + "\n").encode("utf-8")
    lines = []
    for key, item in value.items():
        if isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
            inner = ",\n".join(f"    {_compact(x)}" for x in item)
            lines.append(f"  {_compact(key)}: [\n{inner}\n  ]")
        else:
            lines.append(f"  {_compact(key)}: {_compact(item)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_target(target: Path) -> None:
    if target.suffix.lower() == ".zip":
        if target.is_dir():
            raise BundleTargetError(f"{target} is a folder, not a .zip file")
        return
    if target.is_file():
        raise BundleTargetError(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / layout.MANIFEST).is_file():
        raise BundleTargetError(
            f"{target} already holds files that are not a bundle; choose an empty folder")


FILE_MODE, FOLDER_MODE = 0o644, 0o755


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class FolderWriter:
    """Writes files below `root` with the bundle's fixed permissions and time, creating each
    folder once; used by the bundle and by its worker processes."""

    def __init__(self, root: Path, moment: dt.datetime) -> None:
        self.root = Path(root)
        self._times = (moment.timestamp(), moment.timestamp())
        self._folders: set[Path] = set()
        self._exact_modes = _umask() & 0o777 == 0o022  # then creation gives the modes as-is

    def _folder(self, folder: Path) -> None:
        if folder in self._folders or folder == self.root:
            return
        self._folder(folder.parent)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(FOLDER_MODE)
        if not self._exact_modes:
            os.chmod(folder, FOLDER_MODE)
        self._folders.add(folder)

    def write(self, path: str, data: bytes) -> FileEntry:
        destination = self.root / path
        try:
            self._folder(destination.parent)
            handle = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            try:
                view = memoryview(data)
                while view:  # os.write may take less than all of it
                    view = view[os.write(handle, view):]
                if not self._exact_modes:
                    os.fchmod(handle, FILE_MODE)
                os.utime(handle, self._times)
            finally:
                os.close(handle)
        except OSError as exc:
            raise BundleTargetError(f"cannot write {path}: {exc.strerror or exc}") from exc
        return file_entry(path, data)


class BundleWriter:
    """Collects a bundle's files in a hidden folder next to `target`, then commits it.

    Use as a context manager: leaving the block without `commit()` (an error, a cancel)
    removes everything written and leaves the target as it was. A .zip target is built from
    the finished folder in path order, so memory stays flat whatever the bundle's size.
    """

    def __init__(self, target: Path, created: dt.datetime) -> None:
        self.target = Path(target)
        self.created = created
        self._entries: dict[str, FileEntry] = {}
        self._is_zip = self.target.suffix.lower() == ".zip"
        self._staging: Path | None = None
        self._archive: Path | None = None
        self._files: FolderWriter | None = None

    def __enter__(self) -> BundleWriter:
        _check_target(self.target)
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.",
                                                  suffix=".partial", dir=parent))
        except OSError as exc:
            raise BundleTargetError(f"cannot write to {parent}: {exc.strerror or exc}") from exc
        os.chmod(self._staging, FOLDER_MODE)
        self._files = FolderWriter(self._staging, self.created)
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._discard()

    @property
    def staging(self) -> Path:
        """Where workers may write files directly (then `adopt` their entries)."""
        assert self._staging is not None
        return self._staging

    @property
    def entries(self) -> list[FileEntry]:
        return sorted(self._entries.values(), key=lambda e: e.path)

    def _register(self, entry: FileEntry) -> None:
        if entry.path in self._entries or entry.path == layout.MANIFEST:
            raise ValueError(f"{entry.path} is already in the bundle")
        self._entries[entry.path] = entry

    def add(self, path: str, data: bytes) -> FileEntry:
        """Add one file, in any order."""
        assert self._files is not None
        if path in self._entries or path == layout.MANIFEST:
            raise ValueError(f"{path} is already in the bundle")
        entry = self._files.write(path, data)
        self._register(entry)
        return entry

    def adopt(self, entries: Iterable[FileEntry]) -> None:
        """Count files that a worker has already written into `staging`."""
        for entry in entries:
            self._register(entry)

    def commit(self, manifest: dict[str, object]) -> None:
        """Write the manifest and move the finished bundle to the target."""
        assert self._staging is not None and self._files is not None
        self._files.write(layout.MANIFEST, dump_json(manifest))
        try:
            if self._is_zip:
                self._write_zip()
                os.replace(self._archive, self.target)  # type: ignore[arg-type]
                self._archive = None
            else:
                self._swap_in()
                self._staging = None
        except OSError as exc:
            raise BundleTargetError(f"cannot finish {self.target}: {exc.strerror or exc}") from exc

    def _write_zip(self) -> None:
        assert self._staging is not None
        handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".partial",
                                        dir=self.target.parent)
        os.close(handle)
        self._archive = Path(name)
        stamp = max(self.created, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
        date_time = stamp.astimezone(dt.UTC).timetuple()[:6]
        with zipfile.ZipFile(self._archive, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted([*self._entries, layout.MANIFEST]):
                info = zipfile.ZipInfo(path, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                archive.writestr(info, (self._staging / path).read_bytes(), compresslevel=6)
        os.chmod(self._archive, 0o644)

    def _swap_in(self) -> None:
        assert self._staging is not None
        if not self.target.exists():
            os.rename(self._staging, self.target)
            return
        if not any(self.target.iterdir()):
            self.target.rmdir()
            os.rename(self._staging, self.target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".old",
                                    dir=self.target.parent))
        old.rmdir()
        os.rename(self.target, old)
        try:
            os.rename(self._staging, self.target)
        except OSError:
            os.rename(old, self.target)
            raise
        shutil.rmtree(old, ignore_errors=True)

    def _discard(self) -> None:
        staging, self._staging = self._staging, None
        archive, self._archive = self._archive, None
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if archive is not None:
            archive.unlink(missing_ok=True)


def iter_bundle(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of a bundle folder or .zip as (relative path, bytes), in path order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            yield file.relative_to(path).as_posix(), file.read_bytes()
        return
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith("/"):
                yield name, archive.read(name)
