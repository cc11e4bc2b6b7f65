"""The ledger of exports: when, what kind, and which articles at which revision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("bundle_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("base", sa.String(64), nullable=True),
        sa.Column("exported_at", sa.DateTime, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("files", sa.Integer, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_exports_exported_at", "exports", ["exported_at"])
    op.create_table(
        "export_articles",
        sa.Column("bundle_id", sa.String(64),
                  sa.ForeignKey("exports.bundle_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.String(36), primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported; restore a backup instead")
