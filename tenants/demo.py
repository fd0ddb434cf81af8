"""The three fictional structures of the demo, modelled on the portals we replace."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django_tenants.utils import tenant_context

from core.accounts.models import User
from core.accounts.roles import Role
from core.accounts.services import create_account
from core.billing.demo import seed_billing_settings
from core.communication.demo import install_communication_demo
from core.modules import registry
from core.tenancy.context import structure_today
from tenants.models import Tenant
from tenants.provisioning import AdminSpec, create_tenant

DEMO_PASSWORD = "Famille2026"
DEMO_TEMPORARY_PASSWORD = "Provisoire2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    first_name: str
    last_name: str
    temporary: bool = False

    @property
    def password(self) -> str:
        return DEMO_TEMPORARY_PASSWORD if self.temporary else DEMO_PASSWORD


ACCOUNTS = (
    DemoAccount("gestion@exemple.fr", Role.ADMINISTRATEUR, "Hélène", "Garnier"),
    DemoAccount("animation@exemple.fr", Role.ANIMATEUR, "Karim", "Benali"),
    DemoAccount("parent@exemple.fr", Role.PARENT, "Claire", "Martin"),
    DemoAccount("nouveau.parent@exemple.fr", Role.PARENT, "Lucas", "Moreau", temporary=True),
)

STRUCTURES = (
    {
        "slug": "colos-vercors",
        "name": "Les Colos du Vercors",
        "kind": "association",
        "modules": ["sejours"],
        "primary_color": "#0f766e",
        "holiday_zone": "A",
        "initials": "CV",
        # As the séjours guide: families sign up online, the coordinator validates.
        "signup": "self",
    },
    {
        "slug": "saint-alban",
        "name": "Mairie de Saint-Alban-sur-Loire",
        "name_article": "de la",  # « le portail de la Mairie de Saint-Alban-sur-Loire »
        "kind": "commune",
        "modules": ["periscolaire"],
        "primary_color": "#1d4ed8",
        "holiday_zone": "B",
        "initials": "SA",
        # As the small commune's guide: accounts are created by the town hall.
        "signup": "staff_only",
    },
    {
        "slug": "val-de-brenne",
        "name": "Enfance Val de Brenne",
        "kind": "commune",
        "modules": ["creche", "periscolaire"],
        "primary_color": "#9d174d",
        "holiday_zone": "B",
        "initials": "VB",
        "signup": "self",
    },
)


def _logo_png(initials: str, color: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    size = 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=color)
    try:
        font = ImageFont.load_default(size=110)
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


OPERATOR_EMAIL = "operateur@exemple.fr"


def seed_demo() -> list[Tenant]:
    """Create the demo structures and accounts that do not exist yet (keeps existing data)."""
    if not User.objects.filter(email__iexact=OPERATOR_EMAIL).exists():  # public schema
        User.objects.create_superuser(email=OPERATOR_EMAIL, password=DEMO_PASSWORD)
    tenants = []
    for spec in STRUCTURES:
        fields = {k: v for k, v in spec.items() if k not in ("initials", "signup")}
        tenant = Tenant.objects.filter(slug=spec["slug"]).first()
        if tenant is None:
            first = ACCOUNTS[0]
            tenant = create_tenant(
                **fields,
                admin=AdminSpec(
                    email=first.email,
                    first_name=first.first_name,
                    last_name=first.last_name,
                    password=first.password,
                ),
            )
        if not tenant.logo:
            tenant.logo.save(
                "logo.png", ContentFile(_logo_png(spec["initials"], spec["primary_color"]))
            )
        with tenant_context(tenant):
            for account in ACCOUNTS:
                if not User.objects.filter(email__iexact=account.email).exists():
                    create_account(
                        email=account.email,
                        roles=[account.role],
                        first_name=account.first_name,
                        last_name=account.last_name,
                        password=account.password,
                        temporary_password=account.temporary,
                    )
            _seed_dossier(signup_mode=spec["signup"])
            seed_billing_settings()
            families = _demo_families()
            for module in registry.for_tenant(tenant):
                module.install_demo(tenant=tenant, families=families)
            install_communication_demo(families=families, module_ids=tenant.modules)
        tenants.append(tenant)
    return tenants


def _child_birth_date(today: date) -> date:
    """A demo child's birth date: in CE1 in the school year of ``today`` (classes go by year of
    birth, CE1 the year of the 7th birthday), so it stays in primary school, the mercredis'
    "Élémentaire" group, for four more years of a kept demo."""
    first = today.year if today.month >= 8 else today.year - 1  # the school year's
    return date(first - 7, 9, 14)


def _seed_dossier(*, signup_mode: str) -> None:
    """The structure's sign-up setting, and a household for each demo parent."""
    from core.families.models import Child, DossierSettings, Family, Guardian, GuardianChildLink

    settings = DossierSettings.current()
    if settings.signup_mode != signup_mode and not Family.objects.exists():
        settings.signup_mode = signup_mode
        settings.save(update_fields=["signup_mode"])
    for account in ACCOUNTS:
        if account.role is not Role.PARENT:
            continue
        user = User.objects.get(email__iexact=account.email)
        if Guardian.objects.filter(user=user).exists():
            continue
        family = Family.objects.create(
            name=account.last_name.upper(),
            address_line1="12 rue des Écoles",
            postal_code="45000",
            city="Orléans",
            regime=Family.REGIME_CAF,
        )
        guardian = Guardian.objects.create(
            family=family,
            user=user,
            is_primary=True,
            civility="mme" if account.first_name == "Claire" else "m",
            first_name=account.first_name,
            last_name=account.last_name,
            email=user.email,
            phone_mobile="+33612345678",
        )
        child = Child.objects.create(
            family=family,
            first_name="Léna" if account.first_name == "Claire" else "Noé",
            last_name=account.last_name,
            birth_date=_child_birth_date(structure_today()),
            sex="F" if account.first_name == "Claire" else "M",
        )
        relation = "mother" if guardian.civility == "mme" else "father"
        GuardianChildLink.objects.create(guardian=guardian, child=child, relation=relation)


def _demo_families() -> list:
    """The households the modules' demos enrol: the demo parent's (the first-login parent's
    stays empty, as a new family's would)."""
    from core.families.models import Family

    return list(Family.objects.filter(guardians__user__email__iexact="parent@exemple.fr"))
