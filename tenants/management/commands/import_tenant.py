"""``manage.py import_tenant FILE.tar.gz [--slug NEW] [--domain HOST …] [--keep-suspended]``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tenancy.routing import tenant_base_url
from tenants.transfer import TransferError
from tenants.transfer.import_ import import_structure


class Command(BaseCommand):
    help = "Restaure une structure depuis une archive d'export_tenant (tout ou rien)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--slug", help="nouvel identifiant (sous-domaine) de la structure")
        parser.add_argument(
            "--domain",
            action="append",
            dest="domains",
            help="domaine personnalisé (répétable) ; remplace ceux de l'archive",
        )
        parser.add_argument(
            "--keep-suspended", action="store_true", help="laisser la structure suspendue"
        )

    def handle(self, *args, archive, slug, domains, keep_suspended, **options):
        try:
            tenant = import_structure(
                path=archive, slug=slug, domains=domains, keep_suspended=keep_suspended
            )
        except TransferError as exc:
            raise CommandError(str(exc)) from exc
        state = "suspendue" if keep_suspended else "active"
        self.stdout.write(
            self.style.SUCCESS(
                f"Structure « {tenant.name} » restaurée ({state}) : {tenant_base_url(tenant)}"
            )
        )
