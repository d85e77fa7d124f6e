"""A finding of a check: where, how serious, what."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Location, one_line


@dataclass(frozen=True)
class Finding:
    where: Location
    severity: str  # warning
    message: str

    def render(self) -> str:
        return one_line(f"{self.where}: {self.severity}: {self.message}")

    def as_dict(self) -> dict:
        return {
            "file": self.where.path,
            "line": self.where.line,
            "col": self.where.col,
            "severity": self.severity,
            "message": self.message,
        }
