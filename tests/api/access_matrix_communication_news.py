"""The news part of the communication layer in the access matrix: actualités, home messages,
téléchargements and « Mes envois ».

Families and staff read the visible news and the home block (each their own side); visitors
read the public news. Downloads and envois are the family's side (envois its own: another
family's id → 404). Staff: news with ``communication.change_newsitem``, home messages with
``communication.change_homemessage``, downloads with ``communication.change_download``, envois
with ``communication.view_familysubmission`` — administrateur, gestionnaire and coordinateur
(``roles._ANNOUNCE``).

Object kinds, built by ``tests/support/communication_news.py`` (in the structure's schema)::

    from tests.support.communication_news import (
        matrix_download, matrix_news_item, matrix_submission,
    )
    ids["communication_news"] = matrix_news_item(family, user, child, label=label).pk
    ids["communication_download"] = matrix_download(family, user, child, label=label).pk
    ids["communication_submission"] = matrix_submission(family, user, child, label=label).pk

``communication_submission`` is family-owned (FAMILY_KINDS); the other two belong to the
structure (every family sees them).
"""

from __future__ import annotations

from tests.api.access_matrix import (
    ADMIN,
    ANYONE,
    COORDINATEUR,
    FAMILY,
    FAMILY_OR_STAFF,
    GESTIONNAIRE,
    NOBODY,
    Rule,
)

NEWS = {"pk": "communication_news"}
DOWNLOAD = {"pk": "communication_download"}
SUBMISSION = {"pk": "communication_submission"}
# roles._ANNOUNCE: news, home messages, downloads, envois.
EDITORS = frozenset({ADMIN, GESTIONNAIRE, COORDINATEUR})


def _readers(ids: dict[str, str] | None = None) -> Rule:
    return Rule(read=FAMILY_OR_STAFF, write=NOBODY, ids=ids or {})


RULES: dict[str, Rule] = {
    # Logged-in families and staff (each their own side); read only.
    "v1:communication-news": _readers(),
    "v1:communication-news-item": _readers(NEWS),
    "v1:communication-news-image": _readers(NEWS),
    "v1:communication-home": _readers(),
    # Visitors of the public page.
    "v1:communication-public-news": Rule(read=ANYONE, write=NOBODY),
    "v1:communication-public-news-image": Rule(read=ANYONE, write=NOBODY, ids=NEWS),
    # Families.
    "v1:communication-downloads": Rule(read=FAMILY, write=NOBODY),
    "v1:communication-download-file": Rule(read=FAMILY, write=NOBODY, ids=DOWNLOAD),
    "v1:communication-submissions": Rule(read=FAMILY, write=FAMILY),
    "v1:communication-submission-file": Rule(read=FAMILY, write=NOBODY, ids=SUBMISSION),
    # Staff.
    "v1:staff-communication-news": Rule(read=EDITORS, write=EDITORS),
    "v1:staff-communication-news-item": Rule(read=EDITORS, write=EDITORS, ids=NEWS),
    "v1:staff-communication-news-image": Rule(read=EDITORS, write=NOBODY, ids=NEWS),
    "v1:staff-communication-home-messages": Rule(read=EDITORS, write=EDITORS),
    "v1:staff-communication-downloads": Rule(read=EDITORS, write=EDITORS),
    "v1:staff-communication-download": Rule(read=EDITORS, write=EDITORS, ids=DOWNLOAD),
    "v1:staff-communication-download-file": Rule(read=EDITORS, write=NOBODY, ids=DOWNLOAD),
    "v1:staff-communication-submissions": Rule(read=EDITORS, write=NOBODY),
    "v1:staff-communication-submission-seen": Rule(read=NOBODY, write=EDITORS, ids=SUBMISSION),
    "v1:staff-communication-submission-file": Rule(read=EDITORS, write=NOBODY, ids=SUBMISSION),
}
