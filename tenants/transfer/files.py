"""A structure's media: which columns hold file names, and the storage operations on them.

Everything goes through Django's storage API (``default_storage``), never through
``MEDIA_ROOT``: media may live on S3-compatible object storage (django-storages).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models


@dataclass(frozen=True)
class FileColumn:
    """A FileField / ImageField of a tenant app's model: ``table.column`` in each schema."""

    model: type[models.Model]
    table: str
    column: str


def file_columns() -> list[FileColumn]:
    """Every FileField of the tenant apps' models (history event tables included: pghistory
    copies the tracked model's fields, file names with them)."""
    tenant_apps = set(settings.TENANT_APPS)
    columns = []
    for config in apps.get_app_configs():
        if config.name not in tenant_apps:
            continue
        for model in config.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    columns.append(FileColumn(model, model._meta.db_table, field.column))
    return columns


def structure_prefix(tenant_id: int) -> str:
    """The structure's folder in the storage (``core.documents.storage.tenant_folder``)."""
    return f"tenants/{tenant_id}/"


def renamed(name: str, *, old_id: int, new_id: int) -> str:
    """Where a file of structure ``old_id`` goes for structure ``new_id``."""
    old, new = structure_prefix(old_id), structure_prefix(new_id)
    if name.startswith(old):
        return new + name[len(old) :]
    # A name outside the structure's folder (none is made so today): kept under the new one.
    return f"{new}imported/{name.lstrip('/')}"


def walk(prefix: str) -> Iterator[str]:
    """Every file under ``prefix`` (a folder), recursively, through ``listdir``."""
    try:
        folders, files = default_storage.listdir(prefix.rstrip("/"))
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{prefix.rstrip('/')}/{name}"
    for folder in folders:
        yield from walk(f"{prefix.rstrip('/')}/{folder}")


def delete_files(names) -> int:
    deleted = 0
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)
            deleted += 1
    return deleted


def delete_prefix(prefix: str) -> int:
    """Delete every file under ``prefix``; on a filesystem the empty folders stay (harmless)."""
    return delete_files(list(walk(prefix)))
