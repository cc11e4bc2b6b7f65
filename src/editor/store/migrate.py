"""Schema creation and upgrades, always through the Alembic migrations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration; a test checks that it matches the scripts in migrations/versions.
HEAD = "0004"


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer Portal Editor than this one."""


class ForeignDatabaseError(RuntimeError):
    """The database holds another program's tables, not Portal Editor's."""


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _known_revisions(scripts: ScriptDirectory) -> set[str]:
    return {script.revision for script in scripts.walk_revisions()}


def upgrade(connection: Connection) -> bool:
    """Bring the schema to HEAD; True when the database was empty and has just been created.

    Alembic is loaded only when there is something to migrate, which keeps start-up fast.
    """
    revision = current_revision(connection)
    if revision == HEAD:
        return False
    if revision is None and inspect(connection).get_table_names():
        raise ForeignDatabaseError("it holds tables of another program, not a Portal Editor "
                                   "database")
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    known = _known_revisions(ScriptDirectory.from_config(config))
    if revision is not None and revision not in known:
        raise SchemaTooNewError(
            f"the database has schema revision {revision}, newer than this Portal Editor knows")
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    return revision is None
