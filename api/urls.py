from allauth.headless.constants import Client
from allauth.headless.urls import build_urlpatterns
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.modules import module_api_urlpatterns
from api.structure import StructureLogoView, StructureView

v1 = [
    path("structure/", StructureView.as_view(), name="structure"),
    path("structure/logo", StructureLogoView.as_view(), name="structure-logo"),
    *module_api_urlpatterns(),
    path("", include("api.documents.urls")),
    path("", include("api.dossier.urls")),
    path("", include("api.booking.urls")),
    path("", include("api.billing.urls")),
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    # django-allauth headless (browser client): /api/v1/auth/…, /api/v1/account/…
    path("", include((build_urlpatterns(Client.BROWSER), "headless"), namespace="headless")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/ui/", SpectacularSwaggerView.as_view(url_name="schema"), name="schema-ui"),
]
