"""Contracts, avenants and signature (CONTRACTS part): the family's side under
``contracts/``, the staff's under ``staff/contracts/``."""

from django.urls import path

from modules.creche.api import contracts as staff
from modules.creche.api import contracts_family as family

urlpatterns = [
    # Family
    path("contracts/", family.MyContractsView.as_view(), name="contracts"),
    path("contracts/<int:pk>/", family.MyContractDetailView.as_view(), name="contract"),
    path("contracts/<int:pk>/accept", family.SignOnlineView.as_view(), name="contract-accept"),
    path("contracts/<int:pk>/upload", family.SignUploadView.as_view(), name="contract-upload"),
    path(
        "contracts/<int:pk>/filoue-consent",
        family.FiloueConsentView.as_view(),
        name="contract-filoue-consent",
    ),
    path("contracts/<int:pk>/contract.pdf", family.ContractPdfView.as_view(), name="contract-pdf"),
    # Staff
    path("staff/contracts/", staff.ContractListView.as_view(), name="staff-contracts"),
    path(
        "staff/contracts/options",
        staff.ContractOptionsView.as_view(),
        name="staff-contract-options",
    ),
    path(
        "staff/contracts/children",
        staff.ContractChildrenView.as_view(),
        name="staff-contract-children",
    ),
    path(
        "staff/contracts/prefill",
        staff.ContractPrefillView.as_view(),
        name="staff-contract-prefill",
    ),
    path(
        "staff/contracts/simulation",
        staff.ContractSimulationView.as_view(),
        name="staff-contract-simulation",
    ),
    path("staff/contracts/<int:pk>/", staff.ContractDetailView.as_view(), name="staff-contract"),
    path(
        "staff/contracts/<int:pk>/contract.pdf",
        staff.StaffContractPdfView.as_view(),
        name="staff-contract-pdf",
    ),
    path(
        "staff/contracts/<int:pk>/propose",
        staff.ContractProposeView.as_view(),
        name="staff-contract-propose",
    ),
    path(
        "staff/contracts/<int:pk>/cancel",
        staff.ContractCancelView.as_view(),
        name="staff-contract-cancel",
    ),
    path(
        "staff/contracts/<int:pk>/signed-on-paper",
        staff.ContractPaperView.as_view(),
        name="staff-contract-paper",
    ),
    path(
        "staff/contracts/<int:pk>/amendments",
        staff.ContractAmendmentView.as_view(),
        name="staff-contract-amendments",
    ),
    path(
        "staff/contracts/<int:pk>/end",
        staff.ContractEndView.as_view(),
        name="staff-contract-end",
    ),
]
