"""What the modules' hooks take and give (``core.modules.Module``), and their dispatch.

Every hook is a method of ``Module`` with a documented default; the core calls it through the
functions below, which reach **only the current structure's enabled modules** (as pretix's
plugin signals reach only an event's active plugins). A module the structure has not switched
on never prices, bills, refuses, counts, seeds nor schedules anything there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from core.modules import Module


@dataclass(frozen=True)
class Refusal:
    """A module's refusal of one change of a cart (``Module.validate_changes``): the change
    as given, a stable code and the French reason shown to the parent or the staff."""

    change: object
    code: str
    reason: str


@dataclass(frozen=True)
class ExtraLine:
    """An invoice line that does not come from a reservation (``Module.invoice_line_sources``):
    a monthly contract fee, a stay deposit…

    ``reference`` identifies what is billed within the module (e.g. ``"contrat:12:2026-12"``):
    the core never bills the same ``(module, reference)`` twice, so a source may return a line
    again in every run until it is issued.
    """

    family_id: int
    reference: str
    label: str
    amount: Decimal
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    child_id: int | None = None
    child_name: str = ""
    activity_id: int | None = None
    activity_name: str = ""
    date: date | None = None
    tariff_name: str = ""
    meal_amount: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class HomeTile:
    """A counter or piece of news on the home page (``Module.home_summary``); ``path`` is a
    route of the SPA the tile links to."""

    id: str
    label: str
    value: int
    path: str
    detail: str = ""
    tone: Literal["info", "warning", "success"] = "info"
    module: str | None = None


@dataclass(frozen=True)
class PeriodicTask:
    """Work a module wants done regularly in each structure that enabled it
    (``Module.periodic_tasks``).

    ``task`` is the dotted name of a Celery task that runs inside one structure's schema (it
    takes no argument); ``schedule`` a ``celery.schedules.crontab`` or a number of seconds.
    Beat runs one entry per task, which queues it once per active structure with the module.
    """

    name: str
    task: str
    schedule: object


@dataclass(frozen=True)
class EditionLink:
    """A document « Mes éditions » offers (``Module.editions``): ``url`` is one of the
    module's API routes answering the PDF to the family only; ``kind`` a stable code."""

    kind: str
    label: str
    url: str
    child_id: int | None = None
    child_first_name: str = ""
    child_last_name: str = ""
    module: str | None = None


def active_modules() -> list[Module]:
    """The current structure's enabled modules (none on the platform's own schema)."""
    from core.modules import registry
    from core.tenancy.context import current_structure

    structure = current_structure()
    return registry.for_tenant(structure) if structure is not None else []


def collect(hook: str, /, **kwargs) -> Iterator[tuple[Module, object]]:
    """``(module, item)`` for every item the active modules' ``hook`` returns."""
    for module in active_modules():
        for item in getattr(module, hook)(**kwargs) or ():
            yield module, item


def home_tiles(*, user, family=None) -> list[HomeTile]:
    """The active modules' tiles for ``user`` (a parent of ``family``, or staff)."""
    from dataclasses import replace

    return [
        replace(tile, module=module.id)
        for module, tile in collect("home_summary", user=user, family=family)
    ]


def validate_changes(*, changes: Iterable, openings: dict, staff: bool, family) -> dict:
    """``change → Refusal`` from the active modules, each asked about the changes on its own
    activities only (``Activity.module``)."""
    changes = list(changes)
    refusals: dict = {}
    for module in active_modules():
        own = [
            c
            for c in changes
            if (opening := openings.get(c.opening_id)) is not None
            and opening.unit.activity.module == module.id
        ]
        if not own:
            continue
        for refusal in module.validate_changes(
            changes=own, openings=openings, staff=staff, family=family
        ):
            refusals.setdefault(refusal.change, refusal)
    return refusals


def extra_lines(*, run) -> Iterator[tuple[Module, ExtraLine]]:
    """Invoice lines of the active modules' sources for ``run`` (``InvoiceRun``)."""
    for module, source in collect("invoice_line_sources"):
        for line in source(run=run):
            yield module, line


def module_permissions(module_ids: Iterable[str]) -> dict[str, set[str]]:
    """``role code → permissions`` the given (enabled) modules grant on top of the core's."""
    from core.modules import registry

    granted: dict[str, set[str]] = {}
    for module in registry.enabled(module_ids):
        for role, perms in (module.role_permissions() or {}).items():
            granted.setdefault(role, set()).update(perms)
    return granted


def module_editions(*, family) -> list[EditionLink]:
    """The active modules' editions for ``family``."""
    from dataclasses import replace

    return [replace(link, module=module.id) for module, link in collect("editions", family=family)]


def module_billed_kinds() -> set[tuple[str, str]]:
    """``(module id, activity kind)`` of the active modules' kinds they bill themselves
    (``ActivityKind.billed_by_module``): the core's runs bill no reservation of those."""
    return {
        (module.id, kind.id)
        for module in active_modules()
        for kind in module.activity_kinds
        if kind.billed_by_module
    }


def requested_documents(*, family, child=None, module: str | None = None) -> list[tuple]:
    """``(DocumentType, Child | None)`` slots the active modules (or ``module`` only) ask of
    ``family`` beyond the required types (``Module.requested_documents``)."""
    return [
        slot
        for owner, slot in collect("requested_documents", family=family, child=child)
        if module is None or owner.id == module
    ]
