"""The crèche's contracts, avenants and signature in the access matrix (CONTRACTS part).

Families reach their own contracts only, from the proposal on (another family's id, or a
draft, → 404). Staff read with ``creche.view_contract`` (every staff role: the animateur sees
who is expected), create with ``creche.add_contract`` and change with ``creche.change_contract``
(administrateur, gestionnaire, coordinateur). The simulation computes without saving: a POST
for whoever reads contracts.

Object kind ``creche_contract``: a contract of family A's toddler, **proposed** (so the family
sees it, signs it and downloads its PDF), built by
``tests.support.creche_contracts.matrix_objects(family=family_a, label=label)`` (returns
``{"creche_contract": pk}``; a family kind: parent B gets 404). The roles need the
crèche's permissions (``core.accounts.roles.install_roles()`` once the module is on).
"""

from __future__ import annotations

from dataclasses import replace

from tests.api.access_matrix import FAMILY, FILES_MANAGE, NOBODY, STAFF_ROLES, Rule

PREFIX = "v1:module-creche:"
CONTRACT = {"pk": "creche_contract"}
CONTRACTS_READ = frozenset(STAFF_ROLES)
CONTRACTS_CHANGE = FILES_MANAGE


def _family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


def _staff(read, write=NOBODY, ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=read, write=write, ids=ids or {})


RULES: dict[str, Rule] = {
    f"{PREFIX}{name}": replace(rule, module="creche")
    for name, rule in {
        # The family: its contracts, sign online or by upload, the pre-filled PDF.
        "contracts": _family(),
        "contract": _family(CONTRACT),
        "contract-accept": _family(CONTRACT),
        "contract-filoue-consent": _family(CONTRACT),
        "contract-upload": _family(CONTRACT),
        "contract-pdf": _family(CONTRACT),
        # The staff.
        "staff-contracts": _staff(CONTRACTS_READ, CONTRACTS_CHANGE),
        "staff-contract-options": _staff(CONTRACTS_READ),
        "staff-contract-children": _staff(CONTRACTS_READ),
        "staff-contract-prefill": _staff(CONTRACTS_READ),
        "staff-contract-simulation": _staff(NOBODY, CONTRACTS_READ),
        "staff-contract": _staff(CONTRACTS_READ, CONTRACTS_CHANGE, CONTRACT),
        "staff-contract-pdf": _staff(CONTRACTS_READ, ids=CONTRACT),
        "staff-contract-propose": _staff(NOBODY, CONTRACTS_CHANGE, CONTRACT),
        "staff-contract-cancel": _staff(NOBODY, CONTRACTS_CHANGE, CONTRACT),
        "staff-contract-paper": _staff(NOBODY, CONTRACTS_CHANGE, CONTRACT),
        "staff-contract-amendments": _staff(NOBODY, CONTRACTS_CHANGE, CONTRACT),
        "staff-contract-end": _staff(NOBODY, CONTRACTS_CHANGE, CONTRACT),
    }.items()
}
