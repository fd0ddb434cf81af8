"""``manage.py delete_tenant <slug> (--export-file FILE | --without-export) [--confirm <slug>]``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.models import Tenant
from tenants.transfer import TransferError
from tenants.transfer.delete import delete_structure


class Command(BaseCommand):
    help = (
        "Supprime une structure exportée : schéma, fichiers, domaines, références de paiement "
        "et entrées de cache. Irréversible."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--export-file", type=Path, help="l'archive d'export_tenant de cette structure"
        )
        source.add_argument(
            "--without-export",
            action="store_true",
            help="DANGER : supprimer sans export vérifié ; les données sont perdues",
        )
        parser.add_argument(
            "--confirm", metavar="SLUG", help="confirmation sans question : l'identifiant"
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="ne rien demander (--confirm est alors obligatoire)",
        )

    def handle(self, *args, slug, export_file, without_export, confirm, interactive, **options):
        tenant = Tenant.objects.filter(slug=slug).exclude(schema_name="public").first()
        if tenant is None:
            raise CommandError(f"Structure inconnue : « {slug} ».")
        if confirm is None:
            if not interactive:
                raise CommandError("Confirmation requise : --confirm <identifiant>.")
            self.stdout.write(
                f"La structure « {tenant.name} » ({slug}) et toutes ses données vont être "
                "supprimées définitivement."
            )
            confirm = input(f"Tapez « {slug} » pour confirmer : ").strip()
        try:
            result = delete_structure(
                tenant=tenant,
                confirm=confirm,
                export_file=export_file,
                without_export=without_export,
            )
        except TransferError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Structure « {slug} » supprimée : schéma {result.schema}, "
                f"{len(result.domains)} domaine(s), {result.files} fichier(s), "
                f"{result.cache_keys} entrée(s) de cache."
            )
        )
