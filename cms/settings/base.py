"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see README,
"Production settings"): ``DATABASE_URL``, ``SEARCH_BACKEND``/``SEARCH_URL``, ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``MEDIA_ROOT``/``MEDIA_URL`` and ``BASE_URL``. Every project setting the code
reads is declared here, with its source (tests/test_settings_declared.py checks it).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "disclosure.publishing.middleware.WithdrawnPageMiddleware",
    "disclosure.review.middleware.WorkflowActionRefusalMiddleware",
    "disclosure.syndication.access.ApiPolicyMiddleware",
    "disclosure.audit.middleware.SiteHistoryScopeMiddleware",
    # Last: every middleware above acts on a cached page as on a fresh one.
    "disclosure.publishing.page_cache.PageCacheMiddleware",
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
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
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
# Online applications for disclosure accepted per hour from one address (0 = no limit).
APPLICATION_RATE_LIMIT = int(os.environ.get("APPLICATION_RATE_LIMIT", 5))
# The Chinese TrueType font embedded in generated PDFs (disclosure/printing/pdf.py); empty = the
# first installed of fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei.
PDF_CJK_FONT = os.environ.get("PDF_CJK_FONT", "")
# Files of applications for disclosure (what applicants send, what the replies release) are
# kept outside MEDIA_ROOT, never served by URL: only the clerk's screens and an applicant who
# gave the query code download them, through Django.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
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

LOGIN_URL = "wagtailadmin_login"

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
