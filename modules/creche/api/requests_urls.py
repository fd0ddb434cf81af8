"""Place requests and the commission (REQUESTS part): ``v1:module-creche:request*`` for the
families, ``v1:module-creche:staff-request*`` for the staff."""

from django.urls import path

from modules.creche.api import requests as family
from modules.creche.api import requests_staff as staff

urlpatterns = [
    path("requests/options", family.RequestOptionsView.as_view(), name="request-options"),
    path("requests/", family.RequestListView.as_view(), name="requests"),
    path("requests/<int:pk>/", family.RequestDetailView.as_view(), name="request"),
    path(
        "requests/<int:pk>/withdraw", family.RequestWithdrawView.as_view(), name="request-withdraw"
    ),
    path("requests/<int:pk>/renew", family.RequestRenewView.as_view(), name="request-renew"),
    path("requests/<int:pk>/accept", family.RequestAcceptView.as_view(), name="request-accept"),
    path("requests/<int:pk>/decline", family.RequestDeclineView.as_view(), name="request-decline"),
    path("staff/requests/", staff.StaffRequestListView.as_view(), name="staff-requests"),
    path("staff/requests/<int:pk>/", staff.StaffRequestDetailView.as_view(), name="staff-request"),
    path(
        "staff/requests/<int:pk>/offer", staff.StaffOfferView.as_view(), name="staff-request-offer"
    ),
    path(
        "staff/requests/<int:pk>/waitlist",
        staff.StaffWaitlistView.as_view(),
        name="staff-request-waitlist",
    ),
    path(
        "staff/requests/<int:pk>/refuse",
        staff.StaffRefuseView.as_view(),
        name="staff-request-refuse",
    ),
    path(
        "staff/requests/<int:pk>/availability",
        staff.StaffAvailabilityView.as_view(),
        name="staff-request-availability",
    ),
]
