"""Actualités: who sees which item, and how staff write them.

An item is visible from ``publish_at`` until ``expire_at`` (excluded). Families see the items
for everyone and those of the modules they are enrolled in; staff see every visible item;
visitors of the structure's public page see the ``public`` ones. The text is rich text cleaned
on the server on every save, whatever the editor sent.
"""

from __future__ import annotations

from datetime import datetime

import filetype
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.accounts.models import User
from core.communication.models import CommunicationSettings, NewsItem
from core.communication.models.news import AUDIENCE_ALL, AUDIENCE_STAFF
from core.communication.services.audiences import check_audience, family_modules
from core.communication.services.cleanup import (
    delete_after_commit,
    delete_if_failed,
    save_checked,
    stored,
)
from core.communication.services.rich_text import clean_html, plain_text
from core.documents.uploads import check_upload
from core.families.models import Family

IMAGE_TYPES = ("image/jpeg", "image/png")
_SIGNATURE_SIZE = 8192  # what filetype needs to tell a JPEG from a PNG
# What staff may change on an item (the image has its own handling).
EDITABLE = ("title", "text", "image_alt", "audience", "public", "pinned", "publish_at", "expire_at")


def visible_news(*, now: datetime | None = None) -> QuerySet[NewsItem]:
    """Items published and not expired at ``now``, pinned first, newest first."""
    now = now or timezone.now()
    return NewsItem.objects.filter(publish_at__lte=now).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def news_for_family(*, family: Family, now: datetime | None = None) -> QuerySet[NewsItem]:
    """What a family sees: items for everyone and for the modules its children are enrolled
    in (never staff-only items nor another module's)."""
    audiences = {AUDIENCE_ALL, *family_modules(family=family)}
    return visible_news(now=now).filter(audience__in=audiences)


def news_for_staff(*, now: datetime | None = None) -> QuerySet[NewsItem]:
    """Staff see every visible item, whatever its audience."""
    return visible_news(now=now)


def public_news(*, now: datetime | None = None) -> QuerySet[NewsItem]:
    """What an anonymous visitor sees: visible items marked public (never staff-only ones)."""
    return visible_news(now=now).filter(public=True).exclude(audience=AUDIENCE_STAFF)


def news_for_user(*, user: User, family: Family | None) -> QuerySet[NewsItem]:
    """The items ``user`` reads: staff's when a staff member, else the family's."""
    if user.is_staff_member or family is None:
        return news_for_staff()
    return news_for_family(family=family)


def check_image(image, *, field: str = "image"):
    """A JPEG or PNG within the structure's size limit (checked by content), else a French
    ``ValidationError``."""
    limit = CommunicationSettings.current().max_attachment_mb
    checked = check_upload(image, max_mb=limit, field=field)
    if checked.content_type not in IMAGE_TYPES:
        raise ValidationError({field: ["L'image doit être une photo JPEG ou PNG."]})
    return checked


def _clean(values: dict) -> dict:
    cleaned = dict(values)
    if "title" in cleaned:
        cleaned["title"] = (cleaned["title"] or "").strip()
        if not cleaned["title"]:
            raise ValidationError({"title": ["Donnez un titre à l'actualité."]})
    if "text" in cleaned:
        cleaned["text"] = clean_html(cleaned["text"])
        if not plain_text(cleaned["text"]):
            raise ValidationError({"text": ["Écrivez le texte de l'actualité."]})
    if "audience" in cleaned:
        cleaned["audience"] = check_audience(
            cleaned["audience"], allowed=(AUDIENCE_ALL, AUDIENCE_STAFF)
        )
    if "image_alt" in cleaned:
        cleaned["image_alt"] = (cleaned["image_alt"] or "").strip()
    return cleaned


def _check_consistency(item: NewsItem) -> None:
    if item.expire_at is not None and item.expire_at <= item.publish_at:
        raise ValidationError(
            {"expire_at": ["L'expiration doit être postérieure à la publication."]}
        )
    if item.public and item.audience == AUDIENCE_STAFF:
        raise ValidationError(
            {"public": ["Une actualité réservée au personnel ne peut pas être publique."]}
        )


def create_news(
    *,
    title: str,
    text: str,
    user: User | None,
    audience: str = AUDIENCE_ALL,
    image=None,
    image_alt: str = "",
    public: bool = False,
    pinned: bool = False,
    publish_at: datetime | None = None,
    expire_at: datetime | None = None,
) -> NewsItem:
    """A new item, its text cleaned and its image checked before anything is stored."""
    values = _clean(
        {
            "title": title,
            "text": text,
            "audience": audience,
            "image_alt": image_alt,
            "public": public,
            "pinned": pinned,
            "publish_at": publish_at or timezone.now(),
            "expire_at": expire_at,
        }
    )
    item = NewsItem(**values, created_by=user)
    _check_consistency(item)
    checked = check_image(image) if image is not None else None
    if checked is not None:
        save_checked(item.image, image, checked)
    _save(item, new_image=checked is not None)
    return item


def _save(item: NewsItem, *, new_image: bool) -> None:
    try:
        item.save()
    except BaseException:
        if new_image:
            delete_if_failed(item.image)
        raise


def stored_image_type(item: NewsItem) -> str | None:
    """The content type of the item's stored image, read from its content (never its name);
    ``None`` when there is no image or it is not a JPEG or PNG."""
    if not item.image:
        return None
    try:
        with item.image.open("rb") as handle:
            head = handle.read(_SIGNATURE_SIZE)
    except (FileNotFoundError, ValueError):
        return None
    kind = filetype.guess(head)
    mime = "image/png" if kind and kind.mime == "image/apng" else (kind.mime if kind else None)
    return mime if mime in IMAGE_TYPES else None


def update_news(
    *, item: NewsItem, changes: dict, image=None, remove_image: bool = False
) -> NewsItem:
    """Apply ``changes`` (fields of ``EDITABLE``); a new ``image`` replaces the old file,
    ``remove_image`` drops it. Checked before anything is written."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    values = _clean(changes)
    if values.get("publish_at") is None and "publish_at" in values:
        values["publish_at"] = item.publish_at
    for name, value in values.items():
        setattr(item, name, value)
    _check_consistency(item)
    checked = check_image(image) if image is not None else None
    old_image = stored(item.image) if checked is not None or remove_image else None
    if checked is not None:
        save_checked(item.image, image, checked)
    elif remove_image:
        item.image = ""
    _save(item, new_image=checked is not None)
    delete_after_commit(old_image)
    return item


def delete_news(*, item: NewsItem) -> None:
    image = stored(item.image)
    item.delete()
    delete_after_commit(image)
