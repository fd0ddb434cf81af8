"""Configuring the desks families write to: services, their themes, quick replies, settings."""

from __future__ import annotations

from django.db.models import ProtectedError

from core.communication.models import Service, Theme
from core.errors import DomainError


class DeskInUse(DomainError):
    code = "in_use"
    status_code = 409


def delete_service(*, service: Service) -> None:
    """A service that received conversations stays (they are filed under it): deactivate it."""
    if service.threads.exists():
        raise DeskInUse(
            "Des familles ont déjà écrit à ce service : désactivez-le plutôt que de le supprimer."
        )
    try:
        service.delete()
    except ProtectedError as exc:  # a thread created meanwhile
        raise DeskInUse(
            "Des familles ont déjà écrit à ce service : désactivez-le plutôt que de le supprimer."
        ) from exc


def delete_theme(*, theme: Theme) -> None:
    """A theme used by conversations stays (they show it): deactivate it."""
    if theme.threads.exists():
        raise DeskInUse(
            "Des conversations portent ce thème : désactivez-le plutôt que de le supprimer."
        )
    theme.delete()
