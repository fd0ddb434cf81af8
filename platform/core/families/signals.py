"""Signal receivers of the family file."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver


@receiver(email_confirmed)
def family_email_confirmed(sender, request, email_address, **kwargs) -> None:
    from core.families.services.accounts import email_confirmed as confirm

    confirm(user=email_address.user)
