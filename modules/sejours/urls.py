from django.urls import path

from api.modules import ActivityKindListView

urlpatterns = [
    path(
        "activity-kinds/",
        ActivityKindListView.as_view(module_id="sejours"),
        name="activity-kinds",
    ),
]
