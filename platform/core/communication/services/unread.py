"""Unread counts: a message is unread for a user when it was written by the other side after
the user's ``ReadMark`` on its thread (or when the user never opened the thread).

Each count is one aggregate query: the home counters and the navigation badge ask on every page.
"""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from core.communication.models import AnnouncementRecipient, Message, ReadMark, Thread


def _unread_messages(*, user, side: str) -> QuerySet[Message]:
    """Messages of ``side`` (never internal notes) the user has not read yet."""
    read_after = ReadMark.objects.filter(
        thread_id=OuterRef("thread_id"), user=user, read_at__gte=OuterRef("created_at")
    )
    return Message.objects.filter(side=side, internal=False).exclude(Exists(read_after))


def unread_for_family(*, family, user) -> dict[str, int]:
    """``{"messages", "announcements"}`` unread by a guardian: the structure's messages in the
    family's threads, and the announcements sent to this guardian not opened yet."""
    messages = (
        _unread_messages(user=user, side=Message.SIDE_STAFF)
        .filter(thread__family_id=family.pk)
        .count()
    )
    announcements = AnnouncementRecipient.objects.filter(
        guardian__user=user, read_at__isnull=True
    ).count()
    return {"messages": messages, "announcements": announcements}


def unread_count_subquery(*, user, side: str):
    """An expression for a ``Thread`` queryset: its messages of ``side`` unread by ``user``."""
    unread = (
        _unread_messages(user=user, side=side)
        .filter(thread_id=OuterRef("pk"))
        .order_by()
        .values("thread_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def unread_for_staff(*, user, threads: QuerySet[Thread]) -> dict[str, int]:
    """``{"new_threads", "unread"}`` over the threads the user reads: threads still « nouveau »,
    and threads with family messages the user has not read (one query)."""
    unread_family = _unread_messages(user=user, side=Message.SIDE_FAMILY).filter(
        thread_id=OuterRef("pk")
    )
    return threads.order_by().aggregate(
        new_threads=Count("pk", filter=Q(state=Thread.STATE_NEW)),
        unread=Count("pk", filter=Q(Exists(unread_family))),
    )
