"""Messaging, the family's side: writing to the structure, replies, isolation, internal notes,
attachments (checked before anything is stored), unread counters."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django_tenants.utils import tenant_context

from core.communication.models import Attachment, Message, Thread
from core.communication.services.threads import post_staff_message
from tests.support.communication_messaging import (
    PDF,
    World,
    first_theme,
    make_thread,
    pdf_file,
    png_file,
    service,
)
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

THREADS = "/api/v1/communication/threads/"


@pytest.fixture
def world(alpha):
    return World(alpha)


@pytest.fixture
def parent(world):
    return world.client(world.parent)


def stored_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def write(client, *, key="accueil", files=(), **fields):
    desk = service(key)
    data = {
        "service": desk.pk,
        "theme": first_theme(desk).pk,
        "subject": "Absence de Léa",
        "text": "Léa sera absente lundi.",
        **fields,
    }
    if files:
        data["attachments"] = list(files)
    return client.post(THREADS, data)


# Writing ---------------------------------------------------------------------------------------
def test_services_list_active_services_and_themes_only(world, parent):
    desk = service("periscolaire")
    desk.themes.filter(label="Santé").update(active=False)
    service("accueil").__class__.objects.filter(key="accueil").update(label="Mairie")

    body = parent.get("/api/v1/communication/services/").json()

    by_key = {s["key"]: s for s in body}
    assert set(by_key) == {"accueil", "periscolaire"}
    assert by_key["accueil"]["label"] == "Mairie"
    assert "Santé" not in [t["label"] for t in by_key["periscolaire"]["themes"]]
    desk.active = False
    desk.save()
    assert [s["key"] for s in parent.get("/api/v1/communication/services/").json()] == ["accueil"]


def test_a_family_writes_with_attachments_and_sees_its_new_thread(world, parent):
    response = write(parent, child=world.child.pk, files=[pdf_file(), png_file()])

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "new" and body["state_label"] == "Nouveau"
    assert body["child"]["id"] == world.child.pk
    assert body["unread"] == 0 and body["last_side"] == "family"
    (message,) = body["messages"]
    assert message["side"] == "family" and message["text"] == "Léa sera absente lundi."
    assert [a["name"] for a in message["attachments"]] == ["certificat.pdf", "photo.png"]
    download = parent.get(message["attachments"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    listed = parent.get(THREADS).json()
    assert [t["id"] for t in listed] == [body["id"]]


def test_theme_of_another_service_is_refused_in_french(world, parent):
    other = first_theme(service("periscolaire"))

    response = write(parent, theme=other.pk)

    assert response.status_code == 400
    assert response.json()["theme"] == ["Choisissez un thème de ce service."]
    assert not Thread.objects.exists()


def test_child_of_another_family_is_not_found(world, parent):
    other_child = world.other_family.children.first()

    assert write(parent, child=other_child.pk).status_code == 404
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([pdf_file(f"p{i}.pdf") for i in range(4)], "au plus 3 fichier(s)"),
        ([pdf_file("gros.pdf", PDF + b"0" * (1024 * 1024 + 10))], "la taille maximale est de 1 Mo"),
        ([pdf_file("faux.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)], "PDF, JPEG ou PNG"),
        ([pdf_file(), pdf_file("faux.pdf", b"<script>alert(1)</script>" * 20)], "PDF, JPEG ou PNG"),
    ],
    ids=["too-many", "too-big", "disguised", "one-bad-of-two"],
)
def test_refused_attachments_store_nothing(world, parent, files, message):
    from core.communication.models import CommunicationSettings

    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    response = write(parent, files=files)

    assert response.status_code == 400
    assert message in response.json()["attachments"][0]
    assert not Thread.objects.exists() and not Message.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_refused_attachments_on_a_reply_store_nothing(world, parent):
    thread = make_thread(family=world.family, user=world.parent)
    before = stored_files()

    response = parent.post(
        f"{THREADS}{thread.pk}/messages/",
        {"text": "Voici", "attachments": [pdf_file("x.pdf", b"GIF89a" + b"\x00" * 100)]},
    )

    assert response.status_code == 400
    assert thread.messages.count() == 1
    assert stored_files() == before


def test_empty_text_and_subject_are_refused_in_french(world, parent):
    response = write(parent, subject=" ", text=" ")

    assert response.status_code == 400
    assert set(response.json()) >= {"subject", "text"}


# Isolation -------------------------------------------------------------------------------------
def test_another_familys_thread_message_and_attachment_are_not_found(world, parent):
    theirs = make_thread(family=world.other_family, user=world.other_parent, files=[pdf_file()])
    attachment = Attachment.objects.get(message__thread=theirs)

    assert parent.get(f"{THREADS}{theirs.pk}/").status_code == 404
    assert parent.post(f"{THREADS}{theirs.pk}/messages/", {"text": "Coucou"}).status_code == 404
    assert parent.get(f"/api/v1/communication/attachments/{attachment.pk}/file").status_code == 404
    assert parent.get(THREADS).json() == []
    assert theirs.messages.count() == 1


def test_another_structures_thread_is_not_found(world, parent, beta):
    with tenant_context(beta):
        family, user = make_family(tenant=beta)
        theirs = make_thread(family=family, user=user, files=[pdf_file()])
        attachment_id = Attachment.objects.get(message__thread=theirs).pk

    assert parent.get(f"{THREADS}{theirs.pk}/").status_code == 404
    assert parent.get(f"/api/v1/communication/attachments/{attachment_id}/file").status_code == 404


def test_internal_notes_never_reach_the_family(world, parent):
    thread = make_thread(family=world.family, user=world.parent)
    note = post_staff_message(
        thread=thread,
        user=world.gestionnaire,
        text="Famille à rappeler (note interne secrète)",
        internal=True,
        files=[pdf_file("interne.pdf")],
    )
    attachment = note.attachments.get()

    detail = parent.get(f"{THREADS}{thread.pk}/")

    assert "note interne secrète" not in detail.content.decode()
    assert [m["side"] for m in detail.json()["messages"]] == ["family"]
    assert "internal" not in detail.json()["messages"][0]
    assert parent.get(f"/api/v1/communication/attachments/{attachment.pk}/file").status_code == 404
    assert parent.get("/api/v1/communication/unread/").json()["messages"] == 0
    (listed,) = parent.get(THREADS).json()
    assert listed["last_side"] == "family" and listed["state"] == "new"


# Replies, states and unread --------------------------------------------------------------------
def test_staff_reply_is_unread_until_the_family_opens_the_thread(world, parent, clock):
    thread = make_thread(family=world.family, user=world.parent)
    clock.shift(minutes=5)
    post_staff_message(thread=thread, user=world.gestionnaire, text="Bien noté.")

    assert parent.get("/api/v1/communication/unread/").json() == {
        "messages": 1,
        "announcements": 0,
    }
    (listed,) = parent.get(THREADS).json()
    assert listed["unread"] == 1 and listed["last_side"] == "staff"
    assert listed["state"] == "open"

    clock.shift(minutes=1)
    detail = parent.get(f"{THREADS}{thread.pk}/").json()

    assert [m["author_name"] for m in detail["messages"]][1] == "Inès Gestion"
    assert parent.get("/api/v1/communication/unread/").json()["messages"] == 0
    assert parent.get(THREADS).json()[0]["unread"] == 0


def test_family_reply_reopens_a_closed_thread(world, parent, clock):
    thread = make_thread(family=world.family, user=world.parent)
    thread.close()
    thread.save()
    clock.shift(hours=1)

    response = parent.post(f"{THREADS}{thread.pk}/messages/", {"text": "Encore une question"})

    assert response.status_code == 201, response.content
    assert response.json()["side"] == "family"
    thread.refresh_from_db()
    assert thread.state == "open"
    assert thread.last_message_at == thread.last_family_visible_at


def test_unread_counts_announcements_of_the_guardian(world, parent):
    from core.communication.models import Announcement, AnnouncementRecipient

    guardian = world.family.guardians.get(user=world.parent)
    for i, read in enumerate([None, None, "2027-02-01T10:00:00+01:00"]):
        announcement = Announcement.objects.create(title=f"Annonce {i}", text="<p>Hello</p>")
        AnnouncementRecipient.objects.create(
            announcement=announcement, guardian=guardian, family=world.family, read_at=read
        )

    assert parent.get("/api/v1/communication/unread/").json() == {
        "messages": 0,
        "announcements": 2,
    }


def test_family_list_and_unread_have_bounded_queries(
    world, parent, clock, django_assert_max_num_queries
):
    for i in range(12):
        thread = make_thread(family=world.family, user=world.parent, subject=f"Sujet {i}")
        clock.shift(minutes=1)
        post_staff_message(thread=thread, user=world.gestionnaire, text="Réponse")

    with django_assert_max_num_queries(12):
        body = parent.get(THREADS).json()
    with django_assert_max_num_queries(10):
        counts = parent.get("/api/v1/communication/unread/").json()

    assert len(body) == 12 and all(t["unread"] == 1 for t in body)
    assert counts["messages"] == 12


def test_family_home_counts_unread_messages_and_announcements(world, parent, clock):
    from core.communication.models import Announcement, AnnouncementRecipient

    thread = make_thread(family=world.family, user=world.parent)
    clock.shift(minutes=1)
    post_staff_message(thread=thread, user=world.gestionnaire, text="Réponse")
    post_staff_message(thread=thread, user=world.gestionnaire, text="Note", internal=True)
    AnnouncementRecipient.objects.create(
        announcement=Announcement.objects.create(title="Cantine fermée", text="<p>!</p>"),
        guardian=world.family.guardians.get(user=world.parent),
        family=world.family,
    )

    counters = parent.get("/api/v1/family/home/").json()["counters"]

    assert counters["unread_messages"] == 1 and counters["unread_announcements"] == 1


def test_staff_messages_are_signed_with_the_name_never_the_email(world, parent):
    from core.accounts.roles import Role
    from tests.support.factories import make_user

    nameless = make_user(tenant=world.tenant, role=Role.GESTIONNAIRE, email="agent@mairie.test")
    thread = make_thread(family=world.family, user=world.parent)
    post_staff_message(thread=thread, user=world.gestionnaire, text="Bien noté.")
    post_staff_message(thread=thread, user=nameless, text="Je complète.")
    post_staff_message(thread=thread, user=None, text="Message automatique.")

    detail = parent.get(f"{THREADS}{thread.pk}/")

    names = [m["author_name"] for m in detail.json()["messages"]]
    assert names[1:] == ["Inès Gestion", "La structure", "La structure"]
    assert "agent@mairie.test" not in detail.content.decode()
    reply = parent.post(f"{THREADS}{thread.pk}/messages/", {"text": "Merci"})
    assert reply.status_code == 201
    # The staff still see who wrote it.
    staff = world.client(world.gestionnaire)
    staff_detail = staff.get(f"/api/v1/staff/communication/threads/{thread.pk}/").json()
    assert [m["author_name"] for m in staff_detail["messages"]][2] == "agent@mairie.test"
