"""A family file's history, read from the audit events django-pghistory records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from pghistory.models import Events

from core.accounts.models import User
from core.families.models import Family

# Internal bookkeeping, not changes anyone made to the file.
_IGNORED_FIELDS = {"last_activity_at", "pgh_obj", "id", "family", "uuid"}


@dataclass
class HistoryEntry:
    at: datetime
    action: str  # "insert" | "update" | "delete"
    object_type: str
    object_label: str
    author: str
    changes: list[dict[str, Any]]


_ACTIONS = {"insert": "Création", "update": "Modification", "delete": "Suppression"}


def _tracked_model(event_model_label: str):
    event_model = apps.get_model(event_model_label)
    return event_model.pgh_tracked_model


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a column of the event table the model no longer has
        return name


def family_history(*, family: Family, limit: int = 300) -> list[HistoryEntry]:
    """Every recorded change to the family, its guardians, children and their records."""
    # pghistory aggregates events referencing objects of one model at a time.
    groups = [[family], list(family.guardians.all()), list(family.children.all())]
    by_slug = {}
    for objects in groups:
        if objects:
            for event in Events.objects.references(objects).order_by("-pgh_created_at")[:limit]:
                by_slug[event.pgh_slug] = event
    events = sorted(by_slug.values(), key=lambda e: (e.pgh_created_at, e.pgh_id), reverse=True)
    events = events[:limit]
    user_ids = {
        (e.pgh_context or {}).get("user") for e in events if (e.pgh_context or {}).get("user")
    }
    users = {str(u.pk): u for u in User.objects.filter(pk__in=user_ids)}
    entries = []
    for event in events:
        model = _tracked_model(event.pgh_model)
        context = event.pgh_context or {}
        author = users.get(str(context.get("user")))
        data = event.pgh_data or {}
        if event.pgh_label == "update":
            diff = {k: v for k, v in (event.pgh_diff or {}).items() if k not in _IGNORED_FIELDS}
            if not diff:
                continue
            changes = [
                {"field": _label(model, k), "before": v[0], "after": v[1]} for k, v in diff.items()
            ]
        else:
            changes = []
        entries.append(
            HistoryEntry(
                at=event.pgh_created_at,
                action=_ACTIONS.get(event.pgh_label, event.pgh_label),
                object_type=str(model._meta.verbose_name).capitalize(),
                object_label=_object_label(model, data),
                author=(author.get_full_name() or author.email) if author else "Système",
                changes=changes,
            )
        )
    return entries


def _object_label(model, data: dict) -> str:
    for keys in (("first_name", "last_name"), ("name",), ("vaccine",), ("value",)):
        if all(k in data for k in keys):
            return " ".join(str(data[k]) for k in keys)
    return f"n° {data.get('id', '')}"
