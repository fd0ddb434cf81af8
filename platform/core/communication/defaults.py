"""What every structure starts with: its services (« Accueil / mairie » and one per enabled
module), their usual themes, and which roles read which service."""

from __future__ import annotations

from collections.abc import Iterable

from core.communication.models import RECEPTION_KEY, Service, ServiceAccess, Theme

RECEPTION_THEMES = ("Inscription", "Facturation", "Dossier famille", "Autre")
MODULE_THEMES = ("Absence", "Réservation", "Santé", "Autre")
# Roles that read every service whatever ServiceAccess says.
ALL_SERVICES_ROLES = frozenset({"administrateur", "gestionnaire"})
_DEFAULT_ACCESS = {
    "coordinateur": "all",
    "comptable": "reception",
    "animateur": "modules",
}


def install_communication_defaults(module_ids: Iterable[str]) -> None:
    """Idempotent: creates what is missing, never changes what staff edited."""
    from core.modules import registry

    reception, created = Service.objects.get_or_create(
        key=RECEPTION_KEY, defaults={"label": "Accueil / mairie", "order": 0}
    )
    if created:
        _themes(reception, RECEPTION_THEMES)
    module_keys = []
    for order, module in enumerate(registry.enabled(module_ids), start=1):
        service, created = Service.objects.get_or_create(
            key=module.id, defaults={"label": module.label, "module": module.id, "order": order}
        )
        module_keys.append(service.key)
        if created:
            _themes(service, MODULE_THEMES)
    for role, scope in _DEFAULT_ACCESS.items():
        access, _ = ServiceAccess.objects.get_or_create(role=role)
        wanted = {
            "all": [RECEPTION_KEY, *module_keys],
            "reception": [RECEPTION_KEY],
            "modules": module_keys,
        }[scope]
        missing = [key for key in wanted if key not in access.services]
        if missing:
            access.services = [*access.services, *missing]
            access.save(update_fields=["services"])


def _themes(service: Service, labels: Iterable[str]) -> None:
    Theme.objects.bulk_create(
        [Theme(service=service, label=label, order=i) for i, label in enumerate(labels)]
    )
