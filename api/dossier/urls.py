"""Routes of the family file (parent and staff)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api.dossier import config, consents, family, options, staff, staff_edits

router = SimpleRouter()
router.register("staff/meal-types", config.MealTypeViewSet, basename="staff-meal-types")
router.register("staff/school-levels", config.SchoolLevelViewSet, basename="staff-school-levels")
router.register(
    "staff/authorisation-questions",
    config.AuthorisationQuestionViewSet,
    basename="staff-authorisation-questions",
)
router.register("staff/consent-types", config.ConsentTypeViewSet, basename="staff-consent-types")

urlpatterns = [
    path("dossier/options/", options.DossierOptionsView.as_view(), name="dossier-options"),
    path("signup/", options.SignupView.as_view(), name="signup"),
    path("consents/", consents.ConsentsView.as_view(), name="consents"),
    # Parent
    path("family/", family.HouseholdView.as_view(), name="family"),
    path("family/home/", family.FamilyHomeView.as_view(), name="family-home"),
    path("family/missing/", family.MissingView.as_view(), name="family-missing"),
    path("family/requests/", family.RequestListView.as_view(), name="family-requests"),
    path("family/guardians/", family.GuardianListView.as_view(), name="family-guardians"),
    path(
        "family/guardians/<int:pk>/",
        family.GuardianDetailView.as_view(),
        name="family-guardian",
    ),
    path("family/children/", family.ChildListView.as_view(), name="family-children"),
    path("family/children/<int:pk>/", family.ChildDetailView.as_view(), name="family-child"),
    path(
        "family/children/<int:pk>/authorisations/",
        family.ChildAuthorisationsView.as_view(),
        name="family-child-authorisations",
    ),
    path(
        "family/children/<int:pk>/vaccinations/",
        family.VaccinationListView.as_view(),
        name="family-child-vaccinations",
    ),
    path(
        "family/children/<int:pk>/vaccinations/<int:item>/",
        family.VaccinationDetailView.as_view(),
        name="family-child-vaccination",
    ),
    path(
        "family/children/<int:pk>/persons/",
        family.PersonListView.as_view(),
        name="family-child-persons",
    ),
    path(
        "family/children/<int:pk>/persons/<int:item>/",
        family.PersonDetailView.as_view(),
        name="family-child-person",
    ),
    path("family/quotients/", family.QuotientListView.as_view(), name="family-quotients"),
    path("family/resources/", family.ResourcesListView.as_view(), name="family-resources"),
    # Staff
    path("staff/dossier/counters/", staff.DossierCountersView.as_view(), name="staff-counters"),
    path("staff/dossier/settings/", config.DossierSettingsView.as_view(), name="staff-settings"),
    path(
        "staff/dossier/field-policies/",
        config.FieldPoliciesView.as_view(),
        name="staff-field-policies",
    ),
    path("staff/families/", staff.FamilySearchView.as_view(), name="staff-families"),
    path("staff/families/new/", staff.FamilyCreateView.as_view(), name="staff-family-create"),
    path("staff/families/<int:pk>/", staff.FamilyFileView.as_view(), name="staff-family"),
    path(
        "staff/families/<int:pk>/history/",
        staff.FamilyHistoryView.as_view(),
        name="staff-family-history",
    ),
    path(
        "staff/families/<int:pk>/export/",
        staff.FamilyExportView.as_view(),
        name="staff-family-export",
    ),
    path(
        "staff/families/<int:pk>/anonymise/",
        staff.FamilyAnonymiseView.as_view(),
        name="staff-family-anonymise",
    ),
    path(
        "staff/families/<int:pk>/validate/",
        staff.ValidateAccountView.as_view(),
        name="staff-family-validate",
    ),
    path(
        "staff/families/<int:pk>/refuse/",
        staff.RefuseAccountView.as_view(),
        name="staff-family-refuse",
    ),
    path(
        "staff/families/<int:pk>/guardians/<int:guardian>/login/",
        staff_edits.GuardianLoginView.as_view(),
        name="staff-guardian-login",
    ),
    path(
        "staff/families/<int:pk>/quotients/",
        staff_edits.StaffQuotientView.as_view(),
        name="staff-family-quotients",
    ),
    path(
        "staff/families/<int:pk>/quotients/<int:quotient>/decide/",
        staff_edits.QuotientDecisionView.as_view(),
        name="staff-family-quotient-decide",
    ),
    path(
        "staff/families/<int:pk>/guardians/<int:guardian>/",
        staff_edits.StaffGuardianView.as_view(),
        name="staff-family-guardian",
    ),
    path(
        "staff/families/<int:pk>/children/<int:child>/",
        staff_edits.StaffChildView.as_view(),
        name="staff-family-child",
    ),
    path(
        "staff/families/<int:pk>/notes/", staff_edits.StaffNotesView.as_view(), name="staff-notes"
    ),
    path("staff/accounts/pending/", staff.PendingAccountsView.as_view(), name="staff-pending"),
    path(
        "staff/change-requests/",
        staff.ChangeRequestListView.as_view(),
        name="staff-change-requests",
    ),
    path(
        "staff/change-requests/decide/",
        staff.DecideChangeRequestsView.as_view(),
        name="staff-change-requests-decide",
    ),
    *router.urls,
]
