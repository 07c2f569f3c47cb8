"""Where the app keeps its settings and recovery files; tests pass a temporary one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

ORGANIZATION = "cnnstudio"
APPLICATION = "CNN Studio"


@dataclass
class AppContext:
    settings: QSettings
    recovery_dir: Path
    persist: bool = True  # False for --screenshot: read nothing personal, write nothing

    @classmethod
    def default(cls, persist: bool = True) -> AppContext:
        settings = QSettings(ORGANIZATION, APPLICATION)
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return cls(settings, Path(base or Path.home() / ".cnnstudio") / "recovery", persist)

    @classmethod
    def temporary(cls, folder: Path, persist: bool = True) -> AppContext:
        """Settings and recovery under ``folder`` (tests, screenshots): never the user's real ones."""
        folder.mkdir(parents=True, exist_ok=True)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        return cls(settings, folder / "recovery", persist)
