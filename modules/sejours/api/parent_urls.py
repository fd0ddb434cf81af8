"""The families' préinscription (IsFamilyMember): ``v1:module-sejours:wishes-*``, and a place
taken at once on a stay booked directly."""

from django.urls import path

from modules.sejours.api.booking import StayBookView
from modules.sejours.api.wishes import CampaignView, ChildFileView, ChildWishesView, ChildWishView

urlpatterns = [
    path("campaign/", CampaignView.as_view(), name="wishes-campaign"),
    path("children/<int:child_id>/wishes/", ChildWishesView.as_view(), name="wishes-child"),
    path(
        "children/<int:child_id>/wishes/<int:wish_id>",
        ChildWishView.as_view(),
        name="wishes-withdraw",
    ),
    path("children/<int:child_id>/file", ChildFileView.as_view(), name="wishes-file"),
    path("stays/<int:pk>/book", StayBookView.as_view(), name="stay-book"),
]
