"""GDPR: export one family's data, anonymise a family (financial records are kept)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from core.families.models import (
    AuthorisedPerson,
    ChangeRequest,
    ConsentAnswer,
    DossierSettings,
    Family,
    Guardian,
    Vaccination,
)

ANONYMOUS = "Anonyme"


def _plain(obj, exclude: tuple[str, ...] = ()) -> dict:
    data = model_to_dict(obj, exclude=list(exclude))
    data["id"] = obj.pk
    return data


def export_family(*, family: Family) -> bytes:
    """A zip with ``dossier.json`` (everything the structure holds) and the family's files."""
    documents = list(family.documents.select_related("document_type", "child"))
    dossier = {
        "exporté_le": timezone.now(),
        "famille": {
            **_plain(family, exclude=("notes",)),
            "number": family.number,
            "status": family.get_status_display(),
            "created_at": family.created_at,
        },
        "responsables": [
            {
                **_plain(g),
                "consentements": [
                    {"consentement": a.consent.label, "accepté": a.accepted, "le": a.answered_at}
                    for a in ConsentAnswer.objects.filter(user_id=g.user_id).select_related(
                        "consent"
                    )
                ]
                if g.user_id
                else [],
            }
            for g in family.guardians.all()
        ],
        "enfants": [
            {
                **_plain(c),
                "vaccinations": [_plain(v) for v in c.vaccinations.all()],
                "personnes_autorisées": [_plain(p) for p in c.authorised_persons.all()],
                "autorisations": [
                    {"question": a.question.label, "réponse": a.value, "le": a.answered_at}
                    for a in c.authorisations.select_related("question")
                ],
            }
            for c in family.children.all()
        ],
        "quotients_familiaux": [_plain(q) for q in family.quotients.all()],
        "ressources": [_plain(r) for r in family.resources.all()],
        "demandes": [_plain(r) for r in family.change_requests.all()],
        "documents": [
            {
                "type": d.document_type.name,
                "enfant": str(d.child) if d.child else None,
                "fichier": f"documents/{d.uuid}-{d.original_name}",
                "état": d.get_status_display(),
                "déposé_le": d.uploaded_at,
                "motif_refus": d.rejection_reason,
            }
            for d in documents
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "dossier.json", json.dumps(dossier, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        for d in documents:
            try:
                with d.file.open("rb") as handle:
                    archive.writestr(f"documents/{d.uuid}-{d.original_name}", handle.read())
            except FileNotFoundError:
                continue
    return buffer.getvalue()


def _purge_history(*, family: Family, guardians, children, user_ids) -> None:
    """Audit events hold the personal data too: drop every event about the family."""
    from django.db.models import Q

    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        if tracked is None:
            continue
        names = {f.name for f in model._meta.fields}
        condition = Q()
        if tracked is Family:
            condition |= Q(pgh_obj_id=family.pk)
        if tracked is Guardian:
            condition |= Q(pgh_obj_id__in=[g.pk for g in guardians])
        if "family" in names:
            condition |= Q(family_id=family.pk)
        if "child" in names:
            condition |= Q(child_id__in=[c.pk for c in children])
        if "user" in names and tracked is ConsentAnswer:
            condition |= Q(user_id__in=user_ids)
        if condition:
            model.objects.filter(condition).delete()


@transaction.atomic
def anonymise_family(*, family: Family) -> Family:
    """Replace names and contact details, drop health data, files and history; keep the
    family row, its number and (later) its invoices and payments."""
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.is_anonymised:
        return family
    guardians = list(family.guardians.select_related("user"))
    children = list(family.children.all())
    user_ids = [g.user_id for g in guardians if g.user_id]
    files = [d.file.name for d in family.documents.all() if d.file]
    family.documents.all().delete()
    # Files go once the anonymisation is committed: a rollback must not lose them.
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
    Vaccination.objects.filter(child__in=children).delete()
    AuthorisedPerson.objects.filter(child__in=children).delete()
    ChangeRequest.objects.filter(family=family).update(
        changes={}, target_label=ANONYMOUS, reason=""
    )
    for guardian in guardians:
        if guardian.user_id:
            user = guardian.user
            ConsentAnswer.objects.filter(user=user).delete()
            user.email = f"anonyme-{uuid.uuid4().hex}@invalid.invalid"
            user.first_name = user.last_name = ""
            user.is_active = False
            user.set_unusable_password()
            user.save()
            user.emailaddress_set.all().delete()
        Guardian.objects.filter(pk=guardian.pk).update(
            first_name=ANONYMOUS,
            last_name=ANONYMOUS,
            birth_date=None,
            phone_mobile="",
            phone_home="",
            phone_work="",
            email="",
            profession="",
            employer="",
            address_line1="",
            address_line2="",
            postal_code="",
            city="",
            user=None,
        )
    for child in children:
        type(child).objects.filter(pk=child.pk).update(
            first_name=ANONYMOUS,
            last_name=ANONYMOUS,
            school_name="",
            doctor_name="",
            doctor_phone="",
            allergies="",
            has_pai=False,
            pai_details="",
            meal_type=None,
            wears_glasses=False,
            health_notes="",
            # The year stays for age statistics; the exact date identifies the child.
            birth_date=child.birth_date.replace(month=1, day=1),
        )
    Family.objects.filter(pk=family.pk).update(
        name=ANONYMOUS,
        address_line1="",
        address_line2="",
        postal_code="",
        city="",
        phone="",
        email="",
        allocataire_number="",
        account_holder="",
        iban="",
        bic="",
        notes="",
        refusal_reason="",
        anonymised_at=timezone.now(),
    )
    _purge_history(family=family, guardians=guardians, children=children, user_ids=user_ids)
    family.refresh_from_db()
    return family


def families_past_retention() -> list[Family]:
    years = DossierSettings.current().retention_years
    limit = timezone.now() - timedelta(days=365 * years)
    return list(Family.objects.filter(anonymised_at__isnull=True, last_activity_at__lt=limit))


def anonymise_inactive_families() -> int:
    families = families_past_retention()
    for family in families:
        anonymise_family(family=family)
    return len(families)
