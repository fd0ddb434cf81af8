"""The demo shows the communication layer: news, a home message, downloads, and for the demo
parent a conversation answered by the structure and an announcement not read yet."""

from __future__ import annotations

import pytest

from core.communication.models import (
    AnnouncementRecipient,
    Download,
    HomeMessage,
    Message,
    NewsItem,
    ReadMark,
    Thread,
)
from core.documents.uploads import check_upload
from tests.demo.test_demo_enrolments import seed_demo_in

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def _seed(alpha):
    from core.communication.demo import install_communication_demo

    families = seed_demo_in(alpha)
    install_communication_demo(families=families, module_ids=alpha.modules)
    return families


def test_demo_structure_has_news_home_message_and_downloads(alpha):
    _seed(alpha)
    assert NewsItem.objects.filter(pinned=True, public=True).exists()
    assert NewsItem.objects.exclude(image="").exists()
    assert HomeMessage.objects.filter(audience="families").exclude(text="").exists()
    downloads = list(Download.objects.all())
    assert downloads
    for download in downloads:
        with download.file.open("rb") as f:
            assert check_upload(f, max_mb=6).content_type == "application/pdf"


def test_demo_parent_has_an_answered_conversation_and_an_unread_announcement(alpha):
    [family] = _seed(alpha)
    thread = Thread.objects.get(family=family)
    sides = list(thread.messages.values_list("side", flat=True))
    assert sides == [Message.SIDE_FAMILY, Message.SIDE_STAFF]
    guardian = family.guardians.get(user__isnull=False)
    mark = ReadMark.objects.get(thread=thread, user=guardian.user)
    assert thread.messages.filter(side=Message.SIDE_STAFF, created_at__gt=mark.read_at).exists()
    assert AnnouncementRecipient.objects.filter(guardian=guardian, read_at__isnull=True).exists()


def test_demo_seeding_twice_adds_nothing(alpha):
    families = _seed(alpha)
    from core.communication.demo import install_communication_demo

    counts = (NewsItem.objects.count(), Thread.objects.count(), Download.objects.count())
    install_communication_demo(families=families, module_ids=alpha.modules)
    assert counts == (NewsItem.objects.count(), Thread.objects.count(), Download.objects.count())
