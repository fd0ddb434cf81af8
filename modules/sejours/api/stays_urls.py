"""The coordinators' stays, campaigns and settings (STAYS part)."""

from django.urls import path

from modules.sejours.api import stays

urlpatterns = [
    path("staff/stays/", stays.StayListView.as_view(), name="staff-stays"),
    path("staff/stays/<int:pk>/", stays.StayDetailView.as_view(), name="staff-stay"),
    path("staff/stays/<int:pk>/copy/", stays.StayCopyView.as_view(), name="staff-stay-copy"),
    path("staff/stays/<int:pk>/media/", stays.StayMediaView.as_view(), name="staff-stay-media"),
    path(
        "staff/stays/<int:pk>/media/<int:media_id>",
        stays.StayMediaItemView.as_view(),
        name="staff-stay-media-item",
    ),
    path("staff/campaigns/", stays.CampaignListView.as_view(), name="staff-campaigns"),
    path("staff/campaigns/<int:pk>/", stays.CampaignDetailView.as_view(), name="staff-campaign"),
    path("staff/settings/", stays.SettingsView.as_view(), name="staff-settings"),
]
