"""Access rules of the communication layer's messaging routes (merged into the matrix).

Families reach their own threads and the files of their visible messages (another family's
id → 404). Staff read and answer with ``communication.view_thread`` / ``change_thread`` (every
staff role; the services a role reads are narrowed by ``ServiceAccess``, tested in
``tests/communication/test_messaging_staff.py``: the matrix's thread is on a service every role
reads; ``my-services``, the inbox's filters, is read by every staff role); quick replies are
written with ``communication.change_quickreply`` (administrateur, gestionnaire); the
configuration with ``communication.change_service`` and ``change_communicationsettings``
(administrateur).

Object kinds, built by ``tests.support.communication_messaging.matrix_objects(family, user,
child, *, label)``: ``communication_thread`` and ``communication_attachment`` (family-owned:
add both to ``FAMILY_KINDS``), ``communication_quick_reply``, ``communication_service``,
``communication_theme`` (the structure's).
"""

from __future__ import annotations

from tests.api.access_matrix import (
    ADMIN,
    ADMIN_ONLY,
    FAMILY,
    GESTIONNAIRE,
    NOBODY,
    STAFF_ROLES,
    Rule,
    staff,
)

EVERY_STAFF = frozenset(STAFF_ROLES)
QUICK_REPLIES = frozenset({ADMIN, GESTIONNAIRE})
THREAD = {"pk": "communication_thread"}
ATTACHMENT = {"pk": "communication_attachment"}


def _family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


STAFF = "staff-communication"

RULES: dict[str, Rule] = {
    f"v1:{name}": rule
    for name, rule in {
        # Families
        "communication-services": _family(),
        "communication-threads": _family(),
        "communication-thread": _family(THREAD),
        "communication-thread-messages": _family(THREAD),
        "communication-attachment-file": _family(ATTACHMENT),
        "communication-unread": _family(),
        # Staff: the inbox
        f"{STAFF}-threads": staff(EVERY_STAFF),
        f"{STAFF}-thread": staff(EVERY_STAFF, NOBODY, THREAD),
        f"{STAFF}-thread-messages": staff(NOBODY, EVERY_STAFF, THREAD),
        f"{STAFF}-thread-assign": staff(NOBODY, EVERY_STAFF, THREAD),
        f"{STAFF}-thread-close": staff(NOBODY, EVERY_STAFF, THREAD),
        f"{STAFF}-thread-reopen": staff(NOBODY, EVERY_STAFF, THREAD),
        f"{STAFF}-assignees": staff(EVERY_STAFF),
        f"{STAFF}-my-services": staff(EVERY_STAFF),
        f"{STAFF}-attachment-file": staff(EVERY_STAFF, NOBODY, ATTACHMENT),
        f"{STAFF}-unread": staff(EVERY_STAFF),
        f"{STAFF}-quick-replies": staff(EVERY_STAFF, QUICK_REPLIES),
        f"{STAFF}-quick-reply": staff(NOBODY, QUICK_REPLIES, {"pk": "communication_quick_reply"}),
        # Staff: configuration
        f"{STAFF}-services": staff(ADMIN_ONLY, ADMIN_ONLY),
        f"{STAFF}-service": staff(NOBODY, ADMIN_ONLY, {"pk": "communication_service"}),
        f"{STAFF}-service-themes": staff(NOBODY, ADMIN_ONLY, {"pk": "communication_service"}),
        f"{STAFF}-theme": staff(NOBODY, ADMIN_ONLY, {"pk": "communication_theme"}),
        f"{STAFF}-access": staff(ADMIN_ONLY, ADMIN_ONLY),
        f"{STAFF}-settings": staff(ADMIN_ONLY, ADMIN_ONLY),
    }.items()
}
