"""``manage.py export_tenant <slug> --output FILE.tar.gz [--suspend | --live]``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.tenancy.constants import TenantStatus
from tenants.models import Tenant
from tenants.transfer import TransferError
from tenants.transfer.delete import usable_for_delete_from
from tenants.transfer.export import export_structure


class Command(BaseCommand):
    help = "Exporte une structure (schéma, lignes publiques, fichiers) dans une archive tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", required=True, type=Path, help="fichier .tar.gz à écrire")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--suspend",
            action="store_true",
            help="suspendre la structure d'abord (elle reste suspendue) : copie cohérente",
        )
        mode.add_argument(
            "--live",
            action="store_true",
            help="copie à chaud d'une structure active (sauvegarde ; pas avant une suppression)",
        )

    def handle(self, *args, slug, output, suspend, live, **options):
        tenant = Tenant.objects.filter(slug=slug).exclude(schema_name="public").first()
        if tenant is None:
            raise CommandError(f"Structure inconnue : « {slug} ».")
        if suspend and tenant.status == TenantStatus.ACTIVE:
            tenant.suspend()
            self.stdout.write(f"Structure « {slug} » suspendue.")
        try:
            result = export_structure(tenant=tenant, output=output, live=live)
        except TransferError as exc:
            raise CommandError(str(exc)) from exc
        for name in result.missing_files:
            self.stderr.write(f"Fichier absent du stockage, non exporté : {name}")
        for name in result.foreign_files:
            self.stderr.write(f"Fichier hors du dossier de la structure, non exporté : {name}")
        tenant.refresh_from_db()
        ready = usable_for_delete_from(tenant)
        if tenant.status != TenantStatus.ACTIVE and timezone.now() < ready:
            self.stdout.write(
                "Cette archive ne permettra pas de supprimer la structure (trop tôt après sa "
                f"suspension) : après le {timezone.localtime(ready):%d/%m/%Y %H:%M:%S}, "
                f"exportez-la de nouveau (export_tenant {slug} --output …) avant "
                "delete_tenant."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Archive écrite : {result.path} ({result.rows} lignes, {result.files} fichiers)."
            )
        )
