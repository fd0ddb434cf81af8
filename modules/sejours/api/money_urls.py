"""The money of a place: account, aids, cancellations (``modules/sejours/api/money.py``)."""

from django.urls import path

from modules.sejours.api import money

urlpatterns = [
    path(
        "places/<int:wish_id>/account",
        money.PlaceAccountView.as_view(),
        name="place-account",
    ),
    path(
        "places/<int:wish_id>/cancel",
        money.PlaceCancelView.as_view(),
        name="place-cancel",
    ),
    path(
        "staff/places/<int:wish_id>/account",
        money.StaffPlaceAccountView.as_view(),
        name="staff-place-account",
    ),
    path(
        "staff/places/<int:wish_id>/aids/",
        money.StaffAidsView.as_view(),
        name="staff-place-aids",
    ),
    path(
        "staff/places/<int:wish_id>/aids/<int:aid_id>",
        money.StaffAidView.as_view(),
        name="staff-place-aid",
    ),
    path(
        "staff/places/<int:wish_id>/cancel",
        money.StaffPlaceCancelView.as_view(),
        name="staff-place-cancel",
    ),
    path(
        "staff/stays/<int:stay_id>/cancel",
        money.StaffStayCancelView.as_view(),
        name="staff-stay-cancel",
    ),
]
