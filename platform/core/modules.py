"""The module registry: the contract between the shared core and the modules.

A *module* (``periscolaire``, ``sejours``, ``creche``…) is a Django app whose ``AppConfig.ready``
registers one :class:`Module` description with :data:`registry`. The core never imports a
module: it asks the registry what the **current structure's enabled modules** provide, so a
module the structure has not switched on is invisible — no navigation entry, no legend entry,
no API route (see ``core/modules_gate.py``), no seed data.

What a module declares
    ``id``, ``label``, ``description``
        Identity; ``id`` is what ``Tenant.modules`` stores and the URL prefix of its API
        (``/api/v1/<id>/``).
    ``activity_kinds``
        The kinds of activity it adds (:class:`ActivityKind`), e.g. "Accueil du matin".
    ``legend``
        Default legend entries (:class:`LegendDefault`) for the calendar states and conditions
        it shows; they are copied into the structure's schema, where staff may edit them. Each
        code is a reservation state of the core, a calendar condition the core's planning
        produces (``core.booking.legend.CALENDAR_CONDITIONS``) — an entry for one of those
        relabels it on this module's activities — or one of the module's own
        ``reservation_states``; :meth:`ModuleRegistry.register` refuses any other.
    ``reservation_states``
        Reservation states the module adds to the core's state machine
        (:class:`ReservationState`: code, label, whether it holds a place, the states it is
        reached from and may go to). The database CHECK on the state lists them too: declaring
        one needs a migration of ``core.booking`` (``MODULE_STATES`` in
        ``core/booking/models/reservations.py``; system check ``booking.E001``).
    ``navigation``
        SPA navigation entries (:class:`NavigationEntry`) with their audience.
    ``document_types``
        Default required documents (:class:`DocumentTypeDefault`) its activities need; copied
        into the structure's schema, where staff may edit or deactivate them.
    ``booking_policies``
        Booking-window presets (:class:`PolicyPreset`) installed in the structure, referred to
        by the activity kinds' ``booking_policy``/``cancel_policy`` codes.
    ``api_urlconf``
        Optional dotted path of a urlconf mounted under ``/api/v1/<id>/`` (next to the
        ``activity-kinds/`` route every module gets), answering 404 for structures that have
        not enabled the module.

A module's ``AppConfig`` subclasses :class:`ModuleAppConfig`, which registers the ``MODULE``
defined in the app's ``module.py``.

Extension points (override in a :class:`Module` subclass)
    ``install_defaults(tenant=...)``
        Seed data for a structure, run inside its schema when the module is enabled (at
        provisioning, or later from the operator console). Must be idempotent.

Later capabilities add hooks here in the same way (pricing methods, cart validation, invoice
lines); each is a method with a documented default, so a module implements only what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import import_module
from typing import TYPE_CHECKING, Literal

from django.apps import AppConfig

if TYPE_CHECKING:
    from core.families.services.missing import MissingItem
    from core.module_hooks import EditionLink, ExtraLine, HomeTile, PeriodicTask, Refusal
    from core.pricing.methods import PricingMethod
    from tenants.models import Tenant

Audience = Literal["parent", "staff", "all"]


@dataclass(frozen=True)
class UnitDefault:
    """A unit (prestation) an activity of this kind usually has; copied when staff create an
    activity of the kind (``core.catalog.defaults.create_activity``)."""

    name: str
    short_label: str = ""
    start: str = ""  # "07:30"
    end: str = ""
    with_meal: bool = False
    weekdays: tuple[int, ...] = (0, 1, 3, 4)
    capacity: int = 30
    incompatible_with: tuple[str, ...] = ()  # names of other units of the same kind
    booked_on_enrolment: bool = False


@dataclass(frozen=True)
class PolicyPreset:
    """A booking-window policy a module installs (``core.booking.models.BookingPolicy``);
    ``code`` identifies it in the structure, ``fields`` are the model's fields."""

    code: str
    name: str
    kind: str
    fields: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class ActivityKind:
    """A kind of activity a module offers (e.g. ``accueil_matin`` → "Accueil du matin"),
    with its default units, calendar ("school_days", "school_holidays", "all") and policy
    preset codes for booking and cancelling."""

    id: str
    label: str
    description: str = ""
    units: tuple[UnitDefault, ...] = ()
    calendar: str = "school_days"
    booking_policy: str = ""
    cancel_policy: str = ""
    # True when the module bills its activities itself (``invoice_line_sources``), e.g. a stay
    # billed as a deposit and a balance: the core's runs then bill no line per reservation.
    billed_by_module: bool = False


@dataclass(frozen=True)
class LegendDefault:
    """Default label, short code and colour of a calendar state or condition."""

    code: str
    label: str
    short_label: str
    color: str
    order: int = 100


@dataclass(frozen=True)
class ReservationState:
    """A reservation state a module adds to the core's state machine
    (``core.booking.models.Reservation.TRANSITIONS``).

    ``code`` is unique among all states (core and modules), at most 20 characters; ``label``
    is its French name. ``holds_place``: whether a reservation in it counts in the opening's
    places — the module's service moves the opening's counter when it moves a reservation
    across that line, under the engine's locks. ``transitions_from``: the states (core or
    this module's) from which a reservation may move to it; ``transitions_to``: the states it
    may move to. A module never names another module's state.
    """

    code: str
    label: str
    holds_place: bool = False
    transitions_from: tuple[str, ...] = ()
    transitions_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentTypeDefault:
    """A document a module's activities usually require (``core.documents.DocumentType``).

    ``code`` is stable within the module: with the module id it identifies the installed row,
    so re-installing defaults never duplicates nor overwrites what the staff changed.
    ``scope`` is ``"family"`` or ``"child"``; ``validity`` ``"school_year"``, ``"dated"`` or
    ``"permanent"``; ``edition`` ``"health_form"`` offers the pre-filled health form.
    """

    code: str
    name: str
    scope: Literal["family", "child"]
    description: str = ""
    validity: Literal["school_year", "dated", "permanent"] = "school_year"
    edition: str = ""
    activity_kinds: tuple[str, ...] = ()
    required: bool = True
    requires_review: bool = True
    order: int = 100


@dataclass(frozen=True)
class NavigationEntry:
    """An entry of the SPA's navigation. ``path`` is a route of the SPA."""

    id: str
    label: str
    path: str
    icon: str = "circle"
    audience: Audience = "parent"
    order: int = 50
    # The contributing module's id (None for the core's entries); set by the registry.
    module: str | None = None


@dataclass(frozen=True)
class Module:
    """Description of a module. Subclass it to implement extension points."""

    id: str
    label: str
    description: str
    activity_kinds: tuple[ActivityKind, ...] = ()
    legend: tuple[LegendDefault, ...] = ()
    reservation_states: tuple[ReservationState, ...] = ()
    navigation: tuple[NavigationEntry, ...] = ()
    document_types: tuple[DocumentTypeDefault, ...] = ()
    booking_policies: tuple[PolicyPreset, ...] = ()
    api_urlconf: str | None = None
    app_label: str = field(default="", compare=False)

    def install_defaults(self, *, tenant: Tenant) -> None:
        """Seed the structure's schema (the current connection) with this module's defaults.

        The default copies the module's legend, document types and booking-window presets;
        override and call ``super()`` to add more. Must be idempotent: it runs again when a
        module is switched off and on.
        """
        from core.booking.legend import install_legend
        from core.booking.presets import install_policies
        from core.documents.defaults import install_document_types

        install_legend(self.legend, module_id=self.id)
        install_document_types(self.document_types, module_id=self.id)
        install_policies(self.booking_policies, module_id=self.id)

    def activity_kind(self, kind_id: str) -> ActivityKind | None:
        return next((kind for kind in self.activity_kinds if kind.id == kind_id), None)

    # --- Hooks: the core calls them only for the structures that enabled the module
    # (``core.module_hooks``). Each default does nothing; override what the module needs.

    def install_demo(self, *, tenant: Tenant, families: Sequence) -> None:
        """Seed ``make demo``'s structure (the current schema) with this module's demonstration
        data: activities, tariffs, enrolments of the demo ``families`` (the demo parents'
        households, already created by the core). Runs after ``install_defaults``, on every
        ``make demo``: must be idempotent and keep what exists."""

    def pricing_methods(self) -> Iterable[type[PricingMethod]]:
        """Pricing methods (``core.pricing.methods.PricingMethod`` subclasses) this module adds
        to the core's (flat, QF brackets, per day, per hour); offered to the structure's staff
        in the tariff form only when the module is enabled."""
        return ()

    def invoice_line_sources(self) -> Iterable[Callable[..., Iterable[ExtraLine]]]:
        """Callables ``source(*, run)`` giving ``ExtraLine``s for an invoice run (``run`` is the
        ``InvoiceRun``: its period and activities): lines that do not come from reservations,
        such as monthly contract fees or stay deposits. The core adds them to the families'
        drafts and never bills the same ``(module, reference)`` twice."""
        return ()

    def validate_changes(
        self, *, changes: Sequence, openings: dict, staff: bool, family
    ) -> Iterable[Refusal]:
        """The module's own rules on a cart before it is committed: a ``Refusal`` for each
        change (``core.booking.services.engine.Change``) that must not be applied. Only the
        changes on this module's activities are given; ``openings`` maps opening ids to
        ``Opening``s (with unit and activity loaded). Must not query per change."""
        return ()

    def missing_items(self, *, family, user, child=None) -> Iterable[MissingItem]:
        """What the family still has to provide for this module (``MissingItem``s of kind
        ``"module"``), shown with the core's missing fields, consents and documents."""
        return ()

    def requested_documents(self, *, family, child=None) -> Iterable[tuple]:
        """``(DocumentType, Child | None)`` slots this module asks ``family`` for beyond the
        structure's required types (a stay's own documents, a contract to sign): « Mes
        documents » offers their upload and the file lists them as missing until given.
        ``child``: only that child's slots (and the family's)."""
        return ()

    def role_permissions(self) -> Mapping[str, Iterable[str]]:
        """Permissions (``"app_label.codename"``) the module grants to the structure's roles
        (by role code: ``"administrateur"``, ``"gestionnaire"``…) on top of the core's, while
        it is enabled."""
        return {}

    def periodic_tasks(self) -> Iterable[PeriodicTask]:
        """Per-structure work for beat (``PeriodicTask``): run in each active structure that
        enabled the module."""
        return ()

    def home_summary(self, *, user, family=None) -> Iterable[HomeTile]:
        """Tiles for the home page: the parent's (``family`` given) or the staff's."""
        return ()

    def editions(self, *, family) -> Iterable[EditionLink]:
        """Documents pre-filled for ``family`` that « Mes éditions » lists (``EditionLink``:
        a contract, a convocation…), each served by one of the module's own routes."""
        return ()


class ModuleRegistry:
    """All modules known to this install, in registration order."""

    def __init__(self) -> None:
        self._modules: dict[str, Module] = {}

    def register(self, module: Module) -> Module:
        if module.id in self._modules and self._modules[module.id] != module:
            raise ValueError(f"Module {module.id!r} is already registered")
        self._check_states(module)
        self._modules[module.id] = module
        from core.pricing.methods import methods

        for method in module.pricing_methods():
            methods.register(method, module=module.id)
        return module

    def _check_states(self, module: Module) -> None:
        """A module's states are new, reached from and lead to known states; its legend names
        only what something produces (see ``legend`` in this module's docstring)."""
        from core.booking.legend import CALENDAR_CONDITIONS
        from core.booking.models.reservations import Reservation

        core = set(Reservation.STATES)
        others = {
            state.code
            for other in self
            if other.id != module.id
            for state in other.reservation_states
        }
        own = {state.code for state in module.reservation_states}
        for state in module.reservation_states:
            if state.code in core | others | set(CALENDAR_CONDITIONS):
                raise ValueError(f"Module {module.id!r}: state {state.code!r} is already taken")
            if not state.code or len(state.code) > 20:
                raise ValueError(f"Module {module.id!r}: state code {state.code!r} (1–20 chars)")
            unknown = set(state.transitions_from) | set(state.transitions_to)
            unknown -= core | own
            if unknown:
                raise ValueError(
                    f"Module {module.id!r}: state {state.code!r} names unknown states "
                    f"{sorted(unknown)}"
                )
        undeclared = {entry.code for entry in module.legend} - core - own
        undeclared -= set(CALENDAR_CONDITIONS)
        if undeclared:
            raise ValueError(
                f"Module {module.id!r}: legend codes {sorted(undeclared)} are neither a "
                "reservation state nor a calendar condition (declare them in reservation_states)"
            )

    def reservation_states(self) -> tuple[ReservationState, ...]:
        """The states every registered module declares (the CHECK and ``move_to`` accept them
        whatever the structure enables)."""
        return tuple(state for module in self for state in module.reservation_states)

    def unregister(self, module_id: str) -> None:
        """Forget a module and its pricing methods (tests register example modules)."""
        from core.pricing.methods import methods

        self._modules.pop(module_id, None)
        methods.unregister_module(module_id)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def get(self, module_id: str) -> Module:
        return self._modules[module_id]

    def ids(self) -> list[str]:
        return list(self._modules)

    def choices(self) -> list[tuple[str, str]]:
        return [(m.id, m.label) for m in self]

    def enabled(self, module_ids: Iterable[str]) -> list[Module]:
        """The registered modules among ``module_ids``, in registration order."""
        wanted = set(module_ids or ())
        return [m for m in self if m.id in wanted]

    def for_tenant(self, tenant: Tenant) -> list[Module]:
        return self.enabled(getattr(tenant, "modules", None) or ())

    def is_enabled(self, tenant: Tenant, module_id: str) -> bool:
        return module_id in (getattr(tenant, "modules", None) or ()) and module_id in self._modules

    def navigation_for(self, tenant: Tenant) -> list[NavigationEntry]:
        """Core entries plus those of the enabled modules (with their ``module`` set), sorted
        by ``order``."""
        entries = list(CORE_NAVIGATION)
        for module in self.for_tenant(tenant):
            entries.extend(replace(entry, module=module.id) for entry in module.navigation)
        return sorted(entries, key=lambda entry: (entry.order, entry.label))


# Navigation the core itself contributes whatever the modules.
CORE_NAVIGATION: tuple[NavigationEntry, ...] = (
    NavigationEntry(
        id="gestion", label="Gestion", path="/gestion", icon="settings", audience="staff", order=90
    ),
)

registry = ModuleRegistry()


class ModuleAppConfig(AppConfig):
    """AppConfig of a module: registers ``<app>.module.MODULE`` when Django is ready.

    Subclass it as ``modules.ModuleAppConfig`` (``from core import modules``): Django picks the
    only AppConfig subclass found in an app's ``apps.py``, and an imported base would count.
    """

    def ready(self) -> None:
        registry.register(import_module(f"{self.name}.module").MODULE)
