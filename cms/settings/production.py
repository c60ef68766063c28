"""Production: everything from the environment; refuses to start without a secret key."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY 环境变量未设置。")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
# Static files are served by the application itself (WhiteNoise, right after the security
# middleware): names carry their content's hash, each file is kept compressed beside it
# (.gz, and .br when the Brotli package is installed) and served as Accept-Encoding allows, the
# hashed names with a far-future Cache-Control (immutable). `collectstatic` writes them.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
# HTTPS only (等保 2.0 GB/T 22239-2019 8.1.4.2 通信传输; `check --deploy` clean): the proxy in
# front terminates TLS and says so in X-Forwarded-Proto; plain HTTP is redirected, browsers are
# told to use HTTPS for a year (HSTS, subdomains included, fit for the browsers' preload list), cookies travel over HTTPS only and
# are not readable by script. SECURE_SSL_REDIRECT=0 only for a proxy that redirects itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Staff verify a second factor after the password (等保 2.0, GB/T 22239-2019 8.1.4.1 c; see base).
STAFF_OTP_REQUIRED = env_bool("STAFF_OTP_REQUIRED", True)  # noqa: F405
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Passwords expire after 90 days in production unless the environment says otherwise.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "90"))
