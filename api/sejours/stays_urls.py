"""The coordinators' stays, campaigns and settings (STAYS part)."""

from django.urls import path

from api.sejours import stays

urlpatterns = [
    path("staff/stays/", stays.StayListView.as_view(), name="staff-stays"),
    path("staff/stays/<int:pk>/", stays.StayDetailView.as_view(), name="staff-stay"),
    path("staff/stays/<int:pk>/copy/", stays.StayCopyView.as_view(), name="staff-stay-copy"),
    path("staff/stays/<int:pk>/media/", stays.StayMediaView.as_view(), name="staff-stay-media"),
    path("staff/campaigns/", stays.CampaignListView.as_view(), name="staff-campaigns"),
    path("staff/campaigns/<int:pk>/", stays.CampaignDetailView.as_view(), name="staff-campaign"),
    path("staff/settings/", stays.SettingsView.as_view(), name="staff-settings"),
]
