"""The séjours module's data: what only stays have, the wish campaign and the commission's
history, and the money of each place (decision 0023)."""

from modules.sejours.models.campaigns import AllocationRun, Campaign, ManualMove, Wish
from modules.sejours.models.money import StayAid
from modules.sejours.models.settings import SejoursSettings
from modules.sejours.models.stays import Stay, StayMedia, TransportOption

__all__ = [
    "AllocationRun",
    "Campaign",
    "ManualMove",
    "SejoursSettings",
    "Stay",
    "StayAid",
    "StayMedia",
    "TransportOption",
    "Wish",
]
