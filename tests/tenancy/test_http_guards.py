"""Input the views must never see (NUL, over-nested JSON, oversized bodies), the API's errors
in French JSON, and the Content-Security-Policy of every answer."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django_tenants.utils import tenant_context

from core.accounts.models import User
from core.accounts.roles import Role
from core.billing.models import Payment
from core.documents.models import Document, DocumentType
from core.families.models import Family
from core.http.guards import MAX_JSON_DEPTH, RequestGuardMiddleware, json_depth, json_has_nul
from core.payments.models import PaymentAttempt
from tests.support.booking import PDF
from tests.support.clients import client_ip
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.dossier import SIGNUP as SIGNUP_OF_THE_GUIDE
from tests.support.factories import PASSWORD, make_family, make_user
from tests.support.payments import make_invoice

JSON = "application/json"
HOST = "alpha.localhost"
LOGIN = "/api/v1/auth/login"
PAYFIP = "/api/v1/payments/payfip/notify/"
# ~200 kB, as the probe sent: far past Python's recursion limit.
NESTED = "[" * 100_000 + "]" * 100_000
SIGNUP = {**SIGNUP_OF_THE_GUIDE, "email": "nouvelle.famille@example.org"}


def new_client(**options) -> Client:
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=client_ip(), **options)


def logged(email: str) -> Client:
    client = new_client()
    response = client.post(LOGIN, {"email": email, "password": PASSWORD}, content_type=JSON)
    assert response.status_code == 200, response.content
    return client


def client_for(tenant, user) -> Client:
    client = new_client()
    with tenant_context(tenant):
        client.force_login(user)
    return client


def nested(depth: int, leaf: str = '"x"') -> str:
    return "[" * depth + leaf + "]" * depth


def refused(response, status: int, code: str) -> dict:
    """A French JSON refusal: ``{"detail", "code"}``."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body["code"] == code, body
    return body


@pytest.fixture
def parent(alpha):
    family, user = make_family(tenant=alpha)
    client = logged(user.email)
    client.family = family
    return client


@pytest.fixture
def staff(alpha):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    return logged(user.email)


# --- 1. deeply nested JSON ------------------------------------------------------------------


def test_deeply_nested_json_on_the_sign_up_is_refused_in_french_and_creates_nothing(
    self_signup,
):
    families, users = Family.objects.count(), User.objects.count()
    for payload in (NESTED, f'{{"email": "a@b.fr", "guardian": {NESTED}}}'):
        response = new_client().post("/api/v1/signup/", payload, content_type=JSON)
        body = refused(response, 400, "json_too_deep")
        assert body["detail"] == "Le contenu JSON est trop imbriqué (plus de 32 niveaux)."
    assert (Family.objects.count(), User.objects.count()) == (families, users)


@pytest.mark.parametrize("content_type", [JSON, "text/plain"])
@pytest.mark.parametrize("path", [LOGIN, "/api/v1/auth/password/request"])
def test_deeply_nested_json_on_allauth_endpoints_is_refused_whatever_its_declared_type(
    alpha, path, content_type
):
    # allauth parses any body as JSON: the guard looks at what it would parse.
    refused(new_client().post(path, NESTED, content_type=content_type), 400, "json_too_deep")


def test_deeply_nested_json_on_the_payfip_notification_is_refused_and_settles_nothing(alpha):
    response = new_client().post(PAYFIP, NESTED, content_type=JSON)
    refused(response, 400, "json_too_deep")
    assert not Payment.objects.exists()


def test_json_nested_up_to_the_limit_reaches_the_view(alpha):
    at_limit = f'{{"email": {nested(MAX_JSON_DEPTH - 1)}, "password": "x"}}'
    response = new_client().post(LOGIN, at_limit, content_type=JSON)
    assert response.status_code == 400 and "errors" in response.json()  # allauth's own answer
    over = f'{{"email": {nested(MAX_JSON_DEPTH)}, "password": "x"}}'
    refused(new_client().post(LOGIN, over, content_type=JSON), 400, "json_too_deep")


def test_brackets_inside_json_strings_do_not_count_as_nesting(alpha):
    payload = {"email": "a@b.fr", "password": "[{" * 500 + '\\"[' * 100}
    response = new_client().post(LOGIN, payload, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "email_password_mismatch"


def test_json_depth_is_measured_without_recursion():
    assert json_depth("") == 0
    assert json_depth('{"a": [1, {"b": "]]]"}]}') == 3
    assert json_depth('"\\\\" [[') == 2  # an escaped backslash closes nothing
    assert json_depth('"never closed [[[[') == 0
    assert json_depth("[" * 1_000_000) == 1_000_000


def test_a_json_body_over_its_own_size_limit_is_refused_before_it_is_scanned(alpha, settings):
    settings.JSON_MAX_BODY_SIZE = 1024
    body = {"email": "a@b.fr", "password": "x" * 2000}
    response = new_client().post(LOGIN, body, content_type=JSON)
    assert "taille maximale" in refused(response, 413, "request_too_large")["detail"]


# --- 2. NUL characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/staff/families/?q=%00",
        "/api/v1/staff/families/?status=%00",
        "/api/v1/staff/families/?q=Mar%00tin",
        "/api/v1/staff/billing/payment-attempts/?status=%00",
        "/api/v1/staff/families/?search=%00",
        "/api/v1/staff/families/?%00=1",
    ],
)
def test_nul_in_a_query_parameter_is_refused_in_french(staff, query):
    body = refused(staff.get(query), 400, "null_character")
    assert body["detail"] == (
        "La requête contient un caractère nul (U+0000), refusé dans toute saisie."
    )


@pytest.mark.frozen_at(BILLING_TESTS_NOW)
@pytest.mark.parametrize("encoding", ["form", "multipart", "query"])
def test_nul_in_the_payfip_idop_is_refused_and_settles_nothing(alpha, encoding):
    idop = "idop\x00123"
    client = new_client()
    if encoding == "form":
        response = client.post(
            PAYFIP, f"idop={idop}", content_type="application/x-www-form-urlencoded"
        )
    elif encoding == "multipart":
        response = client.post(PAYFIP, {"idop": idop})
    else:
        response = client.get(PAYFIP, {"idop": idop})
    refused(response, 400, "null_character")
    assert not PaymentAttempt.objects.exclude(status=PaymentAttempt.STATUS_PENDING).exists()
    assert not Payment.objects.exists()


def test_nul_in_a_json_string_field_is_refused_and_changes_nothing(parent):
    before = parent.get("/api/v1/family/").json()["city"]
    response = parent.patch("/api/v1/family/", {"city": "Vi\x00enne"}, content_type=JSON)
    refused(response, 400, "null_character")
    assert parent.get("/api/v1/family/").json()["city"] == before


def test_nul_in_a_sign_up_is_refused_and_creates_no_account(self_signup):
    payload = {**SIGNUP, "guardian": {**SIGNUP["guardian"], "first_name": "In\x00ès"}}
    response = new_client().post("/api/v1/signup/", payload, content_type=JSON)
    refused(response, 400, "null_character")
    assert not User.objects.filter(email__iexact=SIGNUP["email"]).exists()


@pytest.mark.parametrize(
    "raw",
    [
        '{"city": "Vi\\u0000enne"}',  # escaped, as any JSON encoder writes it
        '{"city\\u0000": "Vienne"}',  # in a key
        '{"city": ["x", {"y": "\\\\\\u0000"}]}',  # after an escaped backslash, nested
        '{"city": "Vi\x00enne"}',  # raw (invalid JSON, but never passed on)
    ],
)
def test_nul_is_refused_in_any_json_string_or_key_however_written(parent, raw):
    response = parent.patch("/api/v1/family/", raw, content_type=JSON)
    refused(response, 400, "null_character")


def test_an_escaped_backslash_before_u0000_is_text_not_nul(alpha):
    # "\\u0000" is a backslash followed by "u0000": allauth answers on the credentials.
    response = new_client().post(
        LOGIN, '{"email": "a@b.fr", "password": "\\\\u0000"}', content_type=JSON
    )
    assert response.json()["errors"][0]["code"] == "email_password_mismatch"
    assert not json_has_nul('"\\\\u0000"') and json_has_nul('"\\\\\\u0000"')


def test_nul_in_the_path_is_refused(parent):
    refused(parent.get("/api/v1/payments/demo/a%00b/"), 400, "null_character")


def test_nul_outside_the_api_is_refused_with_a_french_page(alpha):
    response = new_client().get("/admin/login/?next=%00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "caractère nul" in response.content.decode()


def test_a_cookie_holding_nul_is_ignored_instead_of_reaching_the_database(alpha):
    client = new_client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefghij\x00klmnop"
    response = client.get("/api/v1/structure/")
    assert response.status_code == 200
    assert response.json()["slug"] == "alpha"


def test_a_file_name_holding_nul_is_cleaned_by_the_multipart_parser(alpha):
    family, user = make_family(tenant=alpha)
    document_type = DocumentType.objects.create(name="Assurance", scope="family", order=1)
    upload = SimpleUploadedFile("attes\x00tation.pdf", PDF)
    response = client_for(alpha, user).post(
        "/api/v1/documents/", {"document_type": document_type.pk, "file": upload}
    )
    assert response.status_code == 201, response.content
    assert "\x00" not in Document.objects.get(family=family).original_name


def test_nul_in_a_multipart_text_field_is_refused_by_drf_charfield(alpha):
    staff = client_for(alpha, make_user(tenant=alpha, role=Role.ADMINISTRATEUR))
    response = staff.post(
        "/api/v1/staff/document-types/", {"name": "Assu\x00rance", "scope": "family"}
    )
    assert response.status_code == 400, response.content
    assert not DocumentType.objects.filter(name__startswith="Assu").exists()


def test_a_nul_that_reaches_the_database_is_answered_400_not_500():
    middleware = RequestGuardMiddleware(lambda request: None)
    request = RequestFactory().post("/api/v1/anything/")
    error = DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    response = middleware.process_exception(request, error)
    assert response.status_code == 400
    assert b"null_character" in response.content
    assert middleware.process_exception(request, DataError("autre chose")) is None


# --- 3. errors in French JSON ---------------------------------------------------------------


def test_csrf_failure_on_a_drf_endpoint_is_french_json_and_changes_nothing(alpha):
    family, user = make_family(tenant=alpha)
    client = new_client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.patch("/api/v1/family/", {"city": "Vienne"}, content_type=JSON)
    body = refused(response, 403, "csrf_failed")
    assert body["detail"].startswith("La vérification de sécurité de la requête a échoué")
    assert "CSRF Failed" not in body["detail"]
    family.refresh_from_db()
    assert family.city != "Vienne"

    # With the token the SPA sends, the same request passes.
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.patch(
        "/api/v1/family/", {"city": "Vienne"}, content_type=JSON, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200, response.content


def test_csrf_failure_on_the_allauth_login_is_french_json(alpha):
    client = new_client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"email": "a@b.fr", "password": "x"}, content_type=JSON)
    body = refused(response, 403, "csrf_failed")
    assert "cookie de sécurité absent" in body["detail"]


def test_csrf_failure_outside_the_api_is_a_french_page(alpha):
    response = new_client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "La vérification de sécurité de la requête a échoué" in response.content.decode()


@pytest.mark.parametrize("encoding", ["form", "multipart"])
def test_a_body_over_the_upload_limit_is_refused_in_french_json(alpha, settings, encoding):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    idop = "x" * 3000
    client = new_client()
    if encoding == "form":
        response = client.post(
            PAYFIP, f"idop={idop}", content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post(PAYFIP, {"idop": idop})
    body = refused(response, 413, "request_too_large")
    assert "taille maximale" in body["detail"]


def test_a_json_body_over_the_upload_limit_is_refused_in_french_json(alpha, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    body = {"email": "a@b.fr", "password": "x" * 3000}
    refused(new_client().post(LOGIN, body, content_type=JSON), 413, "request_too_large")


@pytest.mark.parametrize("encoding", ["form", "multipart", "query"])
def test_too_many_fields_are_refused_in_french_json(alpha, settings, encoding):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    fields = {f"champ{i}": "1" for i in range(10)}
    client = new_client()
    if encoding == "form":
        form = "&".join(f"{k}={v}" for k, v in fields.items())
        response = client.post(PAYFIP, form, content_type="application/x-www-form-urlencoded")
    elif encoding == "multipart":
        response = client.post(PAYFIP, fields)
    else:
        response = client.get(PAYFIP, fields)
    body = refused(response, 400, "too_many_fields")
    assert body["detail"] == "La requête contient trop de champs."


def test_a_multipart_parse_error_is_french(alpha):
    response = new_client().post(PAYFIP, b"garbage", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json() == {"detail": "Le formulaire envoyé (multipart) est mal formé."}


def test_a_json_parse_error_is_french(parent):
    response = parent.patch("/api/v1/family/", "{city", content_type=JSON)
    assert response.status_code == 400
    assert response.json() == {"detail": "Le corps de la requête n'est pas un JSON valide."}


def test_an_unreadable_body_on_allauth_is_french_json_not_an_empty_page(alpha):
    body = refused(new_client().post(LOGIN, "{email", content_type=JSON), 400, "invalid")
    assert body["detail"] == "Requête invalide."


def test_a_disabled_modules_api_answers_french_json_404(alpha, beta):
    # Alpha runs the périscolaire only; Bêta the séjours and the crèche.
    body = refused(new_client().get("/api/v1/sejours/activity-kinds/"), 404, "module_disabled")
    assert body["detail"] == "Module non activé pour cette structure."
    beta_client = Client(HTTP_HOST="beta.localhost", REMOTE_ADDR=client_ip())
    refused(beta_client.get("/api/v1/periscolaire/activity-kinds/"), 404, "module_disabled")
    assert new_client().get("/api/v1/periscolaire/activity-kinds/").status_code == 200


def test_an_unknown_api_url_answers_french_json_404(alpha):
    body = refused(new_client().get("/api/v1/nexiste-pas/"), 404, "not_found")
    assert body["detail"] == "Ressource introuvable."


@pytest.mark.parametrize(
    ("method", "path", "options", "status", "detail"),
    [
        ("get", "/api/v1/family/", {}, 403, "Informations d'authentification non fournies."),
        ("delete", "/api/v1/structure/", {}, 405, "Méthode « DELETE » non autorisée."),
        (
            "get",
            "/api/v1/structure/",
            {"HTTP_ACCEPT": "application/xml"},
            406,
            "L'en-tête « Accept » n'a pas pu être satisfaite.",
        ),
        (
            "post",
            PAYFIP,
            {"data": "idop", "content_type": "text/csv"},
            415,
            "Type de média « text/csv » non supporté.",
        ),
    ],
)
def test_drfs_own_errors_are_already_french(alpha, method, path, options, status, detail):
    response = getattr(new_client(), method)(path, **options)
    assert response.status_code == status
    # DRF's translations use non-breaking spaces inside « ».
    assert response.json()["detail"].replace("\xa0", " ") == detail


# --- 4. Content-Security-Policy -------------------------------------------------------------

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")
INLINE_TAG = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)


def strict_policy(response) -> str | None:
    """Checks the answer's policy is the strict one, and gives its nonce (if the page uses
    one): the nonce is the only source allowed beyond the strict ones."""
    header = response["Content-Security-Policy"]
    assert "unsafe-" not in header and "*" not in header, header
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    nonces = set(NONCE.findall(header))
    assert len(nonces) <= 1
    without_nonce = {
        name: [s for s in sources if not NONCE.fullmatch(s)] for name, sources in directives.items()
    }
    assert without_nonce == STRICT, header
    return nonces.pop() if nonces else None


def assert_no_unmarked_inline_code(html: str, nonce: str | None) -> None:
    for tag, attributes in INLINE_TAG.findall(html):
        if tag.lower() == "script" and "src=" in attributes:
            continue
        assert nonce and f'nonce="{nonce}"' in attributes, f"<{tag}{attributes}> without nonce"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"<[^>]+\sstyle\s*=", html), "inline style attribute"


def test_the_spa_is_served_under_the_strict_policy_with_nothing_inline(alpha):
    response = new_client().get("/inscription")
    assert response.status_code in {200, 503}  # 503: SPA not built on this machine
    nonce = strict_policy(response)
    assert_no_unmarked_inline_code(response.content.decode(), nonce)
    built = settings.FRONTEND_DIST / "index.html"
    if built.exists():
        assert nonce is None  # the built SPA needs no exception at all
        assert_no_unmarked_inline_code(built.read_text(encoding="utf-8"), None)


@pytest.mark.parametrize("host", [HOST, "localhost"])  # a structure's admin, the console
def test_the_admin_login_is_served_under_the_strict_policy(alpha, host):
    response = Client(HTTP_HOST=host, REMOTE_ADDR=client_ip()).get("/admin/login/")
    assert response.status_code == 200
    assert_no_unmarked_inline_code(response.content.decode(), strict_policy(response))


def admin_pages(site, urlconf: str) -> list[str]:
    """The index, and the list, add and first change page of every model of an admin site."""

    def url(name: str, *args) -> str:
        return reverse(f"{site.name}:{name}", args=args, urlconf=urlconf)

    pages = [url("index"), url("password_change")]
    for model, model_admin in site._registry.items():
        name = f"{model._meta.app_label}_{model._meta.model_name}"
        pages += [url(f"{name}_changelist"), url(f"{name}_add")]
        first = model_admin.get_queryset(RequestFactory().get("/")).first()
        if first is not None:
            pages.append(url(f"{name}_change", first.pk))
    return pages


def assert_admin_pages_are_strict(client, site, urlconf: str) -> None:
    seen = 0
    for page in admin_pages(site, urlconf):
        response = client.get(page)
        if response.status_code != 200:  # an add page the site does not offer
            assert response.status_code in {302, 403}, (page, response.status_code)
            continue
        assert_no_unmarked_inline_code(response.content.decode(), strict_policy(response))
        seen += 1
    assert seen > 5


def test_every_page_of_a_structures_admin_is_served_under_the_strict_policy(alpha):
    from django.contrib import admin

    boss = make_user(tenant=alpha, role=Role.ADMINISTRATEUR)
    boss.is_staff = boss.is_superuser = True
    boss.save()
    client = new_client()
    client.force_login(boss)
    assert_admin_pages_are_strict(client, admin.site, settings.ROOT_URLCONF)


def test_every_page_of_the_operators_console_is_served_under_the_strict_policy(tenants, db):
    from tenants.console import console_site

    connection.set_schema_to_public()
    operator = User.objects.create_superuser(email="ops@marelle.example", password="Ops2026!")
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())
    client.force_login(operator)
    assert_admin_pages_are_strict(client, console_site, settings.PUBLIC_SCHEMA_URLCONF)


def test_api_answers_carry_the_strict_policy(alpha):
    response = new_client().get("/api/v1/structure/")
    assert response.status_code == 200
    assert strict_policy(response) is None


def test_the_api_docs_mark_their_inline_code_with_the_nonce(alpha):
    response = new_client().get("/api/schema/ui/")
    assert response.status_code == 200
    html = response.content.decode()
    nonce = strict_policy(response)
    assert nonce and html.count(f'nonce="{nonce}"') == 2  # the page's <style> and <script>
    assert_no_unmarked_inline_code(html, nonce)


@pytest.mark.frozen_at(BILLING_TESTS_NOW)
def test_the_demo_payment_page_marks_its_style_with_the_nonce(alpha):
    family, user = make_family(tenant=alpha)
    client = logged(user.email)
    invoice = make_invoice(family, "12.00")
    checkout = client.post(
        "/api/v1/billing/payments/checkout/", {"invoice_ids": [invoice.pk]}, content_type=JSON
    )
    assert checkout.status_code == 201, checkout.content
    page = client.get(checkout.json()["redirect_url"])
    assert page.status_code == 200
    assert_no_unmarked_inline_code(page.content.decode(), strict_policy(page))


def test_platform_pages_mark_their_style_with_the_nonce(alpha):
    unknown = Client(HTTP_HOST="inconnue.localhost").get("/")
    assert unknown.status_code == 404
    nonce = strict_policy(unknown)
    assert nonce is not None
    assert_no_unmarked_inline_code(unknown.content.decode(), nonce)


def test_no_policy_allows_unsafe_eval_or_inline():
    policy = str(settings.CONTENT_SECURITY_POLICY)
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
