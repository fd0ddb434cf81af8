"""The crèche module's data (decision 0024): establishments and their capacity, place requests,
contracts and their avenants, pointage and absences, the structure's settings."""

from modules.creche.models.attendance import Absence, Presence
from modules.creche.models.contracts import Contract, ContractTerms
from modules.creche.models.establishments import (
    CapacityBand,
    Establishment,
    EstablishmentClosure,
    OpeningHours,
    Section,
)
from modules.creche.models.requests import PlaceRequest, RequestChoice
from modules.creche.models.settings import CrecheSettings

__all__ = [
    "Absence",
    "CapacityBand",
    "Contract",
    "ContractTerms",
    "CrecheSettings",
    "Establishment",
    "EstablishmentClosure",
    "OpeningHours",
    "PlaceRequest",
    "Presence",
    "RequestChoice",
    "Section",
]
