"""Reservations: one child × one opening (unit × date), with their state machine."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from core.errors import DomainError
from core.modules import ReservationState, registry

# States modules declare through ``Module.reservation_states`` (``core/modules.py``), listed
# here so that the database CHECK (and its migration) names them: the system check
# ``booking.E001`` (``core/booking/checks.py``) fails when the CHECK and the registry disagree.
# See docs/decisions/0019-reservation-states.md.
MODULE_STATES: tuple[str, ...] = ("leave",)  # creche


class IllegalTransition(DomainError):
    """A move the reservation state machine does not allow (nothing was changed)."""

    code = "illegal_transition"
    status_code = 409

    def __init__(self, source: str | None, target: str) -> None:
        labels = Reservation.state_labels()
        if source is None:
            message = f"Une réservation ne peut pas être créée « {labels.get(target, target)} »."
        else:
            message = (
                f"Une réservation « {labels.get(source, source)} » ne peut pas passer à "
                f"« {labels.get(target, target)} »."
            )
        super().__init__(message, field="state")
        self.source, self.target = source, target


class ReservationQuerySet(models.QuerySet):
    def move_to(self, state: str, *, by=None, reason: str = "") -> int:
        """Move every reservation of the queryset that may go to ``state`` (one UPDATE whose
        WHERE keeps only the legal sources; the others are left as they are) and set what
        :meth:`Reservation.move_to` sets. Returns the number moved."""
        now = timezone.now()
        values: dict[str, object] = {
            "state": state,
            "decided_by": by,
            "decided_at": now if by is not None else None,
            "updated_at": now,
        }
        if reason:
            values["reason"] = reason
        if state == Reservation.WAITLISTED:
            values["waitlisted_at"] = now
        if state == Reservation.REQUESTED:
            values["requested_at"] = now
        if state == Reservation.CANCEL_REQUESTED:
            values["cancel_requested_at"] = now
        return self.filter(state__in=Reservation.sources_of(state)).update(**values)


@cache
def _transitions(module_states: tuple[ReservationState, ...]) -> dict[str, frozenset[str]]:
    table = {source: set(targets) for source, targets in Reservation.TRANSITIONS.items()}
    for declared in module_states:
        table.setdefault(declared.code, set()).update(declared.transitions_to)
        for source in declared.transitions_from:
            table.setdefault(source, set()).add(declared.code)
    return {source: frozenset(targets) for source, targets in table.items()}


class Reservation(models.Model):
    """A child booked (or waiting, or absent…) on one opening.

    The state machine is :attr:`TRANSITIONS` (plus the states modules declare, see
    ``core.modules.ReservationState``); a reservation is created in one of :attr:`INITIAL`
    (:meth:`new`) and changes state only through :meth:`move_to` (one reservation) or
    ``Reservation.objects.filter(…).move_to(state)`` (a bulk UPDATE that keeps only the legal
    sources). A CHECK constraint keeps any other state out of the table. The moves that take
    or free places are made by ``core.booking.services.engine`` and ``decisions`` under the
    openings' row locks.
    """

    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    REFUSED = "refused"
    CANCEL_REQUESTED = "cancel_requested"
    CANCELLED = "cancelled"
    PRESENT = "present"
    ABSENT_EXCUSED = "absent_excused"
    ABSENT_BILLED = "absent_billed"
    STATE_CHOICES = [
        (REQUESTED, "Demande de réservation"),
        (CONFIRMED, "Réservé"),
        (WAITLISTED, "Liste d'attente"),
        (REFUSED, "Refusé"),
        (CANCEL_REQUESTED, "Demande d'annulation"),
        (CANCELLED, "Annulé"),
        (PRESENT, "Présent"),
        (ABSENT_EXCUSED, "Absence excusée"),
        (ABSENT_BILLED, "Absence facturée"),
    ]
    # States that hold one of the opening's places (counted in Opening.booked).
    HOLDING = (REQUESTED, CONFIRMED, CANCEL_REQUESTED, PRESENT, ABSENT_EXCUSED, ABSENT_BILLED)
    # States in which the reservation still exists for the child (one per opening).
    LIVE = (*HOLDING, WAITLISTED)
    # States a parent can no longer change (attendance taken).
    FINAL = (PRESENT, ABSENT_EXCUSED, ABSENT_BILLED)
    STATES = tuple(code for code, _ in STATE_CHOICES)
    # States a reservation is created in (by the commit engine): a request, a place, or the
    # waiting list when the opening is full.
    INITIAL = (REQUESTED, CONFIRMED, WAITLISTED)
    # Every legal move, and only those (a state → the states it may go to):
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        # staff accept or refuse (decisions.decide_requests); the family withdraws its request
        # or staff cancel (engine, cancel line)
        REQUESTED: (CONFIRMED, REFUSED, CANCELLED),
        # a freed place promotes, to a request when the activity is validated by staff
        # (engine._promote); the family or staff leave the list (engine, cancel line)
        WAITLISTED: (REQUESTED, CONFIRMED, CANCELLED),
        # a family's cancellation that staff must answer, a cancellation in time (engine);
        # the attendance sheet (decisions.mark_attendance) or a family's absence
        # (decisions.declare_absence)
        CONFIRMED: (CANCEL_REQUESTED, CANCELLED, PRESENT, ABSENT_EXCUSED, ABSENT_BILLED),
        # staff answer excused (cancelled, place freed) or billed (decide_cancellations); the
        # family declares the absence instead, excused with a certificate (declare_absence)
        CANCEL_REQUESTED: (CANCELLED, ABSENT_EXCUSED, ABSENT_BILLED),
        # attendance corrections, including back to "réservé" to undo a mistake
        PRESENT: (CONFIRMED, ABSENT_EXCUSED, ABSENT_BILLED),
        ABSENT_EXCUSED: (CONFIRMED, PRESENT, ABSENT_BILLED),
        ABSENT_BILLED: (CONFIRMED, PRESENT, ABSENT_EXCUSED),
        # final: a new booking makes a new reservation
        REFUSED: (),
        CANCELLED: (),
    }
    # What every move writes, for the callers' save/bulk_update ("reason" too when the move
    # gives one, "waitlisted_at" for a move to the waiting list). The dates of the family's
    # requests are written with it: "Mes demandes" lists what was asked, not what was booked
    # directly (core.booking.services.requests).
    MOVE_FIELDS = [
        "state",
        "decided_by",
        "decided_at",
        "updated_at",
        "requested_at",
        "cancel_requested_at",
    ]

    child = models.ForeignKey(
        "families.Child", on_delete=models.PROTECT, related_name="reservations"
    )
    opening = models.ForeignKey(
        "catalog.Opening", on_delete=models.PROTECT, related_name="reservations"
    )
    enrolment = models.ForeignKey(
        "booking.Enrolment", on_delete=models.PROTECT, related_name="reservations"
    )
    # Denormalised from the opening: the planning and the billing read them without a join.
    unit = models.ForeignKey("catalog.Unit", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("date")
    state = models.CharField("état", max_length=20, choices=STATE_CHOICES)
    reason = models.TextField("motif", blank=True)
    absence_reason = models.CharField("motif de l'absence", max_length=200, blank=True)
    absence_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="justificatif",
    )
    # Price at the time the family committed it (shown in the recap; billing re-prices).
    amount = models.DecimalField("montant", max_digits=8, decimal_places=2, null=True)
    tariff_name = models.CharField("tarification", max_length=150, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    waitlisted_at = models.DateTimeField("en liste d'attente depuis", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When ``decided_by`` made the last move (None when the family made it).
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    # The family's requests, kept once answered: a booking that waited for the staff's
    # decision (created as, or promoted to, a request), a cancellation the staff had to answer,
    # an absence the family declared. None: never asked (booked directly, for instance).
    requested_at = models.DateTimeField("réservation demandée le", null=True, blank=True)
    cancel_requested_at = models.DateTimeField("annulation demandée le", null=True, blank=True)
    absence_declared_at = models.DateTimeField("absence déclarée le", null=True, blank=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = "réservation"
        verbose_name_plural = "réservations"
        permissions = [("change_attendance", "Relever les présences")]
        ordering = ["date", "unit__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "opening"],
                condition=models.Q(
                    state__in=[
                        "requested",
                        "confirmed",
                        "cancel_requested",
                        "present",
                        "absent_excused",
                        "absent_billed",
                        "waitlisted",
                    ]
                ),
                name="booking_reservation_one_live",
            ),
            # Only declared states (Reservation.declared_states(): checked by booking.E001).
            models.CheckConstraint(
                condition=models.Q(
                    state__in=[
                        "requested",
                        "confirmed",
                        "waitlisted",
                        "refused",
                        "cancel_requested",
                        "cancelled",
                        "present",
                        "absent_excused",
                        "absent_billed",
                        *MODULE_STATES,
                    ]
                ),
                name="booking_reservation_state_declared",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "date"]),
            models.Index(fields=["opening", "state", "waitlisted_at"]),
            models.Index(fields=["state", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.child} — {self.unit} — {self.date:%d/%m/%Y}"

    @property
    def holds_place(self) -> bool:
        if self.state in self.HOLDING:
            return True
        return any(s.holds_place for s in registry.reservation_states() if s.code == self.state)

    # -- the state machine ------------------------------------------------------------------

    @classmethod
    def transitions(cls) -> dict[str, frozenset[str]]:
        """:attr:`TRANSITIONS` with the moves into and out of the modules' declared states."""
        return _transitions(registry.reservation_states())

    @classmethod
    def declared_states(cls) -> tuple[str, ...]:
        """Every state a reservation may be in: the core's and the registered modules'."""
        return (*cls.STATES, *(s.code for s in registry.reservation_states()))

    @classmethod
    def state_labels(cls) -> dict[str, str]:
        return {
            **dict(cls.STATE_CHOICES),
            **{s.code: s.label for s in registry.reservation_states()},
        }

    @classmethod
    def sources_of(cls, state: str) -> list[str]:
        """The states from which a reservation may move to ``state``."""
        return sorted(source for source, targets in cls.transitions().items() if state in targets)

    @classmethod
    def can_move(cls, source: str, target: str) -> bool:
        return target in cls.transitions().get(source, ())

    @classmethod
    def new(cls, state: str, *, by=None, at=None, **fields) -> Reservation:
        """An unsaved reservation created in ``state`` (one of :attr:`INITIAL`), by ``by``;
        a place on the waiting list is dated ``at`` (now by default), its order of arrival."""
        if state not in cls.INITIAL:
            raise IllegalTransition(None, state)
        moment = at or timezone.now()
        return cls(
            state=state,
            created_by=by,
            waitlisted_at=moment if state == cls.WAITLISTED else None,
            requested_at=moment if state == cls.REQUESTED else None,
            **fields,
        )

    def move_to(self, state: str, *, by=None, reason: str = "") -> Reservation:
        """Move to ``state`` if the state machine allows it from the current state, else raise
        :class:`IllegalTransition` and change nothing. Sets what the move implies: who made it
        (``decided_by`` and ``decided_at``: the staff member, or ``None`` when the family did),
        the ``reason`` when one is given, the arrival on a waiting list, the date of a booking
        or cancellation request. Does not save: the caller writes
        :attr:`MOVE_FIELDS` (``save``/``bulk_update``) inside its locks."""
        if not self.can_move(self.state, state):
            raise IllegalTransition(self.state, state)
        now = timezone.now()
        self.state = state
        self.decided_by = by
        self.decided_at = now if by is not None else None
        if reason:
            self.reason = reason
        if state == self.WAITLISTED:
            self.waitlisted_at = now
        if state == self.REQUESTED:
            self.requested_at = now
        if state == self.CANCEL_REQUESTED:
            self.cancel_requested_at = now
        return self


class WeeklyTemplate(models.Model):
    """A "semaine type" a parent (or staff) applied: kept to show and re-apply it."""

    PARITY_ALL = "all"
    PARITY_EVEN = "even"
    PARITY_ODD = "odd"
    PARITY_CHOICES = [
        (PARITY_ALL, "Toutes les semaines"),
        (PARITY_EVEN, "Semaines paires"),
        (PARITY_ODD, "Semaines impaires"),
    ]

    child = models.ForeignKey("families.Child", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("catalog.Activity", on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField("du")
    end_date = models.DateField("au")
    parity = models.CharField("semaines", max_length=5, choices=PARITY_CHOICES)
    # [[weekday, unit_id], …]
    slots = ArrayField(ArrayField(models.IntegerField(), size=2), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "semaine type"
        verbose_name_plural = "semaines types"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Semaine type du {self.start_date:%d/%m/%Y} au {self.end_date:%d/%m/%Y}"
