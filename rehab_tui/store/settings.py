"""The settings as stored: read with their defaults (a bad value mended, with a
warning), written one key at a time through the gate."""

from __future__ import annotations

from ..domain.settings import Settings, validate
from .gate import Gate


class SettingsRoom(Gate):
    def settings(self) -> Settings:
        """The settings; a stored value that breaks its rule is replaced by its
        default, with a warning in `self.warnings`."""
        settings, warnings = Settings.read(self.stored_settings())
        for warning in warnings:
            if warning not in self.warnings:
                self.warnings.append(warning)
        return settings

    def stored_settings(self) -> dict[str, str]:
        """The settings rows as they are (only the ones someone set)."""
        return {row["key"]: row["value"] for row in self.db.table("settings").rows}

    def setting_values(self) -> dict[str, str]:
        """Every setting, as the app uses it."""
        return self.settings().values()

    def set_setting(self, key: str, value: str) -> Settings:
        stored = validate(key, value)
        with self._write() as db:
            db.table("settings").upsert({"key": key, "value": stored}, pk="key")
            return self.settings()
