"""survey structure token (per-worker cache of questionnaires)

Revision ID: 0007_structure_token
Revises: 0006_consent
Create Date: 2026-11-22 03:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_structure_token'
down_revision = '0006_consent'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('structure_token', sa.String(length=32), server_default='', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_column('structure_token')
