"""The séjours module's routes in the access matrix (``access_matrix.MATRIX`` includes them).

The matrix test enables the module on its structure for them (``Rule.module``); the fuzzing
structure runs the périscolaire only, where they answer 404 as if absent.
"""

from __future__ import annotations

from dataclasses import replace

from tests.api.access_matrix import (
    ADMIN,
    ANYONE,
    CATALOG_SEE,
    COMPTABLE,
    COORDINATEUR,
    FAMILY,
    FILES_MANAGE,
    GESTIONNAIRE,
    NOBODY,
    Rule,
)

# Stays and campaigns: every staff role reads them (the animateur prepares the departure),
# those who manage families change them. The money of a place: the same, with the comptable.
STAYS_SEE = CATALOG_SEE
STAYS_CHANGE = FILES_MANAGE
COMMISSION = FILES_MANAGE
PLACE_MONEY = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR, COMPTABLE})


def _family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


def _staff(read, write=NOBODY, ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=read, write=write, ids=ids or {})


PREFIX = "v1:module-sejours:"
STAY = {"pk": "stay"}
PLACE = {"wish_id": "place"}

SEJOURS: dict[str, Rule] = {
    f"{PREFIX}{name}": replace(rule, module="sejours")
    for name, rule in {
        # The catalogue is public: anyone browses the stays.
        "activity-kinds": Rule(read=ANYONE, write=ANYONE),
        "catalogue-stays": Rule(read=ANYONE, write=ANYONE),
        "catalogue-stay": Rule(read=ANYONE, write=ANYONE, ids=STAY),
        "catalogue-media": Rule(
            read=ANYONE, write=ANYONE, ids={"pk": "stay", "media_id": "stay_media"}
        ),
        # The family: its wishes, its places, their documents and money.
        "wishes-campaign": _family(),
        "wishes-child": _family({"child_id": "child"}),
        "wishes-withdraw": _family({"child_id": "child", "wish_id": "wish"}),
        "wishes-file": _family({"child_id": "child"}),
        "stay-book": _family(STAY),
        "places": _family(),
        "place": _family(PLACE),
        "place-accept": _family(PLACE),
        "place-decline": _family(PLACE),
        "place-contract": _family(PLACE),
        "place-convocation": _family({"wish_id": "accepted_place"}),
        "place-account": _family(PLACE),
        "place-cancel": _family(PLACE),
        # The coordinators: stays, campaigns, settings.
        "staff-stays": _staff(STAYS_SEE, STAYS_CHANGE),
        "staff-stay": _staff(STAYS_SEE, STAYS_CHANGE, STAY),
        "staff-stay-copy": _staff(NOBODY, STAYS_CHANGE, STAY),
        "staff-stay-media": _staff(NOBODY, STAYS_CHANGE, STAY),
        "staff-stay-media-item": _staff(
            NOBODY, STAYS_CHANGE, {"pk": "stay", "media_id": "stay_media"}
        ),
        "staff-campaigns": _staff(STAYS_SEE, STAYS_CHANGE),
        "staff-campaign": _staff(STAYS_SEE, STAYS_CHANGE, {"pk": "campaign"}),
        "staff-settings": _staff(STAYS_SEE, STAYS_CHANGE),
        "staff-stay-convocations": _staff(NOBODY, STAYS_CHANGE, {"stay_id": "stay"}),
        # The commission and the follow-up lists (health data: not the comptable's).
        "staff-commission-campaigns": _staff(COMMISSION),
        "staff-commission": _staff(COMMISSION, ids={"pk": "campaign"}),
        "staff-runs": _staff(NOBODY, COMMISSION, {"pk": "campaign"}),
        "staff-run-moves": _staff(NOBODY, COMMISSION, {"pk": "allocation_run"}),
        "staff-run-publish": _staff(NOBODY, COMMISSION, {"pk": "allocation_run"}),
        "staff-stay-follow-up": _staff(COMMISSION, ids=STAY),
        "staff-stay-export": _staff(
            COMMISSION, ids={"pk": "stay", "kind": "export_kind", "fmt": "export_format"}
        ),
        # The money of a place.
        "staff-place-account": _staff(PLACE_MONEY, ids=PLACE),
        "staff-place-aids": _staff(NOBODY, PLACE_MONEY, PLACE),
        "staff-place-aid": _staff(NOBODY, PLACE_MONEY, {"wish_id": "place", "aid_id": "aid"}),
        "staff-place-cancel": _staff(NOBODY, PLACE_MONEY, PLACE),
        "staff-stay-cancel": _staff(PLACE_MONEY, PLACE_MONEY, {"stay_id": "stay"}),
    }.items()
}
