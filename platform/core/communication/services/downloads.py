"""Téléchargements: documents the structure offers to every family (règlement intérieur,
menus, programmes), by module and season, between their publication and withdrawal dates."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.communication.models import CommunicationSettings, Download
from core.communication.services.audiences import enabled_modules
from core.communication.services.cleanup import (
    delete_after_commit,
    delete_if_failed,
    save_checked,
    stored,
)
from core.documents.uploads import check_upload

EDITABLE = ("title", "description", "module", "season", "publish_at", "expire_at")


def published_downloads(*, now: datetime | None = None) -> QuerySet[Download]:
    """What families see: published, not withdrawn, for every module or an enabled one; by
    module (common ones first), then season (latest first), then newest."""
    now = now or timezone.now()
    modules = [module_id for module_id, _ in enabled_modules()]
    return (
        Download.objects.filter(publish_at__lte=now)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(module="") | Q(module__in=modules))
        .order_by("module", "-season", "-publish_at", "title", "pk")
    )


def _clean(values: dict) -> dict:
    cleaned = dict(values)
    for name in ("title", "description", "season", "module"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        raise ValidationError({"title": ["Donnez un titre au document."]})
    module = cleaned.get("module")
    if module and module not in dict(enabled_modules()):
        raise ValidationError({"module": [f"Le module « {module} » n'est pas activé."]})
    return cleaned


def _check_dates(download: Download) -> None:
    if download.expire_at is not None and download.expire_at <= download.publish_at:
        raise ValidationError({"expire_at": ["Le retrait doit être postérieur à la publication."]})


def create_download(
    *,
    title: str,
    file,
    description: str = "",
    module: str = "",
    season: str = "",
    publish_at: datetime | None = None,
    expire_at: datetime | None = None,
) -> Download:
    """A new document, its file checked by content (PDF, JPEG or PNG within the structure's
    limit) before anything is stored."""
    values = _clean(
        {"title": title, "description": description, "module": module, "season": season}
    )
    download = Download(**values, publish_at=publish_at or timezone.now(), expire_at=expire_at)
    _check_dates(download)
    checked = check_upload(file, max_mb=CommunicationSettings.current().max_attachment_mb)
    download.original_name = checked.display_name
    download.content_type = checked.content_type
    download.size = checked.size
    save_checked(download.file, file, checked)
    try:
        download.save()
    except BaseException:
        delete_if_failed(download.file)
        raise
    return download


def update_download(*, download: Download, changes: dict) -> Download:
    """Change what describes the document (its file stays: delete and send a new one)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    values = _clean(changes)
    if "publish_at" in values and values["publish_at"] is None:
        values["publish_at"] = download.publish_at
    for name, value in values.items():
        setattr(download, name, value)
    _check_dates(download)
    download.save()
    return download


def delete_download(*, download: Download) -> None:
    file = stored(download.file)
    download.delete()
    delete_after_commit(file)
