"""Installing the modules' default document types in a structure's schema."""

from __future__ import annotations

from collections.abc import Iterable

from core.documents.models import DocumentType
from core.modules import DocumentTypeDefault


def default_key(module_id: str, code: str) -> str:
    return f"{module_id}.{code}"


def install_document_types(defaults: Iterable[DocumentTypeDefault], *, module_id: str) -> int:
    """Add the module's default types that are missing; never touch an existing row.

    A row is found by its ``default_key`` whatever the staff did to it since (renamed,
    deactivated, other modules), so running this again changes nothing. Each module gets its
    own rows, scoped to it: a structure with two modules asking for the same document may
    deactivate one or widen the other's modules. Returns how many were created.
    """
    defaults = list(defaults)
    keys = {default_key(module_id, d.code) for d in defaults}
    existing = set(
        DocumentType.objects.filter(default_key__in=keys).values_list("default_key", flat=True)
    )
    created = DocumentType.objects.bulk_create(
        [
            DocumentType(
                default_key=default_key(module_id, d.code),
                name=d.name,
                description=d.description,
                scope=d.scope,
                modules=[module_id],
                activity_kinds=list(d.activity_kinds),
                required=d.required,
                validity=d.validity,
                edition=d.edition,
                requires_review=d.requires_review,
                order=d.order,
            )
            for d in defaults
            if default_key(module_id, d.code) not in existing
        ],
        # A concurrent install (a relaunched provisioning) may have inserted the same keys.
        ignore_conflicts=True,
    )
    return len(created)
