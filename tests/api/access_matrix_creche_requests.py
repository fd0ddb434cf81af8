"""The crèche's place requests and commission in the access matrix (REQUESTS part).

Families reach their own requests only (another family's id → 404); the commission reads
with ``creche.view_placerequest`` (administrateur, gestionnaire, coordinateur, comptable) and
decides with ``creche.change_placerequest`` (administrateur, gestionnaire, coordinateur); the
animateur sees none of it. Object kind ``place_request``: family A's request (a family kind:
parent B gets 404), built by ``tests.support.creche_requests.make_place_request(family=...,
establishments=[make_establishment()])``.
"""

from __future__ import annotations

from dataclasses import replace

from tests.api.access_matrix import FAMILY, FILES_MANAGE, FILES_READ, NOBODY, Rule

PREFIX = "v1:module-creche:"
REQUEST = {"pk": "place_request"}
COMMISSION_READ = FILES_READ
COMMISSION_DECIDE = FILES_MANAGE


def _family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


def _staff(read, write=NOBODY, ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=read, write=write, ids=ids or {})


RULES: dict[str, Rule] = {
    f"{PREFIX}{name}": replace(rule, module="creche")
    for name, rule in {
        # The family: the form's options, its requests, withdraw, renew, answer an offer.
        "request-options": _family(),
        "requests": _family(),
        "request": _family(REQUEST),
        "request-withdraw": _family(REQUEST),
        "request-renew": _family(REQUEST),
        "request-accept": _family(REQUEST),
        "request-decline": _family(REQUEST),
        # The commission.
        "staff-requests": _staff(COMMISSION_READ),
        "staff-request": _staff(COMMISSION_READ, ids=REQUEST),
        "staff-request-offer": _staff(NOBODY, COMMISSION_DECIDE, REQUEST),
        "staff-request-waitlist": _staff(NOBODY, COMMISSION_DECIDE, REQUEST),
        "staff-request-refuse": _staff(NOBODY, COMMISSION_DECIDE, REQUEST),
        # Reads the free places (POST for the schedule it sends): whoever reads requests.
        "staff-request-availability": _staff(NOBODY, COMMISSION_READ, REQUEST),
    }.items()
}
