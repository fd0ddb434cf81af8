"""The allocation commission and the stays' follow-up (COMMISSION part)."""

from django.urls import path

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
    # Any kind or format reaches the view, which answers 404 for an unknown one (a regular
    # expression here would hide the route from the schema's fuzzing).
    path(
        "staff/stays/<int:pk>/exports/<slug:kind>.<slug:fmt>",
        commission.ExportView.as_view(),
        name="staff-stay-export",
    ),
]
