"""API views shared by the modules' own urlconfs."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.modules import registry


class ActivityKindSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField(allow_blank=True)


class ActivityKindListView(APIView):
    """The activity kinds a module offers (only if the structure enabled it)."""

    module_id: str = ""
    permission_classes = [permissions.AllowAny]
    pagination_class = None

    @extend_schema(responses=ActivityKindSerializer(many=True))
    def get(self, request, *args, **kwargs):
        module = registry.get(self.module_id)
        return Response(ActivityKindSerializer(module.activity_kinds, many=True).data)


def module_api_urlpatterns():
    """``/api/v1/<module>/`` for every registered module, gated per structure by
    ``core.modules_gate`` (404 where the module is not enabled)."""
    from django.urls import include, path

    from core.modules_gate import URL_NAMESPACE_PREFIX

    patterns = []
    for module in registry:
        routes = [
            path(
                "activity-kinds/",
                ActivityKindListView.as_view(module_id=module.id),
                name="activity-kinds",
            ),
        ]
        if module.api_urlconf:
            routes.append(path("", include(module.api_urlconf)))
        patterns.append(
            path(
                f"{module.id}/",
                include((routes, module.id), namespace=f"{URL_NAMESPACE_PREFIX}{module.id}"),
            )
        )
    return patterns
