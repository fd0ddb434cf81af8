"""Routes of « Mes documents », « Mes éditions » and their staff side (under /api/v1/)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api.documents import family, staff

router = SimpleRouter()
router.register("staff/document-types", staff.DocumentTypeViewSet, basename="staff-document-types")

urlpatterns = [
    # Parent
    path(
        "documents/requirements/",
        family.RequirementsView.as_view(),
        name="documents-requirements",
    ),
    path("documents/types/", family.FamilyDocumentTypeListView.as_view(), name="documents-types"),
    path(
        "documents/types/<int:pk>/template",
        family.DocumentTypeTemplateView.as_view(),
        name="documents-type-template",
    ),
    path("documents/", family.DocumentListView.as_view(), name="documents"),
    path("documents/<uuid:uuid>/file", family.DocumentFileView.as_view(), name="documents-file"),
    path("editions/", family.EditionListView.as_view(), name="editions"),
    path(
        "editions/health-form/<int:child_id>",
        family.HealthFormView.as_view(),
        name="editions-health-form",
    ),
    # Staff
    path("staff/documents/", staff.StaffDocumentListView.as_view(), name="staff-documents"),
    path(
        "staff/documents/<uuid:uuid>/review",
        staff.StaffDocumentReviewView.as_view(),
        name="staff-documents-review",
    ),
    path(
        "staff/documents/<uuid:uuid>/file",
        staff.StaffDocumentFileView.as_view(),
        name="staff-documents-file",
    ),
    path(
        "staff/families/<int:family_id>/editions/health-form/<int:child_id>",
        staff.StaffHealthFormView.as_view(),
        name="staff-editions-health-form",
    ),
    *router.urls,
]
