"""Signal receivers of the family file."""

from allauth.account.signals import email_changed, email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone


@receiver(email_confirmed)
def family_email_confirmed(sender, request, email_address, **kwargs) -> None:
    from core.families.services.accounts import email_confirmed as confirm

    confirm(user=email_address.user)


@receiver(user_logged_in)
def family_active(sender, request, user, **kwargs) -> None:
    # The retention period of a file counts from the family's last visit.
    from django.db import connection
    from django_tenants.utils import get_public_schema_name

    from core.families.models import Family

    if connection.schema_name == get_public_schema_name():
        return  # an operator on the platform console: no families there

    Family.objects.filter(guardians__user=user).update(last_activity_at=timezone.now())


@receiver(email_changed)
def guardian_email_follows_login(sender, request, user, to_email_address, **kwargs) -> None:
    from core.families.models import Guardian

    Guardian.objects.filter(user=user).update(email=to_email_address.email)
