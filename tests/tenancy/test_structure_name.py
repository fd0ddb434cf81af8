"""The structure's name in a French sentence: « le portail des Colos du Vercors », « d'Enfance
Val de Brenne », never « de Les Colos » nor « de Enfance ». A default guessed from the name, an
operator's setting to correct it (``Tenant.name_article``), used by the e-mails, the API
(``name_with_de``) and the SPA."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client

from core.accounts.models import User
from core.families.services.notifications import notify_account_validated
from core.tenancy.constants import NameArticle
from core.tenancy.grammar import default_article, name_with_de, with_de
from tenants.models import Tenant
from tests.support.clients import client_ip
from tests.support.factories import make_family


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Les Colos du Vercors", "des Colos du Vercors"),
        ("Le Relais des Petits", "du Relais des Petits"),
        ("Enfance Val de Brenne", "d'Enfance Val de Brenne"),
        ("Mairie de Saint-Alban-sur-Loire", "de Mairie de Saint-Alban-sur-Loire"),
        # Accents and apostrophes: elision before any vowel and before h.
        ("Île-de-France Loisirs", "d'Île-de-France Loisirs"),
        ("Écoles de Lans", "d'Écoles de Lans"),
        ("Hôpital Nord", "d'Hôpital Nord"),
        ("Accueil d'Alpha", "d'Accueil d'Alpha"),
        ("La Maison des Enfants", "de la Maison des Enfants"),
        ("L'Escale", "de l'Escale"),
        ("L’Escale", "de l'Escale"),
        # Only a whole leading article counts.
        ("Lesneven Jeunesse", "de Lesneven Jeunesse"),
        ("Leroy Loisirs", "de Leroy Loisirs"),
        ("  les colos  ", "des colos"),
    ],
)
def test_default_from_the_name(name, expected):
    assert name_with_de(name) == expected
    assert name_with_de(name, NameArticle.AUTO) == expected


def test_default_article_of_the_four_cases():
    assert default_article("Les Colos du Vercors") == NameArticle.DES
    assert default_article("Le Relais") == NameArticle.DU
    assert default_article("Enfance Val de Brenne") == NameArticle.ELISION
    assert default_article("Mairie d'Alpha") == NameArticle.DE


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (NameArticle.DE_LA, "de la Mairie de Saint-Alban"),
        (NameArticle.DE, "de Mairie de Saint-Alban"),
        (NameArticle.DU, "du Mairie de Saint-Alban"),
        (NameArticle.ELISION, "d'Mairie de Saint-Alban"),  # the operator's choice, as set
    ],
)
def test_the_operators_setting_overrides_the_default(article, expected):
    assert name_with_de("Mairie de Saint-Alban", article) == expected
    assert Tenant(name="Mairie de Saint-Alban", name_article=article).name_with_de == expected


def test_the_setting_drops_the_article_the_name_starts_with():
    assert name_with_de("Les Colos", NameArticle.DES) == "des Colos"
    assert name_with_de("Centre social", NameArticle.DU) == "du Centre social"
    assert name_with_de("Hôpital Nord", NameArticle.DE_L) == "de l'Hôpital Nord"
    assert Tenant(name="Les Colos du Vercors").name_with_de == "des Colos du Vercors"


def test_structure_api_gives_name_with_de(alpha, alpha_client, django_capture_on_commit_callbacks):
    body = alpha_client.get("/api/v1/structure/").json()
    assert body["name"] == "Mairie d'Alpha"
    assert body["name_with_de"] == "de Mairie d'Alpha"

    alpha.name_article = NameArticle.DE_LA
    with django_capture_on_commit_callbacks(execute=True):
        alpha.save()  # the host cache is invalidated once the change commits
    assert alpha_client.get("/api/v1/structure/").json()["name_with_de"] == "de la Mairie d'Alpha"


def test_emails_say_the_structure_name_after_de(alpha, django_capture_on_commit_callbacks):
    alpha.name, alpha.name_article = "Les Colos du Vercors", NameArticle.AUTO
    family, _ = make_family(tenant=alpha)
    with django_capture_on_commit_callbacks(execute=True):
        notify_account_validated(family=family)
    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    assert "sur le portail des Colos du Vercors a été validé" in message.body
    assert "sur le portail <strong>des Colos du Vercors</strong>" in html
    for text in (message.body, html):
        assert "de Les" not in text

    alpha.name = "Enfance Val de Brenne"
    invitation = render_to_string("accounts/email/invitation.txt", {"structure": alpha})
    assert "portail familles d'Enfance Val de Brenne." in invitation
    page = render_to_string("tenants/suspended.html", {"tenant": alpha})
    assert "Le portail d&#x27;Enfance Val de Brenne est momentanément indisponible" in page


def test_operator_sets_it_in_the_console(tenants, db):
    beta = tenants["beta"]
    connection.set_schema_to_public()
    operator = User.objects.create_superuser(email="ops@marelle.example", password="Operateur2026")
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())
    client.force_login(operator)
    page = client.get(f"/admin/tenants/tenant/{beta.pk}/change/").content.decode()
    assert 'name="name_article"' in page and "Automatique (d&#x27;après le nom)" in page

    response = client.post(
        f"/admin/tenants/tenant/{beta.pk}/change/",
        {
            "name": beta.name,
            "name_article": "de l'",
            "kind": beta.kind,
            "modules": beta.modules,
            "time_zone": beta.time_zone,
            "holiday_zone": beta.holiday_zone,
            "primary_color": beta.primary_color,
            "domains-TOTAL_FORMS": "0",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    beta.refresh_from_db()
    assert beta.name_article == "de l'"
    assert beta.name_with_de == "de l'Association Bêta"

    add_page = client.get("/admin/tenants/tenant/add/").content.decode()
    assert 'name="name_article"' in add_page


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Emma", "d'Emma"), ("Hugo", "d'Hugo"), ("Éloïse", "d'Éloïse"), ("Léo", "de Léo")],
)
def test_a_first_name_after_de_is_elided_before_a_vowel(name, expected):
    assert with_de(name) == expected
    rendered = Template("{% load french %}{{ name|de }}").render(Context({"name": name}))
    assert html.unescape(rendered) == expected
