"""Absences: a family declares one (dates, reason, comment, optional proof sent through the
core's documents), staff qualify it (the kind retained decides the deduction,
``attendance.Rules``), or note an éviction by the crèche's doctor themselves.

An absence belongs to the contract that covers its dates: the billing reads the contract's
qualified absences. Once a month of the absence is invoiced its qualification is final (the
issued lines are immutable; a change would not be billed), so staff are told so, and a family
may no longer declare an absence in such a month (staff could never qualify it).

An absence staff qualify (or note), and a « congé » a family declares, free the child's places
on its contract days from today on: the confirmed half-hours move to the module's ``leave``
state (``module.py``: holds no place), so occasional care may take them. The billing does not
read these reservations (the fee comes from the planned days and the qualified absences).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from core.booking.models import Reservation
from core.booking.services import engine
from core.documents.defaults import default_key
from core.documents.models import DocumentType
from core.documents.services import upload_document
from core.errors import DomainError
from core.families.models import Child, Family
from core.tenancy.context import structure_today
from modules.creche.attendance import AbsenceKind
from modules.creche.models import Absence, Contract
from modules.creche.services.billing import issued_references, months_between
from modules.creche.services.board import LEAVE
from modules.creche.services.planning import planned_days

PROOF_TYPE = default_key("creche", "justificatif_absence")
#: What a family may give as its reason, and its French label.
REASONS = {
    AbsenceKind.ILLNESS.value: "Maladie",
    AbsenceKind.HOSPITALISATION.value: "Hospitalisation",
    AbsenceKind.LEAVE.value: "Congé",
    AbsenceKind.OTHER.value: "Autre",
}
#: What staff may retain (closures come from the establishment's calendar).
RETAINED = (
    AbsenceKind.ILLNESS.value,
    AbsenceKind.HOSPITALISATION.value,
    AbsenceKind.EVICTION.value,
    AbsenceKind.LEAVE.value,
    AbsenceKind.OTHER.value,
)
#: Kinds that need a proof seen by staff: an uploaded one or a note saying it was received.
NEEDS_PROOF = (AbsenceKind.ILLNESS.value, AbsenceKind.HOSPITALISATION.value)
DECLARABLE_STATES = (Contract.PROPOSED, Contract.SIGNED)
MAX_DAYS = 92


class AbsenceRefused(DomainError):
    code = "absence_refused"


def proof_type() -> DocumentType:
    """The module's document type for proofs (installed with the module's defaults)."""
    document_type = DocumentType.objects.filter(default_key=PROOF_TYPE).first()
    if document_type is None:
        raise AbsenceRefused(
            "Le type de document « Justificatif d'absence (crèche) » manque : réactivez le "
            "module crèche pour l'installer.",
            field="proof",
        )
    return document_type


def _check_dates(start: date, end: date) -> None:
    if end < start:
        raise AbsenceRefused("La date de fin précède la date de début.", field="end_date")
    if (end - start).days >= MAX_DAYS:
        raise AbsenceRefused(
            f"Une absence dure au plus {MAX_DAYS} jours : déclarez la suite à part.",
            field="end_date",
        )


def contract_for(*, child: Child, start: date, end: date, states=DECLARABLE_STATES) -> Contract:
    contract = (
        Contract.objects.filter(
            child=child, state__in=states, start_date__lte=start, end_date__gte=end
        )
        .select_related("establishment")
        .first()
    )
    if contract is None:
        raise AbsenceRefused(
            "Aucun contrat d'accueil en cours ne couvre ces dates pour cet enfant.",
            field="start_date",
        )
    return contract


def _no_overlap(contract: Contract, start: date, end: date, *, exclude: int | None = None):
    overlapping = contract.absences.filter(start_date__lte=end, end_date__gte=start)
    if exclude:
        overlapping = overlapping.exclude(pk=exclude)
    if overlapping.exists():
        raise AbsenceRefused(
            "Une absence est déjà déclarée sur ces dates : modifiez-la plutôt que d'en "
            "déclarer une autre.",
            field="start_date",
        )


def declare_absence(
    *,
    family: Family,
    user,
    child_id: int,
    start: date,
    end: date,
    reason: str,
    comment: str = "",
    proof=None,
) -> Absence:
    """A family's declaration; the proof (PDF, JPEG or PNG, checked by its content) is stored
    as a document of the child through the core's upload service."""
    child = Child.objects.filter(family=family, pk=child_id).first()
    if child is None:
        raise Http404
    if reason not in REASONS:
        raise AbsenceRefused("Choisissez le motif de l'absence.", field="reason")
    _check_dates(start, end)
    contract = contract_for(child=child, start=start, end=end)
    with transaction.atomic():
        # An invoiced month is final: an absence declared in it could never be qualified
        # (``qualify_absence``) nor deducted, so the family is sent to the crèche at once.
        if _billed(contract.pk, start, end):
            raise AbsenceRefused(
                "Ce mois est déjà facturé : contactez la crèche pour régulariser.",
                field="start_date",
            )
        _no_overlap(contract, start, end)
        document = None
        if proof is not None:
            document = upload_document(
                family=family, document_type=proof_type(), file=proof, child=child, user=user
            )
        absence = Absence.objects.create(
            child=child,
            contract=contract,
            start_date=start,
            end_date=end,
            declared_kind=reason,
            kind=reason,
            comment=(comment or "").strip()[:1000],
            proof=document,
            declared_by=user,
        )
        # A « congé » is not to be qualified (no proof): its places are free at once. The
        # family's own move, decided by nobody on the staff.
        if reason == AbsenceKind.LEAVE.value:
            free_absence_places(absence=absence, contract=contract, by=None)
        return absence


def billed_months(absence: Absence) -> list[str]:
    """The months of the absence whose fee is already invoiced (« 2027-02 »)."""
    return _billed(absence.contract_id, absence.start_date, absence.end_date)


def _billed(contract_id: int, start: date, end: date) -> list[str]:
    months = [f"{y:04d}-{m:02d}" for y, m in months_between(start, end)]
    references = [f"fee:{contract_id}:{month}" for month in months]
    issued = issued_references(references)
    return [month for month, ref in zip(months, references, strict=True) if ref in issued]


def qualify_absence(*, absence: Absence, kind: str, note: str = "", by) -> Absence:
    """Staff retain a kind: illness only with a medical certificate (without one the absence is
    « autre »), hospitalisation with its bulletin — the proof uploaded, or a note saying it
    was handed in. Refused once a month of the absence is invoiced. Whatever the kind, the
    child is away: its places from today on are freed (:func:`free_absence_places`)."""
    note = (note or "").strip()
    if kind not in RETAINED:
        raise AbsenceRefused("Motif retenu inconnu.", field="kind")
    if kind in NEEDS_PROOF and absence.proof_id is None and not note:
        raise AbsenceRefused(
            "Sans justificatif joint, indiquez dans la note que le certificat ou le bulletin a "
            "été remis à l'équipe — sinon retenez « autre motif » (non déductible).",
            field="note",
        )
    with transaction.atomic():
        absence = Absence.objects.select_for_update().get(pk=absence.pk)
        billed = billed_months(absence)
        if billed:
            raise AbsenceRefused(
                "Le mois de cette absence est déjà facturé ("
                + ", ".join(billed)
                + ") : sa qualification ne peut plus changer. Corrigez par un avoir.",
                field="kind",
            )
        absence.kind = kind
        absence.staff_note = note[:300]
        absence.state = Absence.QUALIFIED
        absence.qualified_at = timezone.now()
        absence.qualified_by = by
        absence.save()
        free_absence_places(absence=absence, contract=absence.contract, by=by)
    return absence


def free_absence_places(*, absence: Absence, contract: Contract, by) -> int:
    """Move the child's confirmed half-hours on the contract's planned days of the absence,
    from today on, to ``leave``: the places are free for occasional care. Past days stay as
    they are (the engine's rule). Returns how many half-hours were freed.

    As the engine does (``engine.apply_changes`` → ``save_changes``): the openings are locked
    in id order first, the reservations re-read under that lock, and each opening's ``booked``
    counter is decremented by the half-hours it loses, so the counter stays equal to the
    reservations holding a place whatever runs at the same time."""
    establishment = contract.establishment
    first = max(absence.start_date, structure_today())
    if establishment.activity_id is None or first > absence.end_date:
        return 0
    days = [d.day for d in planned_days(contract=contract, start=first, end=absence.end_date)]
    if not days:
        return 0
    candidates = Reservation.objects.filter(
        child_id=contract.child_id,
        unit__activity_id=establishment.activity_id,
        date__in=days,
        state=Reservation.CONFIRMED,
    )
    opening_ids = list(candidates.values_list("opening_id", flat=True))
    if not opening_ids:
        return 0
    with transaction.atomic():
        openings = engine.load_openings(opening_ids, lock=True)
        moved = list(
            Reservation.objects.filter(
                child_id=contract.child_id,
                opening_id__in=list(openings),
                state=Reservation.CONFIRMED,
            )
            .order_by("pk")
            .select_for_update()
        )
        reason = f"Absence : {absence.get_kind_display()}"[:200]
        for reservation in moved:
            reservation.move_to(LEAVE, by=by, reason=reason)
            openings[reservation.opening_id].booked -= 1
        freed = {r.opening_id for r in moved}
        engine.save_changes(
            openings=openings,
            touched=freed,
            freed=freed,
            updated=moved,
            fields=[*Reservation.MOVE_FIELDS, "reason"],
            by=by,
        )
    return len(moved)


def note_eviction(*, contract: Contract, start: date, end: date, note: str, by) -> Absence:
    """An éviction pronounced by the crèche's doctor, noted by staff: qualified at once,
    deducted from its first day, its places freed from today on."""
    _check_dates(start, end)
    if contract.state not in (*DECLARABLE_STATES, Contract.ENDED) or not (
        contract.start_date <= start and end <= contract.end_date
    ):
        raise AbsenceRefused("Ces dates sont hors du contrat.", field="start_date")
    with transaction.atomic():
        _no_overlap(contract, start, end)
        now = timezone.now()
        absence = Absence.objects.create(
            child_id=contract.child_id,
            contract=contract,
            start_date=start,
            end_date=end,
            declared_kind=AbsenceKind.EVICTION.value,
            kind=AbsenceKind.EVICTION.value,
            state=Absence.QUALIFIED,
            staff_note=(note or "").strip()[:300],
            declared_by=by,
            declared_at=now,
            qualified_by=by,
            qualified_at=now,
        )
        free_absence_places(absence=absence, contract=contract, by=by)
        return absence


def declarable_contracts(*, family: Family) -> list[Contract]:
    """The family's running contracts (not yet over) a declaration may name."""
    return list(
        Contract.objects.filter(
            family=family, state__in=DECLARABLE_STATES, end_date__gte=structure_today()
        )
        .select_related("child", "establishment")
        .order_by("child__first_name", "start_date")
    )
