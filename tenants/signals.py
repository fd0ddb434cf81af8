from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_tenants.signals import schema_migrated
from django_tenants.utils import get_public_schema_name

from core.tenancy import routing
from core.tenancy.migration_state import record_schema_leaves
from tenants.models import Domain, Tenant

# Invalidation runs once the change is committed (at once outside a transaction). A request
# that read the old row just before the commit may still cache it: the TTL bounds that window.


@receiver(pre_save, sender=Domain)
def _remember_old_domain(sender, instance: Domain, **kwargs) -> None:
    if instance.pk:
        instance._old_domain = (
            Domain.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        )


@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def _invalidate_domain(sender, instance: Domain, **kwargs) -> None:
    hosts = [instance.domain, getattr(instance, "_old_domain", None)]
    transaction.on_commit(lambda: routing.invalidate_hosts(hosts))


@receiver(post_save, sender=Tenant)
def _invalidate_tenant(sender, instance: Tenant, **kwargs) -> None:
    transaction.on_commit(lambda: routing.invalidate_tenant(instance))


@receiver(schema_migrated)
def _record_migrations(sender, schema_name: str, **kwargs) -> None:
    """After each schema's migration (``migrate_schemas``, in whichever process ran it, and
    the faked migrations of a template clone at provisioning): the scheduler reads this record
    to skip a structure whose schema lacks the code's migrations. The template schema has no
    structure row: nothing is recorded for it."""
    if schema_name not in (get_public_schema_name(), settings.TENANT_BASE_SCHEMA):
        record_schema_leaves(schema_name)
