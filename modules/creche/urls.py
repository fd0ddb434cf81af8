from django.urls import path

from api.modules import ActivityKindListView

urlpatterns = [
    path(
        "activity-kinds/",
        ActivityKindListView.as_view(module_id="creche"),
        name="activity-kinds",
    ),
]
