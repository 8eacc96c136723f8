"""feedback_answers kept the passages and verdicts beside the answer: they move into the answer's JSON, where
the answer model keeps them, and the copies go. A row whose answer already lists them keeps its own.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT answer_id, answer, passages, verdicts FROM feedback_answers"))
    for answer_id, answer, passages, verdicts in rows.fetchall():
        folded = json.loads(answer)
        folded["passages"] = folded.get("passages") or json.loads(passages or "[]")
        folded["verdicts"] = folded.get("verdicts") or json.loads(verdicts or "[]")
        connection.execute(
            sa.text("UPDATE feedback_answers SET answer = :answer WHERE answer_id = :answer_id"),
            {"answer": json.dumps(folded, ensure_ascii=False, separators=(",", ":")), "answer_id": answer_id},
        )
    with op.batch_alter_table("feedback_answers") as table:  # SQLite rebuilds the table; PostgreSQL alters it
        table.drop_column("passages")
        table.drop_column("verdicts")
