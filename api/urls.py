from allauth.headless.constants import Client
from allauth.headless.urls import build_urlpatterns
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView

from api.docs import ApiDocsView
from api.home import HomeSummaryView
from api.modules import module_api_urlpatterns
from api.passwords import PasswordCheckView
from api.structure import StructureLogoView, StructureView

v1 = [
    path("structure/", StructureView.as_view(), name="structure"),
    path("structure/logo", StructureLogoView.as_view(), name="structure-logo"),
    path("home/summary/", HomeSummaryView.as_view(), name="home-summary"),
    path("password/check/", PasswordCheckView.as_view(), name="password-check"),
    *module_api_urlpatterns(),
    path("", include("api.documents.urls")),
    path("", include("api.dossier.urls")),
    path("", include("api.booking.urls")),
    path("", include("api.billing.urls")),
    path("", include("api.communication.urls")),
]

# Accounts sign in with their e-mail only: allauth's phone routes have no phone number to work
# on (its adapter raises NotImplementedError, a 500 to anyone who calls them).
UNUSED_AUTH_ROUTES = {"manage_phone", "verify_phone", "resend_phone_verification_code"}


def _without(patterns, names: set[str]) -> list:
    kept = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = _without(pattern.url_patterns, names)
            kept.append(pattern)
        elif not (isinstance(pattern, URLPattern) and pattern.name in names):
            kept.append(pattern)
    return kept


urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    # django-allauth headless (browser client): /api/v1/auth/…, /api/v1/account/…
    path(
        "",
        include(
            (_without(build_urlpatterns(Client.BROWSER), UNUSED_AUTH_ROUTES), "headless"),
            namespace="headless",
        ),
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/ui/", ApiDocsView.as_view(url_name="schema"), name="schema-ui"),
]
