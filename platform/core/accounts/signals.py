from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver


@receiver(password_changed)
@receiver(password_reset)
@receiver(password_set)
def _clear_temporary_password(sender, request, user, **kwargs) -> None:
    user.password_changed()
