"""The first schema: categories, articles, settings; seeded with the portal's categories.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from editor.store.seed import CATEGORIES, SITE

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    categories = op.create_table(
        "categories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("section", sa.String(200), nullable=False, server_default=""),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("section", "name", name="uq_categories_section_name"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("slug_locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("body_html", sa.Text, nullable=False),
        sa.Column("body_html_key", sa.String(100), nullable=False),
        sa.Column("category_id", sa.Integer,
                  sa.ForeignKey("categories.id", ondelete="RESTRICT"), nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("pub_date", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_index("ix_articles_category_id", "articles", ["category_id"])
    op.create_index("ix_articles_status", "articles", ["status"])
    op.create_index("ix_articles_updated", "articles", ["updated"])
    settings = op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(categories, [
        {"section": section, "name": name, "position": index}
        for index, (section, name) in enumerate(CATEGORIES)
    ])
    op.bulk_insert(settings, [
        {"key": key, "value": json.dumps(value, ensure_ascii=False)}
        for key, value in SITE.items()
    ])


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported; restore a backup instead")
