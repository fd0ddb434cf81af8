"""What each role of the structure may do in the crèche (``Module.role_permissions``).

The API views ask for these Django permissions (``StaffPermission.required_permissions``);
the core grants them to the structure's roles while the module is enabled. Deny by default: a
role missing here sees none of the crèche's staff routes.
"""

from __future__ import annotations

MODELS = (
    "establishment",
    "placerequest",
    "contract",
    "contractterms",
    "presence",
    "absence",
    "crechesettings",
)


def _all(*actions: str) -> list[str]:
    return [f"creche.{action}_{model}" for model in MODELS for action in actions]


MANAGE = _all("view", "add", "change", "delete")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The direction of the crèche and the structure's managers run everything.
    "administrateur": MANAGE,
    "gestionnaire": MANAGE,
    "coordinateur": MANAGE,
    # The accountant checks the month before billing and sends the Caf its reports. The money
    # exports (pre-billing, Caf reports, FILOUÉ) ask for ``view_crechesettings``, which only
    # the money staff hold.
    "comptable": _all("view"),
    # The team in the sections: the day's board, the pointage, the absences they note. Not
    # the money exports (no ``view_crechesettings``: allocataire numbers, participations) nor
    # the absences' proofs (``change_absence``: medical certificates).
    "animateur": [
        "creche.view_establishment",
        "creche.view_contract",
        "creche.view_presence",
        "creche.add_presence",
        "creche.change_presence",
        "creche.view_absence",
    ],
}
