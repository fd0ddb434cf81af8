"""Migrate everything and make sure the platform's own rows and template schema exist."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.tenancy.locks import advisory_lock
from tenants.provisioning import ensure_public_tenant
from tenants.template import TEMPLATE_LOCK, ensure_template_schema


class Command(BaseCommand):
    help = "Migre le schéma public, le modèle de structure et toutes les structures."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        ensure_public_tenant()
        with advisory_lock(TEMPLATE_LOCK):
            ensure_template_schema(verbosity=verbosity)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
