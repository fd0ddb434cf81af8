"""Getting a family account: online sign-up, e-mail confirmation, validation by staff,
and accounts created by staff (invitation or temporary password)."""

from __future__ import annotations

import uuid

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.accounts.models import User
from core.accounts.roles import Role
from core.accounts.services import create_account, send_invitation
from core.errors import DomainError
from core.families.models import (
    Child,
    DossierSettings,
    Family,
    Guardian,
    GuardianChildLink,
)
from core.families.services.changes import submit_changes
from core.families.services.notifications import (
    notify_account_refused,
    notify_account_validated,
)
from core.tenancy.context import current_structure

SIGNUP_CLOSED = "La création de compte en ligne n'est pas ouverte : contactez la structure."


def _create_household(
    *,
    name: str,
    status: str,
    household: dict,
    guardian: dict,
    relation: str,
    children: list[dict],
    second_guardian: dict | None,
    user: User | None,
) -> Family:
    family = Family(name=name.upper(), status=status, **household)
    family.full_clean(exclude=["number"])
    family.save()
    primary = Guardian(family=family, is_primary=True, user=user, **guardian)
    primary.full_clean()
    primary.save()
    others = []
    if second_guardian:
        second_relation = second_guardian.pop("relation", "other")
        other = Guardian(family=family, is_primary=False, **second_guardian)
        other.full_clean()
        other.save()
        others.append((other, second_relation))
    for data in children:
        data = dict(data)
        child_relation = data.pop("relation", relation)
        child = Child(family=family, **data)
        child.full_clean()
        child.save()
        GuardianChildLink.objects.create(guardian=primary, child=child, relation=child_relation)
        for other, other_relation in others:
            GuardianChildLink.objects.create(guardian=other, child=child, relation=other_relation)
    return family


def register_family(
    *,
    request,
    email: str,
    password: str,
    guardian: dict,
    household: dict,
    children: list[dict],
    second_guardian: dict | None = None,
    relation: str = "other",
) -> Family | None:
    """Self sign-up: creates the account, the household, its guardians and children, then
    e-mails a confirmation link.

    When the address already has an account, the same sign-up is rehearsed and rolled back
    (password hashed with the real hasher, household validated and written) and that address is
    told by e-mail instead: the caller answers the same as on success, after the same work, so
    neither the answer nor its timing tells whether the address is known. Returns None then."""
    settings = DossierSettings.current()
    if settings.signup_mode != DossierSettings.SIGNUP_SELF:
        raise PermissionDenied(SIGNUP_CLOSED)
    email = User.objects.normalize_email(email).lower()
    candidate = User(
        email=email, first_name=guardian["first_name"], last_name=guardian["last_name"]
    )
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    taken = User.objects.filter(email__iexact=email).exists()
    try:
        with transaction.atomic():
            family = _sign_up(
                request=request,
                # The login needs a free address to be written at all; nothing of it is kept.
                login_email=f"{uuid.uuid4().hex}@inscription.invalid" if taken else email,
                email=email,
                password=password,
                guardian=guardian,
                household=household,
                children=children,
                second_guardian=second_guardian,
                relation=relation,
                send_confirmation=not taken,
            )
            if taken:
                raise _Rehearsal
    except _Rehearsal:
        # Queued outside the rolled-back block, whose on-commit callbacks are dropped.
        get_adapter(request).send_account_already_exists_mail(email)
        return None
    return family


class _Rehearsal(Exception):
    """Rolls back the sign-up rehearsed for an address that already has an account."""


def _sign_up(
    *,
    request,
    login_email: str,
    email: str,
    password: str,
    guardian: dict,
    household: dict,
    children: list[dict],
    second_guardian: dict | None,
    relation: str,
    send_confirmation: bool,
) -> Family:
    from django.contrib.auth.models import Group

    user = User.objects.create_user(
        email=login_email,
        password=password,
        first_name=guardian["first_name"],
        last_name=guardian["last_name"],
    )
    user.groups.set(Group.objects.filter(name=Role.PARENT.group_name))
    address = EmailAddress.objects.create(
        user=user, email=login_email, primary=True, verified=False
    )
    family = _create_household(
        name=guardian["last_name"],
        status=Family.STATUS_EMAIL_UNCONFIRMED,
        household=household,
        guardian={**guardian, "email": email},
        relation=relation,
        children=children,
        second_guardian=second_guardian,
        user=user,
    )
    if send_confirmation:
        address.send_confirmation(request, signup=True)
    return family


def email_confirmed(*, user: User) -> None:
    """allauth confirmed the e-mail of a self-signed-up guardian: next state of the family."""
    guardian = Guardian.objects.filter(user=user).select_related("family").first()
    if guardian is None:
        return
    settings = DossierSettings.current()
    guardian.family.email_confirmed(requires_validation=settings.signup_requires_validation)


@transaction.atomic
def validate_family(*, family: Family, by: User) -> None:
    family = Family.objects.select_for_update().get(pk=family.pk)
    try:
        family.validate()
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    # A family refused earlier had its logins switched off.
    User.objects.filter(guardian__family=family).update(is_active=True)
    notify_account_validated(family=family)


@transaction.atomic
def refuse_family(*, family: Family, reason: str, by: User) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    family = Family.objects.select_for_update().get(pk=family.pk)
    try:
        family.refuse(reason=reason.strip())
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    # A refused family cannot log in; its data stays for the structure to review or delete.
    User.objects.filter(guardian__family=family).update(is_active=False)
    notify_account_refused(family=family)


ACCOUNT_INVITE = "invitation"
ACCOUNT_TEMPORARY = "temporary_password"
ACCOUNT_NONE = "none"


@transaction.atomic
def create_family_by_staff(
    *,
    household: dict,
    guardian: dict,
    account: str = ACCOUNT_INVITE,
    temporary_password: str = "",
    children: list[dict] | None = None,
) -> Family:
    """A family created by the structure, with an account for its main guardian: an
    invitation e-mail to choose a password, or a temporary password to change at first
    login (or no account)."""
    email = (guardian.get("email") or "").strip().lower()
    user = None
    if account != ACCOUNT_NONE:
        if not email:
            raise ValidationError(
                {"email": "L'adresse e-mail est nécessaire pour créer le compte."}
            )
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": "Un compte existe déjà avec cette adresse e-mail."})
        if account == ACCOUNT_TEMPORARY:
            try:
                validate_password(temporary_password)
            except ValidationError as exc:
                raise ValidationError({"temporary_password": exc.messages}) from exc
        user = create_account(
            email=email,
            roles=[Role.PARENT],
            first_name=guardian["first_name"],
            last_name=guardian["last_name"],
            password=temporary_password if account == ACCOUNT_TEMPORARY else None,
            temporary_password=account == ACCOUNT_TEMPORARY,
        )
    family = _create_household(
        name=guardian["last_name"],
        status=Family.STATUS_ACTIVE,
        household=household,
        guardian={**guardian, "email": email},
        relation="other",
        children=children or [],
        second_guardian=None,
        user=user,
    )
    if user is not None and account == ACCOUNT_INVITE:
        structure = current_structure()
        send_invitation(user=user, tenant=structure)
    return family


@transaction.atomic
def create_guardian_login(
    *, guardian: Guardian, account: str = ACCOUNT_INVITE, temporary_password: str = ""
) -> User:
    """Give another adult of the household a login of their own on the family."""
    if guardian.user_id:
        raise ValidationError({"detail": "Ce responsable a déjà un compte."})
    email = (guardian.email or "").strip().lower()
    if not email:
        raise ValidationError({"email": "Renseignez d'abord l'e-mail de ce responsable."})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Un compte existe déjà avec cette adresse e-mail."})
    if account == ACCOUNT_TEMPORARY:
        try:
            validate_password(temporary_password)
        except ValidationError as exc:
            raise ValidationError({"temporary_password": exc.messages}) from exc
    user = create_account(
        email=email,
        roles=[Role.PARENT],
        first_name=guardian.first_name,
        last_name=guardian.last_name,
        password=temporary_password if account == ACCOUNT_TEMPORARY else None,
        temporary_password=account == ACCOUNT_TEMPORARY,
    )
    guardian.user = user
    guardian.save(update_fields=["user"])
    if account == ACCOUNT_INVITE:
        structure = current_structure()
        send_invitation(user=user, tenant=structure)
    return user


@transaction.atomic
def correct_guardian(*, guardian: Guardian, data: dict, by: User) -> None:
    """Staff correct a guardian directly: no request to validate, recorded in the history.

    A new e-mail of a guardian who has a login becomes that login in the same transaction:
    the structure vouches for the address, and a guardian must not keep signing in (and
    receiving password resets) at an address the file no longer holds. A refused login
    address undoes the correction."""
    submit_changes(target=guardian, data=data, user=by, staff=True)
    if "email" in data and guardian.user_id:
        sync_login_email(guardian=guardian)


def sync_login_email(*, guardian: Guardian) -> None:
    """The guardian's e-mail becomes their login, verified; allauth's other addresses of the
    user go (the old one must not sign in nor receive a reset link)."""
    email = guardian.email.strip().lower()
    if not email:
        raise DomainError(
            "L'e-mail de connexion ne peut pas être vide.", field="email", code="email_required"
        )
    if User.objects.filter(email__iexact=email).exclude(pk=guardian.user_id).exists():
        raise DomainError(
            "Un compte existe déjà avec cette adresse e-mail.", field="email", code="email_taken"
        )
    User.objects.filter(pk=guardian.user_id).update(email=email)
    EmailAddress.objects.filter(user_id=guardian.user_id).delete()
    EmailAddress.objects.create(user_id=guardian.user_id, email=email, primary=True, verified=True)
