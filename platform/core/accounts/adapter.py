"""django-allauth adapters: French, per-structure e-mails sent by a task, richer user payload."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.headless.adapter import DefaultHeadlessAdapter

from core.messaging.context import email_context
from core.messaging.services import queue_email
from core.tenancy.context import current_structure
from core.tenancy.routing import tenant_base_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by the structure's staff for now; self sign-up is a per-tenant
        # setting that the family dossier capability adds.
        return False

    def clean_email(self, email: str) -> str:
        """Parents change their login e-mail only where the structure allows it."""
        from allauth.core import context as allauth_context
        from django.core.exceptions import ValidationError

        email = super().clean_email(email)
        request = allauth_context.request
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_staff_member:
            from core.families.models import DossierSettings

            if DossierSettings.current().email_change_by_staff_only:
                raise ValidationError(
                    "La modification de l'adresse e-mail se fait auprès de la structure."
                )
        return email

    def format_email_subject(self, subject: str) -> str:
        structure = current_structure()
        return f"[{structure.name}] {subject}" if structure else subject

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render now (we have the request), send from a task queued on commit."""
        from allauth.core import context as allauth_context

        request = allauth_context.request
        ctx = email_context(request=request, email=email)
        ctx.update(context)
        queue_email(message=self.render_mail(template_prefix, email, ctx))


class HeadlessAdapter(DefaultHeadlessAdapter):
    """Adds what the SPA needs to route a user: roles and the forced password change."""

    def get_frontend_url(self, urlname: str, **kwargs) -> str | None:
        """The SPA's routes of allauth's e-mails (confirmation, password reset) on the
        structure's public address (``tenant_base_url``), not on the request's host: the same
        link as every other e-mail, whatever host or port the request came through."""
        url = super().get_frontend_url(urlname, **kwargs)
        structure = current_structure()
        if not url or structure is None:
            return url
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{tenant_base_url(structure)}{parts.path}{query}"

    def get_user_dataclass(self):
        base = super().get_user_dataclass()
        extra = [
            ("first_name", str, dataclasses.field(default="")),
            ("last_name", str, dataclasses.field(default="")),
            ("must_change_password", bool, dataclasses.field(default=False)),
            ("roles", list, dataclasses.field(default_factory=list)),
            ("role_labels", list, dataclasses.field(default_factory=list)),
            ("is_staff_member", bool, dataclasses.field(default=False)),
        ]
        return dataclasses.make_dataclass("User", extra, bases=(base,))

    def user_as_dataclass(self, user):
        # The base class builds an instance of our get_user_dataclass() with its own fields.
        base = super().user_as_dataclass(user)
        roles = user.roles if user.pk else []
        return dataclasses.replace(
            base,
            first_name=user.first_name,
            last_name=user.last_name,
            must_change_password=user.must_change_password,
            roles=[r.code for r in roles],
            role_labels=[r.label for r in roles],
            is_staff_member=any(r.is_staff_role for r in roles),
        )

    def serialize_user(self, user) -> dict[str, Any]:
        data = dataclasses.asdict(self.user_as_dataclass(user))
        return {k: v for k, v in data.items() if v is not None}
