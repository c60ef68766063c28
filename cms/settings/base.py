"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see README,
"Production settings"): ``DATABASE_URL``, ``SEARCH_BACKEND``/``SEARCH_URL``, ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``MEDIA_ROOT``/``MEDIA_URL`` and ``BASE_URL``. Every project setting the code
reads is declared here, with its source (tests/test_settings_declared.py checks it).
"""

import datetime
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [value.strip() for value in os.environ.get(name, default).split(",") if value.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "demo",
    "search",
    "disclosure.organisation",
    "disclosure.departments",
    "disclosure.catalogue",
    "disclosure.columns",
    "disclosure.publishing",
    "disclosure.normative",
    "disclosure.policies",
    "disclosure.applications",
    "disclosure.gazette",
    "disclosure.funds",
    "disclosure.workdays",
    "disclosure.outbox",
    "disclosure.review",
    "disclosure.audit",
    "disclosure.syndication",
    "disclosure.checks",
    "disclosure.enforcement",
    "disclosure.opendata",
    "disclosure.licensing",
    "disclosure.inspections",
    "disclosure.credit",
    "disclosure.powers",
    "disclosure.accounts",
    "disclosure.backup",
    "disclosure.ledger",
    "disclosure.participation",
    "disclosure.consultations",
    "disclosure.annual_report",
    "disclosure.assessment",
    # The second factor of staff login (disclosure/accounts/otp.py): TOTP devices and the
    # one-time recovery codes (django-otp's static devices).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "simple_history",
    # Login throttling and lockout (disclosure/accounts/lockout.py).
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin writes times with humanize's naturaltime ("3 分钟之前"): the app's
    # catalogue is loaded only when it is installed.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "disclosure.syndication.access.ApiCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session's second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who may use the admin reach nothing but enrolment and verification until their
    # second factor is verified, when STAFF_OTP_REQUIRED (disclosure/accounts/otp_middleware.py).
    "disclosure.accounts.otp_middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.csp.AdminPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "disclosure.publishing.middleware.WithdrawnPageMiddleware",
    "disclosure.review.middleware.WorkflowActionRefusalMiddleware",
    "disclosure.syndication.access.ApiPolicyMiddleware",
    "disclosure.audit.middleware.SiteHistoryScopeMiddleware",
    "disclosure.accounts.middleware.IdleTimeoutMiddleware",
    "disclosure.accounts.middleware.PasswordExpiryMiddleware",
    # Every middleware above acts on a cached page as on a fresh one (anonymous visitors only:
    # the staff middlewares have nothing to do for them, nor has axes below).
    "disclosure.publishing.page_cache.PageCacheMiddleware",
    # A page not in the page cache: its site found by a kept statement (disclosure/publishing/).
    "disclosure.publishing.middleware.PortalSiteMiddleware",
    # Last, as django-axes asks: turns a lockout into the login page with its message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.portal_nav",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite by default (the embedded default); PostgreSQL in production via DATABASE_URL.
# A connection is kept for DATABASE_CONN_MAX_AGE seconds (default 60; 0 opens one per
# request): opening one cost ~12 ms of every search request on PostgreSQL (issue #21 item 3)
# and ~2.5 ms of every uncached page on SQLite (its first statement reads the schema of every
# table; issue #16); a kept one is checked before reuse (CONN_HEALTH_CHECKS) so a restarted
# server costs no error.
_DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import or the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 30)
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password rules (disclosure/accounts/passwords.py; 等保 2.0 GB/T 22239-2019 8.1.4.1 a:
# 口令应有复杂度要求并定期更换): at least PASSWORD_MIN_LENGTH characters of 3 of the 4
# classes, not derived from the username or the user's name (also as pinyin), not a common
# password. They run when a password is chosen in a form (Wagtail's user and account views),
# not on set_password (the demo users keep their documented password).
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "disclosure.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "disclosure.accounts.passwords.CharacterClassesValidator"},
    {"NAME": "disclosure.accounts.passwords.NameValidator"},
]
# Days a staff user's password is valid (0 = no expiry; production defaults to 90): after that
# the admin sends them to the change-password page only (disclosure/accounts/middleware.py).
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "0"))

# Axes checks every login attempt first (the lockout), then Django's model backend logs in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout (django-axes, 等保 2.0 8.1.4.1 b: 登录失败处理, 限制非法登录次数): after AXES_FAILURE_LIMIT
# failed logins an account is locked, and separately the address they came from (either trips
# it), for AXES_COOLOFF_MINUTES after the last attempt; the address is the project's
# client_address (X-Forwarded-For only behind TRUSTED_PROXIES). A superuser unlocks with
# `manage.py unlock_login`. The security log (accounts.SecurityEvent) is the log: axes keeps
# only its counters (no access log, no failure log, not in Django's admin).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "disclosure.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "disclosure.accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Sessions (等保 2.0 8.1.4.1 b: 登录连接超时自动退出): a staff user is logged out after
# STAFF_IDLE_TIMEOUT_SECONDS without a request (disclosure/accounts/middleware.py), and no session
# lasts longer than SESSION_COOKIE_AGE (8 hours, one working day; Django's default is 14 days),
# "remember me" included.
STAFF_IDLE_TIMEOUT_SECONDS = int(os.environ.get("STAFF_IDLE_TIMEOUT_SECONDS", "1800"))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
# The security log (accounts.SecurityEvent) is kept this many days; `manage.py
# prune_security_log` deletes older events and refuses fewer than 183 (《网络安全法》第二十一条:
# 网络日志留存不少于六个月).
SECURITY_LOG_RETENTION_DAYS = int(os.environ.get("SECURITY_LOG_RETENTION_DAYS", "365"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
# Page URLs end in a slash (Wagtail's default; disclosure/publishing/links.py follows it).
WAGTAIL_APPEND_SLASH = True
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


def search_index_settings():
    """Shards and replicas of the engine's indexes, when ``SEARCH_SHARDS``/``SEARCH_REPLICAS`` say.

    Unset, the engine's defaults apply (OpenSearch 2: one shard, one replica; a single node
    leaves the replica unassigned, status yellow). On a cluster, ``SEARCH_REPLICAS=1`` keeps a
    copy of every shard on a second node, so one node can stop without losing a document or a
    search. Merged into the backend's ``INDEX_SETTINGS``; applied when an index is created
    (``update_index`` builds a new index behind the alias).
    """
    index = {}
    if os.environ.get("SEARCH_SHARDS"):
        index["number_of_shards"] = int(os.environ["SEARCH_SHARDS"])
    if os.environ.get("SEARCH_REPLICAS"):
        index["number_of_replicas"] = int(os.environ["SEARCH_REPLICAS"])
    return {"settings": {"index": index}} if index else {}


def search_backends():
    """``WAGTAILSEARCH_BACKENDS`` from ``SEARCH_BACKEND`` and ``SEARCH_URL``.

    ``database`` (the default) needs no service; ``opensearch2``, ``opensearch3``,
    ``elasticsearch8`` and ``elasticsearch9`` name a real engine at ``SEARCH_URL``, with the
    database backend kept beside it as ``"database"`` (the fallback).
    """
    kind = os.environ.get("SEARCH_BACKEND", "database")
    database = {"BACKEND": "search.backends.database"}
    if kind == "database":
        return {"default": database}
    engines = {
        # The project's Chinese analysis, done in Python (search/backends/opensearch.py);
        # opensearch2 runs in CI (.ci/opensearch.sh), opensearch3 is the same code, untested.
        "opensearch2": "search.backends.opensearch",
        "opensearch3": "search.backends.opensearch.ChineseOpenSearch3SearchBackend",
        # elasticsearch8/elasticsearch9: modelsearch's stock backend (standard analyzer, no
        # Chinese segmentation); untested here (Elasticsearch cannot be run from Maven Central).
    }
    return {
        "default": {
            "BACKEND": engines.get(kind, f"modelsearch.backends.{kind}"),
            "URLS": env_list("SEARCH_URL", "http://127.0.0.1:9200"),
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "disclosure_"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "10")),
            # A cluster: SEARCH_URL lists several nodes (comma-separated); opensearch-py's
            # connection pool puts a node that refuses or times out aside and retries the
            # request on the next one (SEARCH_RETRIES times, timeouts included). A 500 is
            # retried too: while a node leaves, a coordinating node that has not noticed yet
            # answers "node_not_connected_exception / all shards failed" once (seen in the
            # cluster fault test); the next node answers from the replicas.
            "OPTIONS": {
                "max_retries": int(os.environ.get("SEARCH_RETRIES", "3")),
                "retry_on_timeout": True,
                "retry_on_status": (500, 502, 503, 504),
            },
            "INDEX_SETTINGS": search_index_settings(),
            # Seconds to open a connection to a node (the project's OpenSearch backends): a
            # node that silently drops packets costs this, not SEARCH_TIMEOUT, before the
            # request goes to another node or the search falls back to the database.
            **(
                {"CONNECT_TIMEOUT": float(os.environ.get("SEARCH_CONNECT_TIMEOUT", "1"))}
                if kind in engines
                else {}
            ),
        },
        # The fallback: modelsearch updates every configured backend on save (and
        # `update_index` rebuilds them all), so the database index stays current beside the
        # engine; search.backends.engine.search_with_fallback() searches it when the engine
        # cannot be reached.
        "database": database,
    }


WAGTAILSEARCH_BACKENDS = search_backends()

# The page cache (disclosure/publishing/page_cache.py): seconds a public page is kept in the
# cache (0 = off). Off by default without CACHE_URL: a per-process cache cannot be invalidated
# by the other processes (publish_due in cron, other app workers).
PAGE_CACHE_SECONDS = int(
    os.environ.get("PAGE_CACHE_SECONDS", "300" if os.environ.get("CACHE_URL") else "0")
)
# The search result cache (search/result_cache.py): seconds a search's result ids, count and
# facets are kept under the page cache's generation (0 = off; off whenever the page cache is).
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "60"))
# Cache-Control max-age of a cached page for browsers and proxies, which never see the cache's
# invalidation on publish, unpublish or withdrawal: keep it short.
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Headless API (disclosure/syndication/access.py): requests per minute per client address
# without an API key (partners' limits are on their records), and browser origins (CORS).
API_RATE_LIMIT_ANONYMOUS = int(os.environ.get("API_RATE_LIMIT_ANONYMOUS", "120"))
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS", "*")
# Reverse proxies in front of the site (addresses or networks, comma-separated): only their
# X-Forwarded-For names the client (rate limits per client, not per proxy).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

# Penalty notices (总局令第45号): the 较低数额罚款 of 第13条第2款 and the time limit of 第14条
# are set by other authorities; they are entered in the admin with their source document
# (设置 → 行政处罚公示设置, disclosure/enforcement/publicity_settings.py), never defaulted here.

WAGTAIL_SITE_NAME = "政府信息公开平台"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# The same public base for Wagtail's API v2 absolute URLs (document download_url); pages' own
# URLs come from the Site record, kept in step with BASE_URL by `manage.py sync_site`.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Wagtail API v2 writes rich text as display HTML (links and files resolved), as /api/items/
# does (Wagtail's setting; its default is the database HTML).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Atom entry ids and RSS guids are tag: URIs (RFC 4151) — tag:<authority>,<date>:item:<id> —
# minted once: set the authority to the site's domain before the first partner subscribes and
# never change either afterwards.
FEED_TAG_AUTHORITY = os.environ.get(
    "FEED_TAG_AUTHORITY", urlsplit(WAGTAILADMIN_BASE_URL).hostname or "localhost"
)
FEED_TAG_DATE = os.environ.get("FEED_TAG_DATE", "2026-01-01")
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "odt",
    "ofd",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "zip",
    "wps",
    "et",
]
# Imports (disclosure/importing): largest upload, largest unpacked xlsx (a "zip bomb" is refused
# before it is unpacked) and most rows of one file.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
IMPORT_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
)
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 20000))
# The checks read every attachment before publication (disclosure/checks/extraction.py): a file
# larger than this, or a scan of more pages, is "无法检查" (a blocking finding) instead.
CHECKS_MAX_ATTACHMENT_BYTES = int(os.environ.get("CHECKS_MAX_ATTACHMENT_BYTES", 50 * 1024 * 1024))
OCR_MAX_PAGES = int(os.environ.get("OCR_MAX_PAGES", 200))
# Seconds one OCR or .doc extraction may take; Tesseract's program (Debian: tesseract-ocr and
# tesseract-ocr-chi-sim).
OCR_TIMEOUT = int(os.environ.get("OCR_TIMEOUT", 120))
TESSERACT_CMD = os.environ.get("TESSERACT_CMD", "tesseract")
# Seconds a result of `manage.py check_links` (an external link found reachable or broken) is
# kept in the cache the `links` check reads at publication (disclosure/checks/links.py).
LINK_CHECK_TTL = int(os.environ.get("LINK_CHECK_TTL", 7 * 24 * 3600))

# 信息发布考核 (disclosure/assessment/quotas.py): a running quarter warns a department below its
# quota (>= 2 items) this many days before the quarter ends.
QUOTA_WARNING_DAYS = int(os.environ.get("QUOTA_WARNING_DAYS", "15"))
# Public messages (政民互动): the working days a department has to answer one (the bureau's own
# commitment, well within the inspection's 3 months), and messages accepted per hour from one
# address (0 = no limit).
PUBLIC_MESSAGE_ANSWER_WORKING_DAYS = int(os.environ.get("PUBLIC_MESSAGE_ANSWER_WORKING_DAYS", 10))
PUBLIC_MESSAGE_RATE_LIMIT = int(os.environ.get("PUBLIC_MESSAGE_RATE_LIMIT", 5))
# Comments on draft decisions (重大决策预公开) accepted per hour from one address (0 = no limit).
CONSULTATION_COMMENT_RATE_LIMIT = int(os.environ.get("CONSULTATION_COMMENT_RATE_LIMIT", 10))
# Online applications for disclosure accepted per hour from one address (0 = no limit).
APPLICATION_RATE_LIMIT = int(os.environ.get("APPLICATION_RATE_LIMIT", 5))
# The Chinese TrueType font embedded in generated PDFs (disclosure/printing/pdf.py); empty = the
# first installed of fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei.
PDF_CJK_FONT = os.environ.get("PDF_CJK_FONT", "")
# Files of applications for disclosure (what applicants send, what the replies release) are
# kept outside MEDIA_ROOT, never served by URL: only the clerk's screens and an applicant who
# gave the query code download them, through Django.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# The bin directory of the PostgreSQL client whose pg_dump/pg_restore `manage.py backup_site`
# and `restore_site` use (disclosure/backup/database.py); empty = /usr/lib/postgresql/<server
# major>/bin, else PATH. pg_dump must be at least as new as the server.
BACKUP_PG_BIN_DIR = os.environ.get("BACKUP_PG_BIN_DIR", "")
# One file an applicant sends with an online application: its largest size.
APPLICATION_FILE_MAX_BYTES = int(os.environ.get("APPLICATION_FILE_MAX_BYTES", 10 * 1024 * 1024))

WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents are always served through Django (never a redirect to the storage's URL, the
# default for object storage): the before_serve_document hook
# (disclosure/publishing/document_access.py) serves the files of publicly visible items only.
# The web server must not expose MEDIA_ROOT/documents (README, "Settings for production").
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": None}

# The publication gate (disclosure/publishing/rules.py): the rules that must be registered, in
# the order their messages are joined. Start-up fails when one is missing (an app's gate_rules
# module deleted or the app not installed), so nothing is ever published unchecked.
# `python manage.py gate_rules` prints each with its article.
PUBLICATION_GATE_RULES = [
    "publishing.proactive_only",
    "publishing.written_on_not_in_future",
    "publishing.index_number_credit_code",
    "enforcement.penalty_notice_content",
    "enforcement.publicity_ended",
    "normative.version_chain",
    "policies.interpretation_after_policy",
    "consultations.comment_period",
    "annual_report.consistency",
    "checks.personal_data",
    "checks.personal_data.records",
    "checks.unreadable",
    "checks.unreadable.records",
    "checks.sensitive_terms",
    "checks.sensitive_terms.records",
    "checks.official_names",
    "checks.official_names.records",
    "checks.wording",
    "checks.wording.records",
    "checks.format",
    "checks.format.records",
    "checks.law_titles",
    "checks.law_titles.records",
    "checks.links",
    "checks.links.records",
    "review.confidentiality_determination",
]

# Single sign-on of staff from the provincial unified identity platform (统一身份认证平台,
# disclosure/accounts/sso/): OpenID Connect and/or CAS 2.0/3.0 beside the local accounts. Both off
# by default: then no SSO URL answers and the login page shows no SSO button.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
# The client registered at the provider, and the provider's endpoints (its discovery document
# /.well-known/openid-configuration lists them).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
# Empty: the ID token's claims only (no userinfo request).
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
# The ID token's "iss" must equal this when set (OpenID Connect Core 1.0, 3.1.3.7).
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
# The ID token's signature algorithm; a token signed otherwise is refused.
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email")
# mozilla-django-oidc's own settings: the callback's URL name, PKCE (RFC 7636) on every
# request.
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts_sso:oidc_callback"
OIDC_USE_PKCE = True
# Seconds to wait for the identity provider (token, keys, userinfo, ticket validation).
SSO_TIMEOUT = int(os.environ.get("SSO_TIMEOUT", "10"))
OIDC_TIMEOUT = SSO_TIMEOUT
CAS_ENABLED = env_bool("CAS_ENABLED", False)
# The CAS server's base URL, ending in "/" (login, logout and p3/serviceValidate are below it).
CAS_SERVER_URL = os.environ.get("CAS_SERVER_URL", "")
# "3" (p3/serviceValidate, attributes in the answer) or "2" (serviceValidate).
CAS_VERSION = os.environ.get("CAS_VERSION", "3")
# Mapping the provider's attributes (OIDC claims, CAS attributes) to the platform's accounts.
# The username: empty = OIDC "preferred_username" (else "sub"), the CAS user name.
SSO_USERNAME_ATTRIBUTE = os.environ.get("SSO_USERNAME_ATTRIBUTE", "")
SSO_NAME_ATTRIBUTE = os.environ.get("SSO_NAME_ATTRIBUTE", "name")
SSO_EMAIL_ATTRIBUTE = os.environ.get("SSO_EMAIL_ATTRIBUTE", "email")
# The attribute naming the user's department(s), matched to a department's name, or through
# SSO_DEPARTMENT_MAP (JSON: provider value → department name, e.g. an organisation code).
# Empty: departments are kept in the admin, not synchronised.
SSO_DEPARTMENT_ATTRIBUTE = os.environ.get("SSO_DEPARTMENT_ATTRIBUTE", "")
SSO_DEPARTMENT_MAP = json.loads(os.environ.get("SSO_DEPARTMENT_MAP") or "{}")
# The attribute naming the user's roles, and SSO_ROLE_MAP (JSON: provider value → role code of
# disclosure/departments/roles.py, or a list of them). Only mapped roles are granted; no
# mapped role, no login.
SSO_ROLE_ATTRIBUTE = os.environ.get("SSO_ROLE_ATTRIBUTE", "role")
SSO_ROLE_MAP = json.loads(os.environ.get("SSO_ROLE_MAP") or "{}")
# Create an account at the first login of someone unknown (else only existing accounts log in).
SSO_CREATE_USERS = env_bool("SSO_CREATE_USERS", True)
# Count the provider's own second factor (OIDC "amr" with mfa/otp/hwk/sms, RFC 8176; the CAS
# attribute below) as the platform's, so that no TOTP is asked after SSO (等保 8.1.4.1 d).
SSO_TRUST_PROVIDER_MFA = env_bool("SSO_TRUST_PROVIDER_MFA", False)
# CAS: the attribute that tells a second factor was used, and its values that say so.
SSO_CAS_MFA_ATTRIBUTE = os.environ.get("SSO_CAS_MFA_ATTRIBUTE", "authnContextClass")
SSO_CAS_MFA_VALUES = env_list("SSO_CAS_MFA_VALUES", "mfa")

# The single-sign-on backends come after axes (the lockout checks every attempt first).
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("disclosure.accounts.sso.oidc.OIDCBackend")
if CAS_ENABLED:
    AUTHENTICATION_BACKENDS.append("disclosure.accounts.sso.cas.CASBackend")

LOGIN_URL = "wagtailadmin_login"

# Content-Security-Policy (django-csp; 等保 2.0 GB/T 22239-2019 8.1.4.4 入侵防范 against injected
# script): the portal runs no inline script or style and loads nothing from another origin, so
# its policy allows only the site itself, and no site may frame it (clickjacking). The admin
# (Wagtail's widgets still write a few inline
# scripts and styles) gets 'unsafe-inline' for those two on top (cms/csp.py). CSP_IMG_SRC,
# CSP_MEDIA_SRC and CSP_FRAME_SRC add origins (a CDN for media, a video platform's player).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SRC")],
        "font-src": [SELF, "data:"],
        "media-src": [SELF, *env_list("CSP_MEDIA_SRC")],
        "frame-src": [SELF, *env_list("CSP_FRAME_SRC")],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin contacts no outside service: no Gravatar pictures (they would send a hash of every
# staff member's e-mail address abroad, and the policy above blocks them), no check for new
# Wagtail releases from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
#: Path prefixes of the admin sites, which get the relaxed script and style policy (and may be
#: framed by the site itself: Wagtail's preview panel; X_FRAME_OPTIONS stays Django's DENY and
#: Wagtail marks its preview views SAMEORIGIN).
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# The second factor of staff login (GB/T 22239-2019 8.1.4.1 c: 两种或两种以上组合的鉴别技术,
# disclosure/accounts/otp.py): every user who may use the admin (wagtailadmin.access_admin or
# superuser) verifies a TOTP code (or a recovery code) after the password, and reaches nothing
# else until then; a single-sign-on session whose provider asserted its own second factor counts
# as verified. Off by default here — base, dev and test — so the demo (`make run`) and the
# existing suite log in with a password alone; on in production (cms/settings/production.py),
# where STAFF_OTP_REQUIRED=false in the environment turns it off (only for a site not reachable
# from outside, 等保 asks for two factors).
STAFF_OTP_REQUIRED = env_bool("STAFF_OTP_REQUIRED", False)
# The issuer an authenticator app shows beside the account (django-otp's setting).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", WAGTAIL_SITE_NAME)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "disclosure": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # Server errors (500s, with their traceback) and refused requests go to stderr, in
        # production too (Django's default sends them only to ADMINS by mail when DEBUG is off).
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
