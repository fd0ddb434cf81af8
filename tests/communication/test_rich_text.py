"""``services/rich_text.py``: only paragraphs, line breaks, bold, italics, lists and web/mail
links survive; hostile payloads are disarmed."""

from __future__ import annotations

import pytest

from core.communication.services.rich_text import clean_html, plain_text

HOSTILE = [
    ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
    ('<img src=x onerror="alert(1)">', ""),
    ('<p onclick="steal()">texte</p>', "<p>texte</p>"),
    ('<a href="javascript:alert(1)">lien</a>', '<a rel="noopener noreferrer">lien</a>'),
    ('<a href="JaVaScRiPt:alert(1)">lien</a>', '<a rel="noopener noreferrer">lien</a>'),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ("<style>body{display:none}</style><p>a</p>", "<p>a</p>"),
    ('<iframe src="https://evil.example"></iframe>', ""),
    ("<svg><script>alert(1)</script></svg>", ""),
    ('<p style="position:fixed">a</p>', "<p>a</p>"),
    ("<!-- <script>x</script> --><p>a</p>", "<p>a</p>"),
    ('<form action="https://evil.example"><input name="password"></form>', ""),
]


@pytest.mark.parametrize("payload, expected", HOSTILE)
def test_hostile_payloads_are_removed(payload, expected):
    assert clean_html(payload) == expected


def test_allowed_markup_survives_and_links_get_rel():
    html = (
        "<p>Bonjour <strong>à</strong> <em>tous</em><br>"
        '<a href="https://mairie.example/menu">menu</a> '
        '<a href="mailto:accueil@mairie.example">écrire</a></p>'
        "<ul><li>un</li></ul><ol><li>deux</li></ol>"
    )
    cleaned = clean_html(html)
    assert '<a href="https://mairie.example/menu" rel="noopener noreferrer">menu</a>' in cleaned
    assert 'href="mailto:accueil@mairie.example"' in cleaned
    for tag in ("<strong>", "<em>", "<br>", "<ul>", "<ol>", "<li>"):
        assert tag in cleaned


def test_plain_text_of_cleaned_html():
    assert plain_text("<p>Bonjour&nbsp;<strong>à</strong>\n tous &amp; merci</p>") == (
        "Bonjour\xa0à tous & merci"
    )
    assert plain_text("") == ""
