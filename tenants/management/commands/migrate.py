"""django-tenants' ``migrate`` (all schemas) with the migration autodetector of pgtrigger.

pgtrigger patches Django's own makemigrations/migrate autodetector so that triggers (the
audit history of family files, django-pghistory) are part of migrations; Django 5.2 checks
that ``migrate`` uses the same autodetector as ``makemigrations``.
"""

from django.core.management.commands import makemigrations
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand


class Command(MigrateSchemasCommand):
    autodetector = makemigrations.Command.autodetector
