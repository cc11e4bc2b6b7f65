"""Stored renders carry their facts, and a trigger clears a render whose body changed.

The facts (problems, relative links, images of the rendered body) let an export check
thousands of articles without reading their bodies. The trigger keeps the render key true
whatever changes a body, so a stale render is always noticed. Every render is made again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_TRIGGER = """
CREATE TRIGGER articles_body_changed AFTER UPDATE OF body ON articles
WHEN NEW.body IS NOT OLD.body AND NEW.body_html_key = OLD.body_html_key
BEGIN
    UPDATE articles SET body_html_key = '' WHERE id = NEW.id;
END
"""
POSTGRES_FUNCTION = """
CREATE FUNCTION articles_body_changed() RETURNS trigger AS $$
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body AND NEW.body_html_key = OLD.body_html_key THEN
        NEW.body_html_key := '';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""
POSTGRES_TRIGGER = """
CREATE TRIGGER articles_body_changed BEFORE UPDATE ON articles
FOR EACH ROW EXECUTE FUNCTION articles_body_changed()
"""


def upgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("body_facts", sa.Text, nullable=False, server_default=""))
    op.execute("UPDATE articles SET body_html_key = ''")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(POSTGRES_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported; restore a backup instead")
