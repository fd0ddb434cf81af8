"""The announcements API: staff drafts, attachments, preview == send, progress, receipts;
families' copies, read receipts and isolation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.communication.models import Announcement, AnnouncementAttachment, AnnouncementRecipient
from tests.support.booking import PDF
from tests.support.clients import JSON, logged
from tests.support.communication_announcements import TEXT, add_guardian, attach, draft, sent_to
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

STAFF = "/api/v1/staff/communication/announcements/"
FAMILY = "/api/v1/communication/announcements/"


def pick(*families) -> list[dict]:
    return [{"kind": "families", "families": [f.pk for f in families]}]


def test_staff_write_a_draft_with_sanitised_text_and_change_it(staff, family):
    hostile = (
        '<p onclick="x()">Bonjour<script>alert(1)</script> <a href="javascript:x()">ici</a></p>'
    )
    response = staff.post(
        STAFF,
        {"title": "Sortie", "text": hostile, "target": pick(family), "by_email": True},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "draft" and body["state_label"] == "Brouillon"
    assert "script" not in body["text"] and "onclick" not in body["text"]
    assert "javascript" not in body["text"]
    assert body["target_labels"] == ["1 famille(s) choisie(s)"]
    url = f"{STAFF}{body['id']}/"
    changed = staff.patch(url, {"title": "Sortie au musée", "urgent": True}, content_type=JSON)
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Sortie au musée" and changed.json()["urgent"] is True
    assert changed.json()["target"] == pick(family)


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"title": "", "text": TEXT, "target": [{"kind": "all"}]}, "title"),
        ({"title": "T", "text": "<script>x</script>", "target": [{"kind": "all"}]}, "text"),
        ({"title": "T", "text": TEXT, "target": []}, "target"),
        ({"title": "T", "text": TEXT, "target": [{"kind": "activity", "activity": 0}]}, "target"),
    ],
)
def test_bad_drafts_are_refused_in_french(staff, payload, field):
    response = staff.post(STAFF, payload, content_type=JSON)
    assert response.status_code == 400
    assert field in response.json()
    assert not Announcement.objects.exists()


def test_preview_equals_what_the_send_reaches(
    staff, family, alpha, django_capture_on_commit_callbacks
):
    other, _ = make_family(tenant=alpha)
    add_guardian(family)
    add_guardian(other, login=False)
    target = pick(family, other) + [{"kind": "families", "families": [family.pk]}]
    preview = staff.post(f"{STAFF}preview", {"target": target}, content_type=JSON)
    assert preview.json() == {"families": 2, "guardians": 3, "families_without_login": 0}
    created = staff.post(STAFF, {"title": "T", "text": TEXT, "target": target}, content_type=JSON)
    pk = created.json()["id"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = staff.post(f"{STAFF}{pk}/send")
    assert sent.status_code == 202, sent.content
    announcement = Announcement.objects.get(pk=pk)
    assert announcement.state == Announcement.STATE_SENT
    assert announcement.recipients_count == 3 == len(mail.outbox)
    assert announcement.families_count == 2
    progress = staff.get(f"{STAFF}{pk}/progress").json()
    assert progress == {
        "state": "sent",
        "state_label": "Envoyée",
        "recipients": 3,
        "emailed": 3,
        "email_skipped": 0,
        "sms_sent": 0,
        "read_families": 0,
        "families": 2,
    }
    # Sent: neither changed, nor deleted, nor sent again.
    assert staff.patch(f"{STAFF}{pk}/", {"title": "X"}, content_type=JSON).status_code == 400
    assert staff.delete(f"{STAFF}{pk}/").status_code == 400
    again = staff.post(f"{STAFF}{pk}/send")
    assert again.status_code == 400 and "déjà été envoyée" in again.json()["detail"][0]


def test_an_announcement_reaching_nobody_is_not_sent(staff, family):
    family.guardians.update(user=None)
    pk = staff.post(STAFF, {"title": "T", "text": TEXT, "target": pick(family)}, content_type=JSON)
    response = staff.post(f"{STAFF}{pk.json()['id']}/send")
    assert response.status_code == 400
    assert "Aucun responsable" in response.json()["detail"][0]
    assert Announcement.objects.get().state == Announcement.STATE_DRAFT


def test_the_email_carries_the_text_a_link_and_rfc8058_headers(
    staff, family, django_capture_on_commit_callbacks
):
    announcement = draft(target=pick(family))
    attach(announcement)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"{STAFF}{announcement.pk}/send")
    (message,) = mail.outbox
    assert message.to == [family.parent.email]
    assert "Cantine fermée" in message.subject
    assert "La cantine est fermée jeudi." in message.body
    assert f"/messagerie/annonces/{announcement.pk}" in message.body
    assert "menu.pdf" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/api/v1/communication/unsubscribe/?token=" in message.extra_headers["List-Unsubscribe"]
    html = message.alternatives[0][0]
    assert "<strong>jeudi</strong>" in html and "/desabonnement/" in html


def test_a_guardian_who_refused_announcements_gets_the_portal_copy_only(
    staff, family, django_capture_on_commit_callbacks
):
    from core.communication.services.preferences import set_preferences

    set_preferences(user=family.parent, choices={"announcement": False})
    announcement = draft(target=pick(family))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"{STAFF}{announcement.pk}/send")
    assert mail.outbox == []
    row = AnnouncementRecipient.objects.get(announcement=announcement)
    assert row.email_skipped and row.emailed_at is None
    assert Announcement.objects.get(pk=announcement.pk).state == Announcement.STATE_SENT


def test_portal_only_announcement_sends_no_email(staff, family, django_capture_on_commit_callbacks):
    announcement = draft(target=pick(family), by_email=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"{STAFF}{announcement.pk}/send")
    assert mail.outbox == []
    assert AnnouncementRecipient.objects.get(announcement=announcement).email_skipped


# Attachments ------------------------------------------------------------------------------


def upload(name="menu.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_staff_attach_read_and_remove_a_file(staff):
    announcement = draft()
    url = f"{STAFF}{announcement.pk}/attachments/"
    response = staff.post(url, {"file": upload()})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "menu.pdf" and body["content_type"] == "application/pdf"
    file = staff.get(body["url"])
    assert file.status_code == 200 and b"".join(file.streaming_content) == PDF
    assert staff.delete(f"{url}{body['id']}").status_code == 204
    assert not AnnouncementAttachment.objects.exists()


def test_disguised_too_big_or_too_many_files_are_refused(staff):
    from core.communication.models import CommunicationSettings

    announcement = draft()
    url = f"{STAFF}{announcement.pk}/attachments/"
    disguised = staff.post(url, {"file": upload(content=b"MZ\x90\x00 not a pdf")})
    assert disguised.status_code == 400 and "file" in disguised.json()
    settings = CommunicationSettings.current()
    settings.max_attachment_mb = 1
    settings.save()
    big = staff.post(url, {"file": upload(content=PDF + b"0" * (1024 * 1024 + 10))})
    assert big.status_code == 400 and "file" in big.json()
    for _ in range(3):
        assert staff.post(url, {"file": upload()}).status_code == 201
    fourth = staff.post(url, {"file": upload()})
    assert fourth.status_code == 400 and "au plus 3" in fourth.json()["file"][0]
    assert AnnouncementAttachment.objects.count() == 3


# Families ---------------------------------------------------------------------------------


def test_the_family_reads_its_announcement_and_the_staff_see_the_receipt(
    staff, family, parent, alpha
):
    other, _ = make_family(tenant=alpha)
    announcement = sent_to(family, attachment=True)
    sent_to(other)
    draft(target=pick(family))  # a draft is never shown
    listed = parent.get(FAMILY).json()
    assert [(a["id"], a["read"]) for a in listed] == [(announcement.pk, False)]
    detail = parent.get(f"{FAMILY}{announcement.pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["text"] == TEXT and body["read"] is True
    (attachment,) = body["attachments"]
    assert attachment["url"].startswith(f"{FAMILY}{announcement.pk}/attachments/")
    assert parent.get(attachment["url"]).status_code == 200
    assert parent.get(FAMILY).json()[0]["read"] is True
    # The first reading only is the receipt.
    first = AnnouncementRecipient.objects.get(announcement=announcement).read_at
    parent.get(f"{FAMILY}{announcement.pk}/")
    assert AnnouncementRecipient.objects.get(announcement=announcement).read_at == first

    receipts = staff.get(f"{STAFF}{announcement.pk}/receipts/").json()
    assert receipts["count"] == 1
    (row,) = receipts["results"]
    assert row["family"] == {"id": family.pk, "name": family.name, "number": family.number}
    assert row["read_at"] is not None and row["guardians"][0]["read_at"] is not None
    assert staff.get(f"{STAFF}{announcement.pk}/receipts/?read=no").json()["count"] == 0
    assert staff.get(f"{STAFF}{announcement.pk}/receipts/?read=yes").json()["count"] == 1
    assert staff.get(f"{STAFF}{announcement.pk}/receipts/?read=maybe").status_code == 400
    assert staff.get(f"{STAFF}{announcement.pk}/progress").json()["read_families"] == 1


def test_another_guardians_announcement_is_a_404(family, parent, alpha):
    other, _ = make_family(tenant=alpha)
    theirs = sent_to(other, attachment=True)
    # The second guardian of the same family has a copy of their own: not the first one's.
    second = add_guardian(family)
    mine_only_for_second = sent_to(family)
    AnnouncementRecipient.objects.filter(
        announcement=mine_only_for_second, guardian__user=family.parent
    ).delete()
    attachment = theirs.attachments.get()
    assert parent.get(f"{FAMILY}{theirs.pk}/").status_code == 404
    assert parent.get(f"{FAMILY}{theirs.pk}/attachments/{attachment.pk}/file").status_code == 404
    assert parent.get(f"{FAMILY}{mine_only_for_second.pk}/").status_code == 404
    assert AnnouncementRecipient.objects.filter(read_at__isnull=False).count() == 0
    second_client = logged("alpha.localhost", second.user.email)
    assert second_client.get(f"{FAMILY}{mine_only_for_second.pk}/").status_code == 200


def test_the_staff_of_another_structure_get_404(family, beta):
    announcement = sent_to(family, attachment=True)
    attachment = announcement.attachments.get()
    with tenant_context(beta):
        email = make_user(tenant=beta, role=Role.ADMINISTRATEUR).email
    beta_staff = logged("beta.localhost", email)
    assert beta_staff.get(f"{STAFF}{announcement.pk}/").status_code == 404
    assert beta_staff.get(f"{STAFF}{announcement.pk}/progress").status_code == 404
    assert beta_staff.get(f"{STAFF}{announcement.pk}/receipts/").status_code == 404
    url = f"{STAFF}{announcement.pk}/attachments/{attachment.pk}/file"
    assert beta_staff.get(url).status_code == 404
    assert beta_staff.post(f"{STAFF}{announcement.pk}/send").status_code == 404


def test_a_role_without_the_permission_is_refused(family, alpha):
    animateur = logged("alpha.localhost", make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    assert animateur.get(STAFF).status_code == 403
    comptable = logged("alpha.localhost", make_user(tenant=alpha, role=Role.COMPTABLE).email)
    assert (
        comptable.post(
            f"{STAFF}preview", {"target": [{"kind": "all"}]}, content_type=JSON
        ).status_code
        == 403
    )


# Lists: bounded queries -------------------------------------------------------------------


def test_lists_cost_a_bounded_number_of_queries(
    staff, family, parent, alpha, django_assert_max_num_queries
):
    for _ in range(5):
        other, _ = make_family(tenant=alpha)
        add_guardian(other)
        sent_to(other)
        sent_to(family, attachment=True)
    with django_assert_max_num_queries(8):
        listed = staff.get(STAFF)
    assert listed.json()["count"] == 10
    assert listed.json()["results"][0]["emailed_count"] == 0
    with django_assert_max_num_queries(8):
        assert len(parent.get(FAMILY).json()) == 5
    pk = Announcement.objects.filter(recipients__family=family).first().pk
    with django_assert_max_num_queries(10):
        assert staff.get(f"{STAFF}{pk}/receipts/").json()["count"] == 1


def test_target_options_list_the_modules_activities_groups_and_units(staff, alpha):
    from core.catalog.models import ActivityGroup
    from tests.support.booking import make_activity

    activity = make_activity(name="ALAE Matin")
    group = ActivityGroup.objects.create(activity=activity, name="CP")
    body = staff.get("/api/v1/staff/communication/target-options/").json()
    assert {"id": "periscolaire", "label": body["modules"][0]["label"]} in body["modules"]
    assert {
        "id": activity.pk,
        "name": "ALAE Matin",
        "module": "periscolaire",
        "season": activity.season,
    } in body["activities"]
    assert {"id": group.pk, "name": "CP", "activity_id": activity.pk} in body["groups"]
    assert any(u["activity_id"] == activity.pk for u in body["units"])


# Review fixes ------------------------------------------------------------------------------


def test_hostile_rich_text_on_patch_of_a_draft_is_sanitised(staff):
    announcement = draft()
    hostile = (
        '<p>Bonjour<script>alert(1)</script><img src="x" onerror="alert(2)">'
        ' <a href="javascript:alert(3)">ici</a></p>'
    )
    response = staff.patch(f"{STAFF}{announcement.pk}/", {"text": hostile}, content_type=JSON)
    assert response.status_code == 200, response.content
    stored = Announcement.objects.get(pk=announcement.pk).text
    for text in (response.json()["text"], stored):
        assert "Bonjour" in text
        assert "script" not in text and "alert" not in text
        assert "onerror" not in text and "javascript" not in text


def test_a_title_with_newlines_or_control_characters_is_put_on_one_line(
    staff, family, django_capture_on_commit_callbacks
):
    created = staff.post(
        STAFF,
        {"title": "Sortie\r\nBcc: x@example.org", "text": TEXT, "target": pick(family)},
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    assert created.json()["title"] == "Sortie Bcc: x@example.org"
    url = f"{STAFF}{created.json()['id']}/"
    changed = staff.patch(url, {"title": " Neige\n\tdemain\x1b "}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["title"] == "Neige demain"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"{url}send").status_code in (200, 202)
    (message,) = mail.outbox
    assert message.subject.endswith("Neige demain") and "\n" not in message.subject
    assert Announcement.objects.get(pk=created.json()["id"]).state == Announcement.STATE_SENT


def test_an_upload_of_several_files_is_refused_and_stores_nothing(staff):
    announcement = draft()
    url = f"{STAFF}{announcement.pk}/attachments/"
    response = staff.post(url, {"file": [upload(), upload(name="autre.pdf")]})
    assert response.status_code == 400
    assert "un seul fichier" in response.json()["file"][0]
    assert not AnnouncementAttachment.objects.exists()


def test_a_failed_attachment_leaves_no_file_behind(alpha, monkeypatch):
    from core.communication.services import announcements as service

    announcement = draft()
    written = []
    real_save = AnnouncementAttachment.save

    def save_then_fail(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        written.append(self.file.name)
        if len(written) == 2:
            raise RuntimeError("disque plein")

    monkeypatch.setattr(AnnouncementAttachment, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        service.add_attachments(
            announcement=announcement, files=[upload(), upload(name="autre.pdf")]
        )
    storage = AnnouncementAttachment._meta.get_field("file").storage
    assert len(written) == 2
    assert not any(storage.exists(name) for name in written)
    assert not AnnouncementAttachment.objects.filter(announcement=announcement).exists()
