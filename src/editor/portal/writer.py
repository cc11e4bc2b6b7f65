"""Writing a bundle atomically: into a temporary sibling, moved into place only when complete."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
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


def dump_json(value: object) -> bytes:
    """JSON as every bundle file holds it: UTF-8, two-space indent, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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


class BundleWriter:
    """Collects a bundle's files in a temporary place next to `target`, then commits it.

    Use as a context manager: leaving the block without `commit()` (an error, a cancel)
    removes everything written and leaves the target as it was.
    """

    def __init__(self, target: Path, created: dt.datetime) -> None:
        self.target = Path(target)
        self.created = created
        self._entries: dict[str, FileEntry] = {}
        self._is_zip = self.target.suffix.lower() == ".zip"
        self._staging: Path | None = None
        self._zip: zipfile.ZipFile | None = None
        self._pending: dict[str, bytes] = {}

    def __enter__(self) -> BundleWriter:
        _check_target(self.target)
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            if self._is_zip:
                handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".partial",
                                                dir=parent)
                os.close(handle)
                self._staging = Path(name)
            else:
                self._staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.",
                                                      suffix=".partial", dir=parent))
        except OSError as exc:
            raise BundleTargetError(f"cannot write to {parent}: {exc.strerror or exc}") from exc
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self._staging is not None:  # not committed: throw the partial bundle away
            self._discard()

    @property
    def entries(self) -> list[FileEntry]:
        return sorted(self._entries.values(), key=lambda e: e.path)

    def add(self, path: str, data: bytes) -> FileEntry:
        """Add one file (any order; a zip is written in path order at commit)."""
        if path in self._entries or path == layout.MANIFEST:
            raise ValueError(f"{path} is already in the bundle")
        entry = file_entry(path, data)
        self._entries[path] = entry
        if self._is_zip:
            self._pending[path] = data
        else:
            self._write_file(path, data)
        return entry

    def _write_file(self, path: str, data: bytes) -> None:
        assert self._staging is not None
        destination = self._staging / path
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        except OSError as exc:
            raise BundleTargetError(f"cannot write {path}: {exc.strerror or exc}") from exc

    def commit(self, manifest: dict[str, object]) -> None:
        """Write the manifest and move the finished bundle to the target."""
        assert self._staging is not None
        data = dump_json(manifest)
        try:
            if self._is_zip:
                self._pending[layout.MANIFEST] = data
                self._write_zip()
                os.replace(self._staging, self.target)
            else:
                self._write_file(layout.MANIFEST, data)
                self._fix_times()
                self._swap_in()
        except OSError as exc:
            raise BundleTargetError(f"cannot finish {self.target}: {exc.strerror or exc}") from exc
        self._staging = None

    def _write_zip(self) -> None:
        assert self._staging is not None
        stamp = max(self.created, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
        date_time = stamp.astimezone(dt.UTC).timetuple()[:6]
        with zipfile.ZipFile(self._staging, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self._pending):
                info = zipfile.ZipInfo(path, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                archive.writestr(info, self._pending[path], compresslevel=6)
        os.chmod(self._staging, 0o644)

    def _fix_times(self) -> None:
        assert self._staging is not None
        moment = self.created.timestamp()
        for folder, _dirs, files in os.walk(self._staging):
            os.chmod(folder, 0o755)
            for name in files:
                path = os.path.join(folder, name)
                os.chmod(path, 0o644)
                os.utime(path, (moment, moment))

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
        self._pending.clear()
        if staging is None:
            return
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)
        else:
            staging.unlink(missing_ok=True)


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
