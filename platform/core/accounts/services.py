"""Creating accounts in the current structure's schema."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.template.loader import render_to_string

from core.accounts.models import User
from core.accounts.roles import Role
from core.messaging.services import queue_email
from core.tenancy.routing import tenant_base_url


@transaction.atomic
def create_account(
    *,
    email: str,
    roles: list[Role],
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    temporary_password: bool = False,
) -> User:
    """Create a user with roles; ``password=None`` leaves it unusable (invitation flow)."""
    from django.contrib.auth.models import Group

    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_staff=any(r is Role.ADMINISTRATEUR for r in roles),
        must_change_password=bool(password and temporary_password),
    )
    user.groups.set(Group.objects.filter(name__in=[r.group_name for r in roles]))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def password_setup_key(user: User) -> str:
    """The key of allauth's reset-from-key flow, used for the set-your-password link."""
    return f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"


def send_invitation(*, user: User, tenant) -> None:
    """E-mail a link to choose a password (new structure admin, staff-created accounts)."""
    link = f"{tenant_base_url(tenant)}/reinitialiser-mot-de-passe/{password_setup_key(user)}"
    context = {"user": user, "structure": tenant, "link": link}
    queue_email(
        to=[user.email],
        subject=f"[{tenant.name}] Votre compte sur le portail familles",
        body=render_to_string("accounts/email/invitation.txt", context),
        html=render_to_string("accounts/email/invitation.html", context),
    )
