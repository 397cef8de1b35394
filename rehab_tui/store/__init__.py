"""The only code that speaks SQL: schema, migrations, transactions, import/export."""

from .store import Store, default_db_path

__all__ = ["Store", "default_db_path"]
