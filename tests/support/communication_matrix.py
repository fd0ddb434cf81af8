"""The communication layer's objects for the access matrix and the API fuzzing, each part's
builder making its own."""

from __future__ import annotations


def communication_objects(family, user, child, *, label: str) -> dict[str, object]:
    from tests.support.communication_announcements import announcements_matrix_objects
    from tests.support.communication_messaging import matrix_objects as messaging_objects
    from tests.support.communication_news import (
        matrix_download,
        matrix_news_item,
        matrix_submission,
    )

    return {
        **messaging_objects(family, user, child, label=label),
        **announcements_matrix_objects(family, user, child, label=label),
        "communication_news": matrix_news_item(family, user, child, label=label).pk,
        "communication_download": matrix_download(family, user, child, label=label).pk,
        "communication_submission": matrix_submission(family, user, child, label=label).pk,
    }
