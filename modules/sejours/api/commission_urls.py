"""The allocation commission and the stays' follow-up (COMMISSION part)."""

from django.urls import path, re_path

from modules.sejours.api import commission

urlpatterns = [
    path(
        "staff/commission/campaigns",
        commission.CommissionCampaignsView.as_view(),
        name="staff-commission-campaigns",
    ),
    path(
        "staff/campaigns/<int:pk>/commission",
        commission.CommissionView.as_view(),
        name="staff-commission",
    ),
    path("staff/campaigns/<int:pk>/runs", commission.RunCreateView.as_view(), name="staff-runs"),
    path("staff/runs/<int:pk>/moves", commission.MoveView.as_view(), name="staff-run-moves"),
    path("staff/runs/<int:pk>/publish", commission.PublishView.as_view(), name="staff-run-publish"),
    path(
        "staff/stays/<int:pk>/follow-up",
        commission.FollowUpView.as_view(),
        name="staff-stay-follow-up",
    ),
    re_path(
        r"^staff/stays/(?P<pk>[0-9]+)/exports/(?P<kind>participants|health|transport|contacts)"
        r"\.(?P<fmt>csv|pdf)$",
        commission.ExportView.as_view(),
        name="staff-stay-export",
    ),
]
