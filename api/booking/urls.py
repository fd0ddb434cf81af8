"""Routes of the booking API (parent and staff)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api.booking import certificates, config, parent, staff

router = SimpleRouter()
router.register("staff/booking/activities", config.ActivityViewSet, basename="staff-activities")
router.register("staff/booking/units", config.UnitViewSet, basename="staff-units")
router.register("staff/booking/groups", config.GroupViewSet, basename="staff-groups")
router.register("staff/booking/openings", config.OpeningViewSet, basename="staff-openings")
router.register("staff/booking/closures", config.ClosureViewSet, basename="staff-closures")
router.register("staff/booking/policies", config.BookingPolicyViewSet, basename="staff-policies")
router.register("staff/booking/tariffs", config.TariffViewSet, basename="staff-tariffs")
router.register("staff/booking/legend", config.LegendViewSet, basename="staff-legend")

urlpatterns = [
    path("booking/catalog/", parent.CatalogView.as_view(), name="booking-catalog"),
    path("booking/enrolments/", parent.EnrolmentListView.as_view(), name="booking-enrolments"),
    path("booking/planning/", parent.PlanningView.as_view(), name="booking-planning"),
    path("booking/cart/", parent.CartView.as_view(), name="booking-cart"),
    path("booking/cart/checkout/", parent.CheckoutView.as_view(), name="booking-checkout"),
    path(
        "booking/weekly-template/",
        parent.WeeklyTemplateView.as_view(),
        name="booking-weekly-template",
    ),
    path("booking/absences/", parent.AbsenceView.as_view(), name="booking-absences"),
    path(
        "booking/reservations/", parent.ReservationListView.as_view(), name="booking-reservations"
    ),
    path("booking/requests/", parent.BookingRequestListView.as_view(), name="booking-requests"),
    path(
        "booking/certificates/",
        certificates.CertificateListView.as_view(),
        name="booking-certificates",
    ),
    path(
        "booking/certificates/<int:pk>/pdf/",
        certificates.CertificatePdfView.as_view(),
        name="booking-certificate-pdf",
    ),
    # Staff
    path(
        "staff/booking/certificates/",
        certificates.StaffCertificateListView.as_view(),
        name="staff-certificates",
    ),
    path(
        "staff/booking/certificates/decide/",
        certificates.StaffCertificateDecisionView.as_view(),
        name="staff-certificates-decide",
    ),
    path(
        "staff/booking/certificates/<int:pk>/pdf/",
        certificates.StaffCertificatePdfView.as_view(),
        name="staff-certificate-pdf",
    ),
    path(
        "staff/booking/enrolments/",
        staff.StaffEnrolmentListView.as_view(),
        name="staff-enrolments",
    ),
    path(
        "staff/booking/enrolments/decide/",
        staff.StaffEnrolmentDecisionView.as_view(),
        name="staff-enrolments-decide",
    ),
    path(
        "staff/booking/reservations/",
        staff.StaffReservationListView.as_view(),
        name="staff-reservations",
    ),
    path(
        "staff/booking/reservations/decide/",
        staff.StaffReservationDecisionView.as_view(),
        name="staff-reservations-decide",
    ),
    path(
        "staff/booking/reservations/apply/",
        staff.StaffChangesView.as_view(),
        name="staff-reservations-apply",
    ),
    path("staff/booking/occupancy/", staff.OccupancyView.as_view(), name="staff-occupancy"),
    path(
        "staff/booking/attendance/<int:pk>/",
        staff.AttendanceView.as_view(),
        name="staff-attendance",
    ),
    path("staff/booking/simulate/", config.PriceSimulatorView.as_view(), name="staff-simulate"),
    path(
        "staff/booking/pricing-methods/",
        config.PricingMethodsView.as_view(),
        name="staff-pricing-methods",
    ),
    path(
        "staff/booking/billing-settings/",
        config.BillingSettingsView.as_view(),
        name="staff-booking-billing-settings",
    ),
    *router.urls,
]
