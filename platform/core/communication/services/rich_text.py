"""Rich text staff write (news, announcements), cleaned on the server with nh3 (Ammonia).

Only what a message needs survives: paragraphs, line breaks, bold, italics, lists and links to
web pages or e-mail addresses. Scripts, styles, event handlers and ``javascript:`` links are
removed whatever the editor sent.
"""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def clean_html(value: str) -> str:
    """The safe subset of ``value`` (links get ``rel="noopener noreferrer"``)."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(value: str) -> str:
    """The text of cleaned HTML, for e-mails' text part and SMS."""
    text = nh3.clean(value or "", tags=set(), attributes={})
    return html.unescape(" ".join(text.split()))
