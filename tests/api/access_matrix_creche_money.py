"""The crèche's money routes in the access matrix (MONEY part): absences, pre-billing, Caf
reports, FILOUÉ, settings.

Families reach their own absences only (another family's id → 404). Staff: absences are listed
with ``creche.view_absence`` (every staff role: the sections note them), an éviction is noted
with ``creche.add_absence``, an absence qualified and its proof (a medical certificate) read
with ``creche.change_absence`` (administrateur, gestionnaire, coordinateur); the pre-billing,
the Caf reports and FILOUÉ (allocataire numbers, participations) are read with
``creche.view_crechesettings`` (the money staff: administrateur, gestionnaire, coordinateur,
comptable — not the animateur); the settings with ``creche.change_crechesettings``
(administrateur, gestionnaire, coordinateur). The read routes without their query parameters
answer 400 to those allowed: past the gate.

Object kinds (family A's, so parent B gets 404), built by ``tests/support/creche_money.py``::

    from tests.support.creche_money import matrix_absence
    ids["creche_absence"] = matrix_absence(family=family_a).pk            # no proof
    ids["creche_absence_proof"] = matrix_absence(family=family_a, proof=True).pk

(each makes an establishment, a proposed contract of a new toddler of the family and one
declared absence; ``proof=True`` attaches a PDF through the core's upload service). The roles
need the crèche's permissions (``core.accounts.roles.install_roles()`` once the module is on).
``caf_export_format`` is a plain value: ``"csv"``.
"""

from __future__ import annotations

from dataclasses import replace

from tests.api.access_matrix import FAMILY, FILES_MANAGE, FILES_READ, NOBODY, STAFF_ROLES, Rule

PREFIX = "v1:module-creche:"
ABSENCE = {"pk": "creche_absence"}
ABSENCE_PROOF = {"pk": "creche_absence_proof"}
EVERY_STAFF = frozenset(STAFF_ROLES)
MANAGE = FILES_MANAGE
# ``creche.view_crechesettings``: the money staff (the section team does not hold it).
MONEY = FILES_READ


def _family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


def _staff(read, write=NOBODY, ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=read, write=write, ids=ids or {})


RULES: dict[str, Rule] = {
    f"{PREFIX}{name}": replace(rule, module="creche")
    for name, rule in {
        # The family: its absences (declare with a proof), the contracts to name, the proof.
        "creche-absences": _family(),
        "creche-absences-contracts": _family(),
        "creche-absence-proof": _family(ABSENCE_PROOF),
        # The staff.
        "creche-staff-absences": _staff(EVERY_STAFF, MANAGE),
        "creche-staff-absence-qualify": _staff(NOBODY, MANAGE, ABSENCE),
        "creche-staff-absence-proof": _staff(MANAGE, NOBODY, ABSENCE_PROOF),
        "creche-staff-prebilling": _staff(MONEY),
        "creche-staff-caf-report": _staff(MONEY),
        "creche-staff-caf-report-export": _staff(MONEY, NOBODY, {"fmt": "caf_export_format"}),
        "creche-staff-filoue": _staff(MONEY),
        "creche-staff-filoue-csv": _staff(MONEY),
        "creche-staff-settings": _staff(MANAGE, MANAGE),
    }.items()
}
