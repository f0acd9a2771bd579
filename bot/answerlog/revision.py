"""The newest schema revision in `migrations/versions/` (a test checks it against Alembic's own view).

Apart from the store so the command line's fast path (`quick.py`) can check it without SQLAlchemy.
"""

HEAD = "0001"
