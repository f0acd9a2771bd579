"""The answer log: what was asked, what was answered, and what people thought of it.

Nothing here is imported on the answer path of `kamervraag ask` until something is logged: the
database stack (SQLAlchemy, Alembic, a driver) loads lazily, in `store` and `writer`.
"""
