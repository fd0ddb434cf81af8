"""The crèche's money: absences, pre-billing, Caf reports, FILOUÉ, settings
(``money_absences.py``, ``money_billing.py``)."""

from django.urls import path

from modules.creche.api import money_absences as absences
from modules.creche.api import money_billing as billing

urlpatterns = [
    path("absences/", absences.FamilyAbsenceListView.as_view(), name="creche-absences"),
    path(
        "absences/contracts",
        absences.FamilyAbsenceContractsView.as_view(),
        name="creche-absences-contracts",
    ),
    path(
        "absences/<int:pk>/proof",
        absences.FamilyAbsenceProofView.as_view(),
        name="creche-absence-proof",
    ),
    path("staff/absences/", absences.StaffAbsenceListView.as_view(), name="creche-staff-absences"),
    path(
        "staff/absences/<int:pk>/qualify",
        absences.StaffAbsenceQualifyView.as_view(),
        name="creche-staff-absence-qualify",
    ),
    path(
        "staff/absences/<int:pk>/proof",
        absences.StaffAbsenceProofView.as_view(),
        name="creche-staff-absence-proof",
    ),
    path("staff/prebilling", billing.PrebillingView.as_view(), name="creche-staff-prebilling"),
    path("staff/caf-report", billing.CafReportView.as_view(), name="creche-staff-caf-report"),
    path(
        "staff/caf-report.<str:fmt>",
        billing.CafReportExportView.as_view(),
        name="creche-staff-caf-report-export",
    ),
    path("staff/filoue", billing.FiloueView.as_view(), name="creche-staff-filoue"),
    path("staff/filoue.csv", billing.FiloueCsvView.as_view(), name="creche-staff-filoue-csv"),
    path("staff/settings", billing.CrecheSettingsView.as_view(), name="creche-staff-settings"),
]
