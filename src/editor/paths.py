"""Where Portal Editor keeps its files; each place can be moved by an environment variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from editor.store.engine import sqlite_url

APP_NAME = "portal-editor"
DB_ENV = "PORTAL_EDITOR_DB"
DATA_DIR_ENV = "PORTAL_EDITOR_DATA_DIR"
DB_FILE = "portal-editor.sqlite3"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The per-user data folder (platformdirs), or $PORTAL_EDITOR_DATA_DIR."""
    override = environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_url(environ: Mapping[str, str] = os.environ) -> str:
    return sqlite_url(data_dir(environ) / DB_FILE)


def database_url(option: str | None, environ: Mapping[str, str] = os.environ) -> tuple[str, bool]:
    """The database to open (--db, then $PORTAL_EDITOR_DB, then the default) and whether it
    is the default one."""
    if option:
        return option, False
    if environ.get(DB_ENV):
        return environ[DB_ENV], False
    return default_database_url(environ), True


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Files that can be made again (the preview's copies of images): the per-user cache
    folder, or `cache` inside $PORTAL_EDITOR_DATA_DIR when that is set."""
    override = environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / "cache"
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)
