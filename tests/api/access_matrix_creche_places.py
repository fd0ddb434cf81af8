"""The crèche's PLACES part in the access matrix: establishments, the day's board, the
pointage and the occasional care. ``RULES`` maps each route name to its rule, as
``access_matrix_sejours.SEJOURS`` does; the integrator merges it into ``MATRIX``.

Objects the ids name (built by ``tests/support/creche.py``):
- ``establishment``: ``make_establishment()``;
- ``establishment_closure``: ``make_closure(establishment, start, end)`` (its ``pk``);
- ``presence``: ``make_presence(child=..., establishment=...)``.
"""

from __future__ import annotations

from dataclasses import replace

from tests.api.access_matrix import (
    ADMIN,
    ATTENDANCE_MARK,
    COORDINATEUR,
    FAMILY,
    GESTIONNAIRE,
    NOBODY,
    STAFF_ROLES,
    Rule,
)

# ``modules/creche/permissions.py``: every staff role reads the establishments and the board
# (the comptable checks the month, the animateur runs the day); the direction sets them up and
# decides on occasional care; the team in the sections does the pointage.
SEE = frozenset(STAFF_ROLES)
MANAGE = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR})
POINTAGE = ATTENDANCE_MARK

PREFIX = "v1:module-creche:"
ESTABLISHMENT = {"pk": "establishment"}


def _staff(read, write=NOBODY, ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=read, write=write, ids=ids or {})


def _family() -> Rule:
    return Rule(read=FAMILY, write=FAMILY)


RULES: dict[str, Rule] = {
    f"{PREFIX}{name}": replace(rule, module="creche")
    for name, rule in {
        "creche-staff-establishments": _staff(SEE, MANAGE),
        "creche-staff-establishment": _staff(SEE, MANAGE, ESTABLISHMENT),
        "creche-staff-closures": _staff(NOBODY, MANAGE, ESTABLISHMENT),
        "creche-staff-closure": _staff(
            NOBODY, MANAGE, {"pk": "establishment", "closure_id": "establishment_closure"}
        ),
        "creche-staff-board": _staff(SEE),
        "creche-staff-clock": _staff(NOBODY, POINTAGE),
        "creche-staff-presence-correct": _staff(NOBODY, POINTAGE),
        "creche-staff-presence-history": _staff(SEE, ids={"pk": "presence"}),
        "creche-staff-occasional": _staff(SEE),
        "creche-staff-occasional-decide": _staff(NOBODY, MANAGE),
        "creche-occasional": _family(),
        "creche-occasional-bookings": _family(),
        "creche-occasional-cancel": _family(),
        "creche-door": _family(),
    }.items()
}
