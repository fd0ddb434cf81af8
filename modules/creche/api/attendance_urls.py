"""The day's board, the pointage and the occasional care (PLACES part)."""

from django.urls import path

from modules.creche.api import attendance, attendance_door, attendance_occasional

urlpatterns = [
    path("staff/board/", attendance.BoardView.as_view(), name="creche-staff-board"),
    path("staff/pointage/", attendance.ClockView.as_view(), name="creche-staff-clock"),
    path(
        "staff/presences/correct/",
        attendance.CorrectionView.as_view(),
        name="creche-staff-presence-correct",
    ),
    path(
        "staff/presences/<int:pk>/history/",
        attendance.PresenceHistoryView.as_view(),
        name="creche-staff-presence-history",
    ),
    path(
        "staff/occasional/",
        attendance_occasional.PendingView.as_view(),
        name="creche-staff-occasional",
    ),
    path(
        "staff/occasional/decide/",
        attendance_occasional.DecisionView.as_view(),
        name="creche-staff-occasional-decide",
    ),
    path(
        "occasional/",
        attendance_occasional.AvailabilityView.as_view(),
        name="creche-occasional",
    ),
    path(
        "occasional/bookings/",
        attendance_occasional.FamilyBookingsView.as_view(),
        name="creche-occasional-bookings",
    ),
    path(
        "occasional/bookings/cancel/",
        attendance_occasional.FamilyCancelView.as_view(),
        name="creche-occasional-cancel",
    ),
    path("pointage/", attendance_door.DoorView.as_view(), name="creche-door"),
]
