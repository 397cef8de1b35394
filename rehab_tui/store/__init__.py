"""The only code that speaks SQL: schema, migrations, transactions, the merge of an import."""

from .store import Store, default_db_path

__all__ = ["Store", "default_db_path"]
