"""The announcements routes in the access matrix (ANNOUNCEMENTS part): the staff's editor,
sending, progress and receipts; the families' copies; the notification preferences; the
unsubscribe link.

Staff: read with ``communication.view_announcement``, written with
``communication.add_announcement`` — both held by the administrateur, the gestionnaire and the
coordinateur (``_ANNOUNCE`` in ``core/accounts/roles.py``), not by the comptable nor the
animateur. The announcement of the ids is already queued: PATCH, DELETE, send and the
attachment's DELETE answer a French 400 (past the gate).

Families: the guardian's own copies only; family A's announcement → 404 for parent B (the
object kinds ``announcement`` and ``announcement_attachment`` belong in ``FAMILY_KINDS``).
Preferences: any signed-in account. Unsubscribe: anyone (the signed token decides; an empty
one → 400).

Object kinds, built by ``tests/support/communication_announcements.py``::

    from tests.support.communication_announcements import announcements_matrix_objects
    **announcements_matrix_objects(family, user, child, label=label)
    # → {"announcement": <pk>, "announcement_attachment": <pk of its attachment>}

(an announcement hand-picked to ``family``, queued — its recipient rows exist — with one PDF
attachment).
"""

from __future__ import annotations

from tests.api.access_matrix import (
    ANYONE,
    FAMILY,
    FILES_MANAGE,
    NOBODY,
    SIGNED_IN,
    Rule,
)

PREFIX = "v1:"
# ``communication.view_announcement`` / ``add_announcement``: the same three roles.
ANNOUNCE = FILES_MANAGE
ANNOUNCEMENT = {"pk": "announcement"}
ATTACHMENT = {"pk": "announcement", "attachment_id": "announcement_attachment"}


def _staff(read, write=NOBODY, ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=read, write=write, ids=ids or {})


def _family(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY, write=FAMILY, ids=ids or {})


RULES: dict[str, Rule] = {
    f"{PREFIX}{name}": rule
    for name, rule in {
        # Staff.
        "staff-communication-announcements": _staff(ANNOUNCE, ANNOUNCE),
        "staff-communication-announcement": _staff(ANNOUNCE, ANNOUNCE, ANNOUNCEMENT),
        "staff-communication-announcement-attachments": _staff(ANNOUNCE, ANNOUNCE, ANNOUNCEMENT),
        "staff-communication-announcement-attachment": _staff(ANNOUNCE, ANNOUNCE, ATTACHMENT),
        "staff-communication-announcement-attachment-file": _staff(ANNOUNCE, NOBODY, ATTACHMENT),
        "staff-communication-announcement-preview": _staff(ANNOUNCE, ANNOUNCE),
        "staff-communication-announcement-send": _staff(ANNOUNCE, ANNOUNCE, ANNOUNCEMENT),
        "staff-communication-announcement-progress": _staff(ANNOUNCE, NOBODY, ANNOUNCEMENT),
        "staff-communication-announcement-receipts": _staff(ANNOUNCE, NOBODY, ANNOUNCEMENT),
        "staff-communication-target-options": _staff(ANNOUNCE),
        # Families: their own copies.
        "communication-announcements": _family(),
        "communication-announcement": _family(ANNOUNCEMENT),
        "communication-announcement-attachment-file": _family(ATTACHMENT),
        # Any account; no session.
        "communication-preferences": Rule(read=SIGNED_IN, write=SIGNED_IN),
        "communication-unsubscribe": Rule(read=ANYONE, write=ANYONE),
    }.items()
}
