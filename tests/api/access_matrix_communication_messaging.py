"""Access rules of the communication layer's messaging routes (merged into the matrix)."""

from __future__ import annotations

from tests.api.access_matrix import Rule

RULES: dict[str, Rule] = {}
