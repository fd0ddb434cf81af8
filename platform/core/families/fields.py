"""The catalogue of the family file's fields and each structure's policy for them.

Every field a family may see or change is listed here with its label, its "Mes demandes"
category and a default policy; a structure overrides the default with a ``FieldPolicy`` row.
``locked`` fields (names, birth dates) can never be hidden nor made optional.
Collections (vaccinations, authorised persons) support hidden / read-only / editable only.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.families.models import FieldPolicy

HIDDEN = FieldPolicy.MODE_HIDDEN
READ_ONLY = FieldPolicy.MODE_READ_ONLY
EDITABLE = FieldPolicy.MODE_EDITABLE
VALIDATED = FieldPolicy.MODE_VALIDATED


@dataclass(frozen=True)
class FieldSpec:
    key: str  # "<target>.<attribute>"
    label: str
    category: str  # ChangeRequest category; "guardian" = responsable or conjoint
    mode: str = EDITABLE
    required: bool = False
    locked: bool = False
    collection: bool = False

    @property
    def target(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def attribute(self) -> str:
        return self.key.split(".", 1)[1]


@dataclass(frozen=True)
class Policy:
    mode: str
    required: bool

    @property
    def visible(self) -> bool:
        return self.mode != HIDDEN

    @property
    def writable(self) -> bool:
        return self.mode in (EDITABLE, VALIDATED)


F = FieldSpec
CATALOG: tuple[FieldSpec, ...] = (
    # Foyer
    F("family.address_line1", "Adresse", "foyer", required=True),
    F("family.address_line2", "Complément d'adresse", "foyer"),
    F("family.postal_code", "Code postal", "foyer", required=True),
    F("family.city", "Ville", "foyer", required=True),
    F("family.phone", "Téléphone du domicile", "foyer"),
    F("family.email", "E-mail du foyer", "foyer"),
    F("family.marital_status", "Situation familiale", "foyer"),
    F("family.regime", "Régime allocataire", "caf", VALIDATED),
    F("family.allocataire_number", "N° allocataire", "caf", VALIDATED),
    F("family.account_holder", "Titulaire du compte", "bancaire", VALIDATED),
    F("family.iban", "IBAN", "bancaire", VALIDATED),
    F("family.bic", "BIC", "bancaire", VALIDATED),
    # Responsables
    F("guardian.civility", "Civilité", "guardian"),
    F("guardian.first_name", "Prénom", "guardian", required=True, locked=True),
    F("guardian.last_name", "Nom", "guardian", required=True, locked=True),
    F("guardian.birth_date", "Date de naissance", "guardian"),
    F("guardian.phone_mobile", "Téléphone portable", "guardian", required=True),
    F("guardian.phone_home", "Téléphone domicile", "guardian"),
    F("guardian.phone_work", "Téléphone professionnel", "guardian"),
    F("guardian.email", "E-mail", "guardian"),
    F("guardian.profession", "Profession", "guardian"),
    F("guardian.employer", "Employeur", "guardian"),
    F("guardian.lives_elsewhere", "Adresse différente du foyer", "guardian"),
    F("guardian.address_line1", "Adresse", "guardian"),
    F("guardian.address_line2", "Complément d'adresse", "guardian"),
    F("guardian.postal_code", "Code postal", "guardian"),
    F("guardian.city", "Ville", "guardian"),
    F("guardian.email_consent", "Accepte les e-mails", "guardian"),
    F("guardian.sms_consent", "Accepte les SMS", "guardian"),
    # Enfants
    F("child.first_name", "Prénom", "enfant", required=True, locked=True),
    F("child.last_name", "Nom", "enfant", required=True, locked=True),
    F("child.birth_date", "Date de naissance", "enfant", VALIDATED, required=True, locked=True),
    F("child.sex", "Sexe", "enfant", required=True),
    F("child.school_name", "École", "enfant"),
    F("child.school_level", "Classe", "enfant"),
    F("child.authorised_persons", "Personnes autorisées et à prévenir", "enfant", collection=True),
    # Santé
    F("child.doctor_name", "Médecin traitant", "sante"),
    F("child.doctor_phone", "Téléphone du médecin", "sante"),
    F("child.allergies", "Allergies", "sante"),
    F("child.has_pai", "PAI", "sante", VALIDATED),
    F("child.pai_details", "Précisions sur le PAI", "sante", VALIDATED),
    F("child.meal_type", "Type de repas", "sante"),
    F("child.wears_glasses", "Porte des lunettes", "sante"),
    F("child.health_notes", "Recommandations", "sante"),
    F("child.vaccinations", "Vaccinations", "sante", collection=True),
    # Autorisations (each question of the structure's list)
    F("child.authorisations", "Autorisations", "autorisations"),
)
BY_KEY: dict[str, FieldSpec] = {spec.key: spec for spec in CATALOG}


def fields_of(target: str) -> list[FieldSpec]:
    return [spec for spec in CATALOG if spec.target == target]


def policies() -> dict[str, Policy]:
    """Each field's policy in the current structure: its ``FieldPolicy`` row or the default."""
    overrides = {p.field: p for p in FieldPolicy.objects.all()}
    result = {}
    for spec in CATALOG:
        row = overrides.get(spec.key)
        mode, required = (row.mode, row.required) if row else (spec.mode, spec.required)
        if spec.collection and mode == VALIDATED:
            mode = EDITABLE
        if spec.locked:
            mode = READ_ONLY if mode == HIDDEN else mode
            required = True
        if mode == HIDDEN:
            required = False
        result[spec.key] = Policy(mode=mode, required=required)
    return result


def guardian_email_policy(base: Policy, *, staff_only: bool) -> Policy:
    """A guardian's e-mail is their login: some structures change it themselves only."""
    if staff_only and base.writable:
        return Policy(mode=READ_ONLY, required=base.required)
    return base
