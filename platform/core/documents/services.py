"""Required documents: what a family must send, uploads, review by the staff, expiry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from core.documents.models import Document, DocumentType
from core.documents.uploads import check_upload
from core.families.models import Child, DossierSettings, Family
from core.families.services.changes import touch
from core.module_hooks import requested_documents as module_requested_documents
from core.modules import registry
from core.tenancy.context import current_structure, structure_today

# Requirement.status values.
MISSING = "missing"
AWAITING_REVIEW = Document.STATUS_AWAITING_REVIEW
REJECTED = Document.STATUS_REJECTED
ACCEPTED = Document.STATUS_ACCEPTED
EXPIRED = Document.STATUS_EXPIRED

# What Document.expire() moves to "expired"; the bulk update below follows the same rule.
_EXPIRABLE = (Document.STATUS_ACCEPTED, Document.STATUS_AWAITING_REVIEW)


def school_year_end(day: date) -> date:
    """The 31 August that ends the school year (1 September → 31 August) containing ``day``."""
    return date(day.year + 1 if day.month >= 9 else day.year, 8, 31)


# Configuration ---------------------------------------------------------------------------------
def check_document_type(
    *,
    scope: str,
    modules: Iterable[str],
    activity_kinds: Iterable[str],
    edition: str,
    instance: DocumentType | None = None,
) -> None:
    """The rules a type the staff configures must follow; ``ValidationError`` by field.

    Modules must be enabled for the structure, activity kinds must belong to those modules
    (or to any enabled module when none is chosen), the health form is a per-child edition,
    and a type that already received documents keeps its scope (they were filed under it).
    """
    tenant = current_structure()
    registered = {m.id: m for m in registry}
    enabled = {m.id for m in registry.for_tenant(tenant)} if tenant else set()
    # What the type already had stays acceptable: a module switched off since must not
    # prevent the staff from renaming or deactivating the type.
    kept_modules = set(instance.modules) if instance is not None else set()
    kept_kinds = set(instance.activity_kinds) if instance is not None else set()
    errors: dict[str, list[str]] = {}
    modules = list(modules)
    for module_id in modules:
        if module_id not in enabled and module_id not in kept_modules:
            errors.setdefault("modules", []).append(
                f"Le module « {module_id} » n'est pas activé pour cette structure."
            )
    chosen = [registered[m] for m in modules if m in registered] or [registered[m] for m in enabled]
    kinds = {kind.id for module in chosen for kind in module.activity_kinds} | kept_kinds
    for kind in activity_kinds:
        if kind not in kinds:
            errors.setdefault("activity_kinds", []).append(
                f"Le type d'activité « {kind} » n'existe pas dans les modules choisis."
            )
    if edition == DocumentType.EDITION_HEALTH_FORM and scope != DocumentType.SCOPE_CHILD:
        errors.setdefault("edition", []).append(
            "La fiche sanitaire pré-remplie concerne un enfant : choisissez « Pour chaque enfant »."
        )
    if (
        instance is not None
        and instance.pk
        and scope != instance.scope
        and instance.documents.exists()
    ):
        errors.setdefault("scope", []).append(
            "Des documents ont déjà été déposés pour ce type : il ne peut plus passer de la "
            "famille aux enfants ni l'inverse. Créez un autre type de document."
        )
    if errors:
        raise ValidationError(errors)


# Uploads ---------------------------------------------------------------------------------------
def upload_document(
    *,
    family: Family,
    document_type: DocumentType,
    file,
    child: Child | None = None,
    valid_until: date | None = None,
    user,
) -> Document:
    """Store a file a family sends for one document type (and one child for per-child types).

    Raises ``ValidationError`` (French messages by field) and stores nothing when the type,
    the dates or the file are not acceptable; ``Http404`` when the child is not the family's.
    Earlier documents of the same type are kept: the newest one is the current one.
    """
    if not document_type.active:
        raise ValidationError({"document_type": ["Ce document n'est plus demandé."]})
    if document_type.scope == DocumentType.SCOPE_FAMILY:
        if child is not None:
            raise ValidationError(
                {"child": ["Ce document concerne toute la famille : ne choisissez pas d'enfant."]}
            )
    else:
        if child is None:
            raise ValidationError({"child": ["Choisissez l'enfant concerné par ce document."]})
        if child.family_id != family.pk:
            raise Http404
    today = structure_today()
    if document_type.validity == DocumentType.VALIDITY_DATED:
        if valid_until is None:
            raise ValidationError(
                {"valid_until": ["Indiquez jusqu'à quelle date ce document est valable."]}
            )
        if valid_until <= today:
            raise ValidationError(
                {"valid_until": ["La date de fin de validité doit être dans le futur."]}
            )
    elif document_type.validity == DocumentType.VALIDITY_SCHOOL_YEAR:
        valid_until = school_year_end(today)
    else:
        valid_until = None  # permanent: a date sent by the client means nothing

    checked = check_upload(file, max_mb=DossierSettings.current().max_upload_mb)
    document = Document(
        family=family,
        child=child,
        document_type=document_type,
        original_name=checked.display_name,
        content_type=checked.content_type,
        size=checked.size,
        valid_until=valid_until,
        uploaded_by=user,
    )
    if not document_type.requires_review:
        # Nothing for the staff to check: the document counts as soon as it is sent.
        document.status = Document.STATUS_ACCEPTED
        document.reviewed_at = document.uploaded_at
    # The name only carries the extension: storage.py draws a random one under the structure.
    document.file.save(f"upload.{checked.extension}", file, save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    touch(family)
    return document


# Review ----------------------------------------------------------------------------------------
def review_document(*, document: Document, accept: bool, reason: str = "", by) -> Document:
    """Accept or reject a document awaiting review; a rejection is e-mailed to the family.

    Raises ``ValidationError`` when rejecting without a reason or when the document was
    already reviewed (by someone else in the meantime, too: the row is locked).
    """
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError(
            {"reason": ["Indiquez le motif du refus : il est envoyé à la famille."]}
        )
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        try:
            if accept:
                locked.accept(by=by)
            else:
                locked.reject(by=by, reason=reason)
        except ValueError as exc:
            raise ValidationError({"decision": [str(exc)]}) from exc
        if not accept:
            _notify_rejection(locked)
    document.refresh_from_db()
    return document


def _notify_rejection(document: Document) -> None:
    # Same recipients, sender and layout (structure name and logo) as the file's other e-mails.
    from core.families.services.notifications import send_family_email

    send_family_email(
        family=document.family,
        template="document_rejected",
        subject=f"Document refusé : {document.document_type.name}",
        document=document,
    )


# Expiry ----------------------------------------------------------------------------------------
def expire_documents(*, today: date | None = None) -> int:
    """Mark as expired the documents whose validity ended before today; returns how many.

    One UPDATE rather than ``Document.expire()`` per row: on 1 September every school-year
    document of the structure expires at once. The audit triggers still record each row.
    """
    today = today or structure_today()
    return Document.objects.filter(status__in=_EXPIRABLE, valid_until__lt=today).update(
        status=Document.STATUS_EXPIRED
    )


# Requirements ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Requirement:
    """One required document for the family (``child`` None) or for one child.

    ``document`` is the current one: the newest not expired, else the newest expired one
    (so the family sees what to renew), else None. ``status`` is that document's state
    ("missing" without one). ``satisfied`` is true when a still-valid document is accepted,
    or awaiting review for a type the structure does not review: a document awaiting review
    does **not** satisfy a type that ``requires_review`` (the staff has not seen it yet). An
    older accepted and still-valid document keeps the requirement satisfied while a newer one
    is awaiting review or was rejected (a renewal in progress does not block the family).
    """

    document_type: DocumentType
    child: Child | None
    document: Document | None
    satisfied: bool
    status: str


def applicable_document_types(
    *,
    module: str | None = None,
    activity_kind: str | None = None,
    required_only: bool = True,
) -> list[DocumentType]:
    """Active types that apply to ``module`` (or to any module the structure enabled) and to
    ``activity_kind`` (or any). A type with no modules (or no kinds) applies to all."""
    tenant = current_structure()
    enabled = {m.id for m in registry.for_tenant(tenant)} if tenant else set()
    wanted = {module} if module is not None else enabled
    types = DocumentType.objects.filter(active=True)
    if required_only:
        types = types.filter(required=True)
    return [
        t
        for t in types
        if (not t.modules or wanted.intersection(t.modules))
        and (activity_kind is None or not t.activity_kinds or activity_kind in t.activity_kinds)
    ]


def document_requirements(
    *,
    family: Family,
    child: Child | None = None,
    module: str | None = None,
    activity_kind: str | None = None,
) -> list[Requirement]:
    """Every required document that applies to the family and to each of its children (or
    to ``child`` only, e.g. for one child's enrolment: the family-wide ones are still listed,
    since they are needed whichever child is enrolled), each with its current document; then
    what the modules ask this family for on top (``Module.requested_documents``: a stay's
    own documents, a contract to sign).

    Three queries whatever the number of children and types. Documents past their
    ``valid_until`` count as expired even before the nightly task marks them.
    """
    if child is not None and child.family_id != family.pk:
        raise Http404
    types = applicable_document_types(module=module, activity_kind=activity_kind)
    family_types = [t for t in types if t.scope == DocumentType.SCOPE_FAMILY]
    child_types = [t for t in types if t.scope == DocumentType.SCOPE_CHILD]
    children = [child] if child is not None else list(family.children.all())
    slots: list[tuple[DocumentType, Child | None]] = [(t, None) for t in family_types]
    slots += [(t, c) for c in children for t in child_types]
    taken = {(t.pk, c.pk if c else None) for t, c in slots}
    for t, c in module_requested_documents(family=family, child=child, module=module):
        if (t.pk, c.pk if c else None) not in taken:
            taken.add((t.pk, c.pk if c else None))
            slots.append((t, c))
    if not slots:
        return []

    documents = Document.objects.filter(
        family=family, document_type__in=[t for t, _ in slots]
    ).order_by("-uploaded_at", "-pk")
    by_slot: dict[tuple[int, int | None], list[Document]] = {}
    for document in documents:
        by_slot.setdefault((document.document_type_id, document.child_id), []).append(document)

    today = structure_today()
    return [
        _requirement(t, c, by_slot.get((t.pk, c.pk if c else None), []), today=today)
        for t, c in slots
    ]


def effective_status(document: Document, *, today: date) -> str:
    if document.status in _EXPIRABLE and document.valid_until and document.valid_until < today:
        return Document.STATUS_EXPIRED
    return document.status


def _requirement(
    document_type: DocumentType, child: Child | None, documents: Iterable[Document], *, today
) -> Requirement:
    documents = list(documents)  # newest first
    current_ones = [d for d in documents if effective_status(d, today=today) != EXPIRED]
    current = current_ones[0] if current_ones else (documents[0] if documents else None)
    counted = {ACCEPTED} if document_type.requires_review else {ACCEPTED, AWAITING_REVIEW}
    return Requirement(
        document_type=document_type,
        child=child,
        document=current,
        satisfied=any(d.status in counted for d in current_ones),
        status=effective_status(current, today=today) if current else MISSING,
    )
