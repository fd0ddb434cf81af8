from core.families.models.children import (
    AuthorisationAnswer,
    AuthorisedPerson,
    Child,
    GuardianChildLink,
    Vaccination,
)
from core.families.models.configuration import (
    AuthorisationQuestion,
    ConsentType,
    DossierSettings,
    FieldPolicy,
    MealType,
    SchoolLevel,
)
from core.families.models.consents import ConsentAnswer
from core.families.models.household import AnnualResources, Family, Guardian, QuotientDeclaration
from core.families.models.requests import ChangeRequest

__all__ = [
    "AnnualResources",
    "AuthorisationAnswer",
    "AuthorisationQuestion",
    "AuthorisedPerson",
    "ChangeRequest",
    "Child",
    "ConsentAnswer",
    "ConsentType",
    "DossierSettings",
    "Family",
    "FieldPolicy",
    "Guardian",
    "GuardianChildLink",
    "MealType",
    "QuotientDeclaration",
    "SchoolLevel",
    "Vaccination",
]
