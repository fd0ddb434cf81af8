"""The rules of one change (book or cancel a child on an opening), evaluated on preloaded data.

The planning grid (what is editable, and why not) and the commit engine (what is allowed now)
ask the same function, so what the parent sees is what the server enforces.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from core.booking.models import Enrolment, Reservation
from core.booking.services.context import ACTION_BOOK, ACTION_CANCEL, BookingContext
from core.booking.windows import format_date


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    code: str = ""  # "" | closed | not_enrolled | enrolment_pending | deadline_passed | …
    reason: str = ""  # French, for the parent

    @classmethod
    def ok(cls) -> Verdict:
        return cls(True)

    @classmethod
    def no(cls, code: str, reason: str) -> Verdict:
        return cls(False, code, reason)


@dataclass
class Snapshot:
    """The children's reservations and enrolments around the openings concerned."""

    ctx: BookingContext
    # (child_id, opening_id) → live reservation
    live: dict[tuple[int, int], Reservation] = field(default_factory=dict)
    # (child_id, date) → unit ids held that day (holding states)
    held: dict[tuple[int, date], set[int]] = field(default_factory=lambda: defaultdict(set))
    # (child_id, activity_id) → enrolment (the live one)
    enrolments: dict[tuple[int, int], Enrolment] = field(default_factory=dict)

    @classmethod
    def load(cls, *, ctx: BookingContext, child_ids, dates, activity_ids) -> Snapshot:
        """Two queries whatever the number of children, days and activities."""
        snap = cls(ctx=ctx)
        reservations = Reservation.objects.filter(
            child_id__in=child_ids, date__in=dates, state__in=Reservation.LIVE
        ).only(
            "id",
            "child_id",
            "opening_id",
            "unit_id",
            "date",
            "state",
            "amount",
            "tariff_name",
            "enrolment_id",
            "decided_by_id",
        )
        for reservation in reservations:
            snap.add(reservation)
        for enrolment in Enrolment.objects.filter(
            child_id__in=child_ids, activity_id__in=activity_ids, status__in=Enrolment.LIVE
        ):
            snap.enrolments[(enrolment.child_id, enrolment.activity_id)] = enrolment
        return snap

    def add(self, reservation: Reservation) -> None:
        self.live[(reservation.child_id, reservation.opening_id)] = reservation
        if reservation.state in Reservation.HOLDING:
            self.held[(reservation.child_id, reservation.date)].add(reservation.unit_id)

    def release(self, reservation: Reservation) -> None:
        self.live.pop((reservation.child_id, reservation.opening_id), None)
        self.held[(reservation.child_id, reservation.date)].discard(reservation.unit_id)


def enrolment_verdict(enrolment: Enrolment | None) -> Verdict:
    if enrolment is None:
        return Verdict.no("not_enrolled", "Pas d'inscription à cette activité")
    if enrolment.status == Enrolment.STATUS_REQUESTED:
        return Verdict.no("enrolment_pending", "Inscription en attente de validation")
    if enrolment.status == Enrolment.STATUS_WAITLISTED:
        return Verdict.no("enrolment_pending", "Inscription en liste d'attente")
    return Verdict.ok()


def check_book(
    snap: Snapshot,
    *,
    child_id: int,
    opening,
    staff: bool = False,
    adding: set[int] | None = None,
) -> Verdict:
    """May ``child_id`` be booked on ``opening`` now? ``adding``: unit ids the same change set
    books for that child that day (for incompatibilities and requirements)."""
    unit = opening.unit
    activity = unit.activity
    if opening.closed:
        return Verdict.no("closed", "Fermé")
    if (child_id, opening.pk) in snap.live:
        return Verdict.no("already", "Déjà réservé")
    enrolment = snap.enrolments.get((child_id, activity.pk))
    verdict = enrolment_verdict(enrolment)
    if not verdict.allowed:
        return verdict
    if enrolment.group_id and opening.group_id and enrolment.group_id != opening.group_id:
        return Verdict.no("other_group", "Ouvert pour un autre groupe")
    if opening.date < snap.ctx.today:
        return Verdict.no("past", "Date passée")
    if not staff:
        decision = snap.ctx.decide(unit=unit, day=opening.date, action=ACTION_BOOK)
        if not decision.allowed:
            return Verdict.no(decision.code, decision.reason)
    held = snap.held.get((child_id, opening.date), set()) | (adding or set())
    conflict = snap.ctx.conflicts(unit.pk, held)
    if conflict:
        code = "incompatible" if conflict.startswith("Incompatible") else "requires"
        return Verdict.no(code, conflict)
    return Verdict.ok()


def check_cancel(snap: Snapshot, *, child_id: int, opening, staff: bool = False) -> Verdict:
    reservation = snap.live.get((child_id, opening.pk))
    if reservation is None:
        return Verdict.no("not_booked", "Aucune réservation à annuler")
    if reservation.state in Reservation.FINAL:
        return Verdict.no("final", final_reason(reservation, today=snap.ctx.today))
    if reservation.state == Reservation.CANCEL_REQUESTED:
        return Verdict.no("already", "Annulation déjà demandée")
    if opening.date < snap.ctx.today:
        return Verdict.no("past", "Date passée")
    if staff or reservation.state in (Reservation.WAITLISTED, Reservation.REQUESTED):
        # Leaving a waiting list or withdrawing a request costs nothing and frees nothing late.
        return Verdict.ok()
    decision = snap.ctx.decide(unit=opening.unit, day=opening.date, action=ACTION_CANCEL)
    if not decision.allowed:
        reason = decision.reason
        if decision.code == "deadline_passed":
            reason = f"{reason} — déclarez une absence"
        return Verdict.no(decision.code, reason)
    return Verdict.ok()


# What a final day says while no attendance was taken: the absence declared, by state.
ABSENCE_REASONS = {
    Reservation.ABSENT_EXCUSED: "Absence excusée",
    Reservation.ABSENT_BILLED: "Absence facturée",
}


def attendance_taken(reservation: Reservation, *, today: date) -> bool:
    """Was the child's attendance actually taken? « Présent » is only ever marked on the
    attendance sheet; an absence is attendance only when staff marked it on the day or after
    (the family declares its absences in advance, ``decided_by`` empty; staff answering a
    cancellation request before the day record an absence, not an attendance)."""
    if reservation.state == Reservation.PRESENT:
        return True
    return reservation.date <= today and reservation.decided_by_id is not None


def final_reason(reservation: Reservation, *, today: date) -> str:
    """Why a final reservation can no longer change, in the family's words: the attendance was
    taken, or an absence was declared."""
    if attendance_taken(reservation, today=today):
        return "Présence déjà relevée"
    return ABSENCE_REASONS.get(reservation.state, "Absence déclarée")


def check_absence(snap: Snapshot, *, child_id: int, opening) -> Verdict:
    """A parent may declare an absence on a confirmed day until the day itself."""
    reservation = snap.live.get((child_id, opening.pk))
    if reservation is None or reservation.state not in (
        Reservation.CONFIRMED,
        Reservation.CANCEL_REQUESTED,
    ):
        return Verdict.no("not_booked", "Aucune réservation confirmée ce jour")
    if opening.date < snap.ctx.today:
        return Verdict.no(
            "past", f"Date passée : l'absence du {format_date(opening.date)} se signale à l'accueil"
        )
    return Verdict.ok()


def check(snap: Snapshot, *, action: str, child_id: int, opening, staff: bool = False, adding=None):
    if action == ACTION_CANCEL:
        return check_cancel(snap, child_id=child_id, opening=opening, staff=staff)
    return check_book(snap, child_id=child_id, opening=opening, staff=staff, adding=adding)
