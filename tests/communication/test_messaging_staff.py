"""Messaging, the staff's side: the inbox by service access, replies and internal notes,
assignment, states, quick replies, bounded queries."""

from __future__ import annotations

import pytest

from core.communication.models import ServiceAccess, Thread
from core.communication.services.threads import post_family_message, post_staff_message
from tests.support.communication_messaging import World, make_thread, pdf_file

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

STAFF = "/api/v1/staff/communication"


@pytest.fixture
def world(alpha):
    return World(alpha)


@pytest.fixture
def staff(world):
    return world.client(world.gestionnaire)


def thread_on(world, key="accueil", **fields) -> Thread:
    return make_thread(family=world.family, user=world.parent, key=key, **fields)


# Service access --------------------------------------------------------------------------------
def test_staff_outside_the_service_get_404(world):
    mairie = thread_on(world, "accueil", files=[pdf_file()])
    cantine = thread_on(world, "periscolaire")
    attachment = mairie.messages.get().attachments.get()
    animateur = world.client(world.animateur)
    comptable = world.client(world.comptable)

    assert [t["id"] for t in animateur.get(f"{STAFF}/threads/").json()["results"]] == [cantine.pk]
    assert [t["id"] for t in comptable.get(f"{STAFF}/threads/").json()["results"]] == [mairie.pk]
    assert animateur.get(f"{STAFF}/threads/{mairie.pk}/").status_code == 404
    url = f"{STAFF}/threads/{mairie.pk}/messages/"
    assert animateur.post(url, {"text": "Je réponds"}).status_code == 404
    assert animateur.post(f"{STAFF}/threads/{mairie.pk}/close").status_code == 404
    file_url = f"{STAFF}/attachments/{attachment.pk}/file"
    assert animateur.get(file_url).status_code == 404
    assert comptable.get(file_url).status_code == 200
    assert comptable.get(f"{STAFF}/threads/{cantine.pk}/").status_code == 404
    assert mairie.messages.count() == 1

    ServiceAccess.objects.filter(role="animateur").update(services=["accueil", "periscolaire"])
    assert animateur.get(f"{STAFF}/threads/{mairie.pk}/").status_code == 200


def test_parents_cannot_use_the_staff_inbox(world):
    thread = thread_on(world)
    parent = world.client(world.parent)

    assert parent.get(f"{STAFF}/threads/").status_code == 403
    assert parent.get(f"{STAFF}/threads/{thread.pk}/").status_code == 403


# Detail, reply, notes, states ------------------------------------------------------------------
def test_detail_shows_internal_notes_and_marks_read(world, staff, clock):
    thread = thread_on(world)
    clock.shift(minutes=1)
    post_staff_message(thread=thread, user=world.admin, text="À rappeler", internal=True)
    assert staff.get(f"{STAFF}/unread/").json() == {"new_threads": 1, "unread": 1}
    assert staff.get(f"{STAFF}/threads/").json()["results"][0]["unread"] == 1

    clock.shift(minutes=1)
    body = staff.get(f"{STAFF}/threads/{thread.pk}/").json()

    assert [(m["side"], m["internal"]) for m in body["messages"]] == [
        ("family", False),
        ("staff", True),
    ]
    assert body["family"] == {
        "id": world.family.pk,
        "name": world.family.name,
        "number": world.family.number,
    }
    assert body["state"] == "new"
    assert staff.get(f"{STAFF}/unread/").json() == {"new_threads": 1, "unread": 0}


def test_states_new_open_closed_reopened(world, staff, clock):
    thread = thread_on(world)
    url = f"{STAFF}/threads/{thread.pk}"

    reply = staff.post(f"{url}/messages/", {"text": "Bien reçu", "attachments": [pdf_file()]})
    assert reply.status_code == 201, reply.content
    assert reply.json()["internal"] is False
    assert reply.json()["attachments"][0]["url"].startswith(f"{STAFF}/attachments/")
    assert staff.get(f"{url}/").json()["state"] == "open"

    closed = staff.post(f"{url}/close")
    assert closed.status_code == 200 and closed.json()["state_label"] == "Clos"
    again = staff.post(f"{url}/close")
    assert again.status_code == 400
    assert "déjà close" in again.content.decode()

    assert staff.post(f"{url}/reopen").json()["state"] == "open"
    assert staff.post(f"{url}/reopen").status_code == 400

    staff.post(f"{url}/close")
    clock.shift(minutes=1)
    post_family_message(thread=thread, user=world.parent, text="Une autre question")
    thread.refresh_from_db()
    assert thread.state == "open"


def test_an_internal_note_keeps_the_thread_new(world, staff):
    thread = thread_on(world)

    response = staff.post(
        f"{STAFF}/threads/{thread.pk}/messages/", {"text": "Note", "internal": "true"}
    )

    assert response.status_code == 201 and response.json()["internal"] is True
    thread.refresh_from_db()
    assert thread.state == "new"
    assert thread.last_family_visible_at < thread.last_message_at or (
        thread.last_family_visible_at == thread.created_at
    )


# Assignment ------------------------------------------------------------------------------------
def test_assign_to_a_colleague_reading_the_service(world, staff):
    thread = thread_on(world, "periscolaire")
    url = f"{STAFF}/threads/{thread.pk}/assign"

    assignees = staff.get(f"{STAFF}/assignees/", {"service": thread.service_id}).json()
    names = {a["name"] for a in assignees}
    assert {"Paul Anim", "Inès Gestion"} <= names and "Chloé Compta" not in names

    refused = staff.post(url, {"assignee": world.comptable.pk}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["assignee"] == [
        "Cette personne ne peut pas lire les messages de ce service."
    ]
    parent = staff.post(url, {"assignee": world.parent.pk}, content_type="application/json")
    assert parent.status_code == 400
    unknown = staff.post(url, {"assignee": 999999}, content_type="application/json")
    assert unknown.status_code == 400

    done = staff.post(url, {"assignee": world.animateur.pk}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["assignee"] == {"id": world.animateur.pk, "name": "Paul Anim"}
    assert done.json()["state"] == "open"
    cleared = staff.post(url, {"assignee": None}, content_type="application/json")
    assert cleared.json()["assignee"] is None


def test_assignees_of_a_service_the_user_cannot_read_are_not_found(world):
    thread = thread_on(world, "accueil")
    animateur = world.client(world.animateur)

    response = animateur.get(f"{STAFF}/assignees/", {"service": thread.service_id})

    assert response.status_code == 404


# Inbox filters and queries ---------------------------------------------------------------------
def test_inbox_filters(world, staff, clock):
    other = world.other_family
    mine = thread_on(world, "accueil", subject="Facture de janvier")
    clock.shift(minutes=1)
    cantine = thread_on(world, "periscolaire", subject="Cantine")
    clock.shift(minutes=1)
    theirs = make_thread(family=other, user=world.other_parent, subject="Inscription")
    mine.assignee = world.gestionnaire
    mine.save()
    cantine.assignee = world.animateur
    cantine.state = Thread.STATE_CLOSED
    cantine.save()

    def ids(**params):
        response = staff.get(f"{STAFF}/threads/", params)
        assert response.status_code == 200, response.content
        return [t["id"] for t in response.json()["results"]]

    assert ids() == [theirs.pk, cantine.pk, mine.pk]
    assert ids(service=cantine.service_id) == [cantine.pk]
    assert ids(theme=mine.theme_id) == [theirs.pk, mine.pk]
    assert ids(state="closed") == [cantine.pk]
    assert ids(assignee="me") == [mine.pk]
    assert ids(assignee="none") == [theirs.pk]
    assert ids(assignee=str(world.animateur.pk)) == [cantine.pk]
    assert ids(q="facture") == [mine.pk]
    assert ids(q=other.name.lower()) == [theirs.pk]
    assert ids(q=str(other.number)) == [theirs.pk]
    bad = staff.get(f"{STAFF}/threads/", {"assignee": "quelqu'un"})
    assert bad.status_code == 400


def test_inbox_queries_are_bounded_whatever_the_page(
    world, staff, clock, django_assert_max_num_queries
):
    for i in range(60):
        thread = thread_on(world, "periscolaire" if i % 2 else "accueil", subject=f"Sujet {i}")
        thread.assignee = world.animateur if i % 3 else None
        thread.save()
        clock.shift(seconds=10)

    with django_assert_max_num_queries(12):
        first = staff.get(f"{STAFF}/threads/").json()
    with django_assert_max_num_queries(12):
        second = staff.get(f"{STAFF}/threads/", {"page": 2, "state": "new"}).json()
    with django_assert_max_num_queries(10):
        staff.get(f"{STAFF}/unread/")
    animateur = world.client(world.animateur)
    with django_assert_max_num_queries(14):
        mine = animateur.get(f"{STAFF}/threads/", {"assignee": "me"}).json()

    assert first["count"] == 60 and len(first["results"]) == 50
    assert len(second["results"]) == 10
    assert all(t["unread"] == 1 for t in first["results"])
    assert mine["count"] == 20  # the animateur reads the périscolaire only


# Quick replies ---------------------------------------------------------------------------------
def test_quick_replies_crud(world, staff):
    created = staff.post(
        f"{STAFF}/quick-replies/",
        {"title": "Merci", "text": "Merci pour votre message."},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert [q["title"] for q in staff.get(f"{STAFF}/quick-replies/").json()] == ["Merci"]

    patched = staff.patch(
        f"{STAFF}/quick-replies/{pk}/", {"text": "Bien reçu."}, content_type="application/json"
    )
    assert patched.json()["text"] == "Bien reçu."
    assert staff.delete(f"{STAFF}/quick-replies/{pk}/").status_code == 204

    animateur = world.client(world.animateur)
    assert animateur.get(f"{STAFF}/quick-replies/").status_code == 200
    denied = animateur.post(
        f"{STAFF}/quick-replies/", {"title": "X", "text": "Y"}, content_type="application/json"
    )
    assert denied.status_code == 403


# The inbox's filters ---------------------------------------------------------------------------
def test_my_services_lists_the_services_each_role_reads_with_active_themes(world):
    from core.communication.models import Service, Theme

    periscolaire = Service.objects.get(key="periscolaire")
    hidden = Theme.objects.create(service=periscolaire, label="Ancien thème", active=False)
    url = f"{STAFF}/my-services/"

    animateur = world.client(world.animateur).get(url)
    assert animateur.status_code == 200, animateur.content
    (listed,) = animateur.json()
    assert (listed["id"], listed["key"]) == (periscolaire.pk, "periscolaire")
    themes = [t["id"] for t in listed["themes"]]
    assert themes == list(
        periscolaire.themes.filter(active=True)
        .order_by("order", "label")
        .values_list("pk", flat=True)
    )
    assert hidden.pk not in themes
    assert [s["key"] for s in world.client(world.comptable).get(url).json()] == ["accueil"]
    everything = {s["key"] for s in world.client(world.gestionnaire).get(url).json()}
    assert everything == set(Service.objects.values_list("key", flat=True))
    # The configuration stays for administrators only.
    assert world.client(world.animateur).get(f"{STAFF}/services/").status_code == 403
    assert world.client(world.parent).get(url).status_code == 403


# Concurrent state changes ----------------------------------------------------------------------
def test_assign_does_not_overwrite_a_family_reply_reopening_the_thread(world, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.communication.services.threads import assign_thread

    thread = thread_on(world, "periscolaire")
    thread.close()
    thread.save()
    stale = Thread.objects.get(pk=thread.pk)  # read by the staff's request, still « clos »
    post_family_message(thread=thread, user=world.parent, text="Encore une question")

    with CaptureQueriesContext(connection) as queries:
        assign_thread(thread=stale, assignee=world.animateur)

    thread.refresh_from_db()
    assert thread.state == Thread.STATE_OPEN and thread.assignee == world.animateur
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_close_and_reopen_act_on_the_locked_current_state(world):
    from django.core.exceptions import ValidationError

    from core.communication.services.threads import close_thread, reopen_thread

    thread = thread_on(world)
    thread.close()
    thread.save()
    stale = Thread.objects.get(pk=thread.pk)
    post_family_message(thread=thread, user=world.parent, text="Je relance")

    # The family reopened it meanwhile: « rouvrir » from the stale page is refused, not replayed.
    with pytest.raises(ValidationError) as refused:
        reopen_thread(thread=stale)
    assert refused.value.message_dict["state"] == ["Cette conversation n'est pas close."]

    closed = close_thread(thread=Thread.objects.get(pk=thread.pk))
    assert closed.state == Thread.STATE_CLOSED
    thread.refresh_from_db()
    assert thread.state == Thread.STATE_CLOSED
