"""``manage.py create_tenant --slug … --name … --kind … --modules … --admin-email …``"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.modules import registry
from core.tenancy.constants import HolidayZone, TenantKind
from core.tenancy.routing import tenant_base_url
from tenants.provisioning import AdminSpec, create_tenant, registration_fields


class Command(BaseCommand):
    help = "Crée une structure : schéma, modules, premier administrateur (lien par e-mail)."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="sous-domaine, ex. saint-alban")
        parser.add_argument("--name", required=True)
        parser.add_argument("--kind", required=True, choices=TenantKind.values)
        parser.add_argument("--modules", nargs="*", default=[], choices=registry.ids())
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-first-name", default="")
        parser.add_argument("--admin-last-name", default="")
        parser.add_argument("--time-zone", default="Europe/Paris")
        parser.add_argument("--holiday-zone", default=HolidayZone.C, choices=HolidayZone.values)
        parser.add_argument("--primary-color", default="#1d4ed8")
        parser.add_argument(
            "--domain",
            action="append",
            default=[],
            dest="domains",
            help="domaine personnalisé (répétable)",
        )

    def handle(self, *args, **o):
        try:
            tenant = create_tenant(
                **registration_fields(o),
                custom_domains=o["domains"],
                admin=AdminSpec(
                    email=o["admin_email"],
                    first_name=o["admin_first_name"],
                    last_name=o["admin_last_name"],
                ),
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k} : {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Structure « {tenant.name} » créée : {tenant_base_url(tenant)} — un lien pour "
                f"choisir le mot de passe a été envoyé à {o['admin_email']}."
            )
        )
