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
            result = import_structure(
                path=archive,
                slug=slug,
                domains=domains,
                keep_suspended=keep_suspended,
                on_start=self._announce,
            )
        except TransferError as exc:
            raise CommandError(str(exc)) from exc
        tenant = result.tenant
        if result.blanked_files:
            self.stderr.write(
                f"Attention : {result.blanked_files} nom(s) de fichier hors du dossier de la "
                "structure ont été vidés (fichiers absents de l'archive)."
            )
        state = "suspendue" if keep_suspended else "active"
        self.stdout.write(
            self.style.SUCCESS(
                f"Structure « {tenant.name} » restaurée ({state}) : {tenant_base_url(tenant)}"
            )
        )

    def _announce(self, slug: str) -> None:
        # Printed before anything is written: a process killed outright (no undo) leaves a
        # structure "en cours de création" that this command removes.
        self.stdout.write(
            f"Restauration de « {slug} ». Si elle est interrompue (processus tué), nettoyez "
            f"avec : manage.py delete_tenant {slug} --without-export --confirm {slug}"
        )
