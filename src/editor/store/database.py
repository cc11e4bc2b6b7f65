"""Opening a database: engine, schema at the newest revision, and sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from editor.store import migrate
from editor.store.engine import describe, make_engine, use_wal


class StoreError(RuntimeError):
    """The database cannot be used; the message says which one and why."""


class Database:
    """One open database; hands out short sessions, one per user action."""

    def __init__(self, engine: Engine, *, url: str, created: bool) -> None:
        self.engine = engine
        self.url = url
        self.created = created
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def location(self) -> str:
        return describe(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    """Open `url`, creating or upgrading its schema; raises StoreError with a clear reason."""
    engine = make_engine(url)
    where = describe(url)
    try:
        with engine.begin() as connection:
            created = migrate.upgrade(connection)
    except (migrate.SchemaTooNewError, migrate.ForeignDatabaseError) as exc:
        engine.dispose()
        raise StoreError(f"{where}: {exc}") from exc
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig) if exc.orig is not None else str(exc)
        if "locked" in reason:
            reason = "the database is locked by another program"
        raise StoreError(f"cannot open the database {where}: {reason}") from exc
    except SQLDatabaseError as exc:
        engine.dispose()
        reason = str(exc.orig) if exc.orig is not None else str(exc)
        raise StoreError(f"{where} is not a usable Portal Editor database: {reason}") from exc
    use_wal(engine)
    return Database(engine, url=url, created=created)
