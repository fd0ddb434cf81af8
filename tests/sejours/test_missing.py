"""What a family still has to give for its children's stays: the documents a wished stay asks
for on top of the module's own and the signed contract once a place is accepted — requested by
the module, offered for upload and listed as missing by the core —; then « Votre demande est
complète »."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.accounts.roles import Role
from core.documents.models import DocumentType
from core.documents.services import document_requirements, review_document, upload_document
from core.families.services.missing import missing_items
from modules.sejours.models import Wish
from modules.sejours.services.missing import stay_missing_items, stay_requested_documents
from tests.support.booking import PDF, complete_file
from tests.support.factories import make_family, make_user
from tests.support.sejours import make_campaign, make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def doc_type(code: str) -> DocumentType:
    return DocumentType.objects.get(default_key=f"sejours.{code}")


def send(family, document_type, child=None, *, accept_by=None):
    document = upload_document(
        family=family,
        document_type=document_type,
        file=SimpleUploadedFile("piece.pdf", PDF, content_type="application/pdf"),
        child=child,
        valid_until=date(2099, 12, 31),
        user=family.parent,
    )
    if accept_by is not None:
        review_document(document=document, accept=True, by=accept_by)
    return document


@pytest.fixture
def gestionnaire(alpha):
    return make_user(role=Role.GESTIONNAIRE)


@pytest.fixture
def abroad(alpha):
    stay = make_stay(name="Espagne", campaign=make_campaign(), country="Espagne")
    stay.document_types.add(doc_type("sortie_territoire"), doc_type("assurance"))
    return stay


def stay_items(family, child=None) -> list:
    """The file's missing items that only the séjours ask for (the stays' own documents,
    the contract), as the core lists them."""
    own = {t.pk for t, _ in stay_requested_documents(family=family, child=child)}
    return [
        i
        for i in missing_items(family=family, child=child, module="sejours")
        if i.kind == "module" or (i.kind == "document" and int(i.code.split(":")[1]) in own)
    ]


def test_nothing_is_asked_of_a_child_without_a_live_wish(family, abroad):
    child = family.children.get()
    assert stay_requested_documents(family=family) == []
    make_wish(child=child, stay=abroad, status=Wish.STATUS_WITHDRAWN)
    assert stay_requested_documents(family=family) == []


def test_a_wished_stays_own_document_is_missing_until_accepted(family, abroad, gestionnaire):
    child = family.children.get()
    make_wish(child=child, stay=abroad)
    sortie = doc_type("sortie_territoire")

    # The assurance is a required type of the module: requested of everyone, not per stay.
    assert stay_requested_documents(family=family) == [(sortie, child)]
    items = stay_items(family)
    assert [(i.kind, i.label, i.child_id) for i in items] == [
        ("document", "Autorisation de sortie du territoire", child.pk)
    ]
    offered = [(r.document_type, r.child) for r in document_requirements(family=family)]
    assert (sortie, child) in offered  # « Mes documents » offers its upload

    document = send(family, sortie, child)
    assert stay_items(family)[0].label.endswith("(en attente de vérification)")
    review_document(document=document, accept=True, by=gestionnaire)
    assert stay_items(family) == []


def test_a_document_not_reviewed_counts_once_sent(family, abroad):
    sortie = doc_type("sortie_territoire")
    sortie.requires_review = False
    sortie.save(update_fields=["requires_review"])
    child = family.children.get()
    make_wish(child=child, stay=abroad)
    send(family, sortie, child)
    assert stay_items(family) == []


def test_an_accepted_place_asks_for_the_contract_signed_after_it(family, abroad, gestionnaire):
    child = family.children.get()
    contract = doc_type("contrat_sejour")
    old = send(family, contract, child, accept_by=gestionnaire)
    type(old).objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=300))
    wish = make_wish(
        child=child, stay=abroad, status=Wish.STATUS_ACCEPTED, accepted_at=timezone.now()
    )
    send(family, doc_type("sortie_territoire"), child, accept_by=gestionnaire)

    items = stay_missing_items(family=family, child=child)
    assert [(i.code, i.label) for i in items] == [
        (
            f"sejours:contrat:{wish.pk}",
            "Contrat d'accueil signé — Espagne (à signer pour ce séjour)",
        )
    ]
    assert [i.code for i in stay_items(family, child)] == [f"sejours:contrat:{wish.pk}"]
    send(family, contract, child, accept_by=gestionnaire)
    assert stay_items(family, child) == []


def test_an_accepted_place_without_any_contract_has_it_listed_by_the_core(family, abroad):
    child = family.children.get()
    make_wish(child=child, stay=abroad, status=Wish.STATUS_ACCEPTED, accepted_at=timezone.now())
    contract = doc_type("contrat_sejour")

    assert [i.code for i in stay_items(family, child) if i.kind == "document"] == [
        f"document:{doc_type('sortie_territoire').pk}:child:{child.pk}",
        f"document:{contract.pk}:child:{child.pk}",
    ]


def test_the_core_list_carries_the_hooks_items_only_for_the_child_asked(alpha, abroad):
    family, _ = make_family(children=2)
    first, second = family.children.order_by("first_name")
    make_wish(child=first, stay=abroad)

    sortie = doc_type("sortie_territoire").pk
    codes = [i.code for i in missing_items(family=family, child=second, module="sejours")]
    assert not [c for c in codes if c.startswith(f"document:{sortie}:")]
    codes = [i.code for i in missing_items(family=family, child=first, module="sejours")]
    assert f"document:{sortie}:child:{first.pk}" in codes


def test_the_file_endpoint_lists_links_then_says_complete(family, parent, abroad, gestionnaire):
    child = family.children.get()
    make_wish(child=child, stay=abroad)
    url = f"/api/v1/sejours/children/{child.pk}/file"

    body = parent.get(url).json()
    assert body["complete"] is False and body["message"] == ""
    assert "Autorisation de sortie du territoire" in [i["label"] for i in body["items"]]
    assert all(i["link"].startswith("/") for i in body["items"])

    complete_file(family, staff_user=gestionnaire)
    send(family, doc_type("sortie_territoire"), child, accept_by=gestionnaire)
    body = parent.get(url).json()
    assert body == {
        "complete": True,
        "message": "Votre demande est complète. Le coordinateur séjours reviendra vers vous.",
        "items": [],
    }


def test_another_familys_child_file_is_a_404(family, parent):
    other, _ = make_family()
    response = parent.get(f"/api/v1/sejours/children/{other.children.get().pk}/file")
    assert response.status_code == 404


def test_the_hook_reads_a_fixed_number_of_queries(alpha, abroad, django_assert_max_num_queries):
    family, _ = make_family(children=3)
    for kid in family.children.all():
        make_wish(child=kid, stay=abroad)
        other = make_stay(name=f"Autre {kid.pk}", campaign=abroad.campaign, country="Italie")
        other.document_types.add(doc_type("piece_identite"))
        make_wish(child=kid, stay=other, rank=2, status=Wish.STATUS_ACCEPTED)

    with django_assert_max_num_queries(4):
        slots = stay_requested_documents(family=family)
    assert len(slots) == 9  # per child: sortie de territoire, pièce d'identité, contrat
    with django_assert_max_num_queries(4):
        assert stay_missing_items(family=family) == []
