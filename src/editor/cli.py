"""The `portal-editor` command: the window without a sub-command, or one job on the terminal."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from editor import __version__
from editor.core.article import Status
from editor.paths import DB_ENV, database_url
from editor.services.progress import Job, T

PROG = "portal-editor"


class CliError(Exception):
    """A problem to report on one line before exiting with status 1."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Write, review and export the articles of the city portal. "
                               "Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help="SQLAlchemy database URL (default: $PORTAL_EDITOR_DB, or the "
                             "SQLite file in the per-user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = commands.add_parser("import", help="import Markdown files with YAML front matter")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE.md")
    add.add_argument("--status", choices=["draft", "approved", "published"], default="draft",
                     help="status of the imported articles (default: draft)")

    show = commands.add_parser("list", help="list the articles")
    show.add_argument("--status", choices=[s.value for s in Status])
    show.add_argument("--json", action="store_true", help="print a JSON array")

    export = commands.add_parser("export", help="export approved and published articles")
    export.add_argument("out", type=Path, metavar="OUT",
                        help="bundle folder, or an archive when it ends in .zip")
    export.add_argument("--since", metavar="BASE",
                        help="a delta bundle: only what changed since BASE (an earlier bundle "
                             "folder or .zip, or a bundle_id from `portal-editor history`)")

    commands.add_parser("history", help="list past exports, newest first")

    check = commands.add_parser(
        "check-bundle", help="check a bundle against the spec (with --db, also that no text "
                             "of an unexported article is in it)")
    check.add_argument("path", type=Path, metavar="PATH")
    return parser


def _run_with_progress(job: Job[T], stream: TextIO) -> T:
    """Drive a job; on a terminal, draw a progress bar as it goes."""
    draw = stream.isatty()
    try:
        while True:
            step = next(job)
            if draw and step.total:
                width = 30
                filled = width * step.done // step.total
                label = step.message[:40]
                stream.write(f"\r[{'#' * filled}{' ' * (width - filled)}] "
                             f"{step.done}/{step.total} {label:<40}")
                stream.flush()
    except StopIteration as stop:
        if draw:
            stream.write("\r" + " " * 90 + "\r")
            stream.flush()
        return stop.value


def _open(args: argparse.Namespace):
    from editor.store.database import StoreError, open_database

    url, _is_default = database_url(args.db)
    try:
        return open_database(url)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def _cmd_import(args: argparse.Namespace) -> int:
    from editor.services.importer import ImportFailed, MarkdownImporter

    database = _open(args)
    try:
        ids = _run_with_progress(MarkdownImporter(database).import_files(
            args.files, status=Status(args.status)), sys.stderr)
    except ImportFailed as exc:
        for failure in exc.failures:
            print(f"{PROG}: error: {failure}", file=sys.stderr)
        print(f"{PROG}: nothing was imported", file=sys.stderr)
        return 1
    print(f"Imported {len(ids)} article(s) as {args.status}.")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from editor.services.catalogue import Catalogue

    rows = Catalogue(_open(args)).rows(Status(args.status) if args.status else None)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for row in rows:
        print(f"{row['id']}  {row['status']:<17} {row['date'] or '----------'}  "
              f"{' › '.join(row['category']) or '(no category)'}: {row['title'] or '(untitled)'}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from editor.services.export import (
        BaseError,
        BundleTargetError,
        ExportBlocked,
        ExportService,
    )

    service = ExportService(_open(args))
    try:
        result = _run_with_progress(service.export(args.out, since=args.since), sys.stderr)
    except ExportBlocked as exc:
        for problem in exc.problems:
            print(f"{PROG}: error: {problem}", file=sys.stderr)
        print(f"{PROG}: nothing was exported", file=sys.stderr)
        return 1
    except (BundleTargetError, BaseError) as exc:
        raise CliError(str(exc)) from exc
    kind = "" if result.kind == "full" else f" (delta since {result.base}, " \
        f"{result.deleted} withdrawn)"
    print(f"Exported {result.articles} article(s){kind}, {result.files} files, "
          f"{result.bytes:,} bytes to {result.target}\nbundle_id {result.bundle_id}")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    from editor.services.export import ExportService

    for entry in ExportService(_open(args)).history():
        when = entry.exported_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {entry.kind:<5}  {entry.articles:>6} article(s)  {entry.bundle_id}  "
              f"{entry.target}")
    return 0


def _cmd_check_bundle(args: argparse.Namespace) -> int:
    from editor.portal.checker import check_bundle
    from editor.services.catalogue import Catalogue

    unexported = None
    if args.db or os.environ.get(DB_ENV):
        unexported = Catalogue(_open(args)).unexported_text()
    failures = check_bundle(args.path, unexported)
    for failure in failures:
        print(f"{failure}")
    if failures:
        print(f"{PROG}: {len(failures)} problem(s) in {args.path}", file=sys.stderr)
        return 1
    print(f"{args.path}: the bundle is valid")
    return 0


COMMANDS = {"import": _cmd_import, "list": _cmd_list, "export": _cmd_export,
            "check-bundle": _cmd_check_bundle, "history": _cmd_history}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from editor.app import run_window

        return run_window(args.db)
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; nothing was changed", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
