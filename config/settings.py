"""Recall's one settings module. Production differs from development only
through environment variables (see README.md, "Configuration")."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY, or DEBUG=1 for local development."
        )
    SECRET_KEY = "dev-only-not-secret-recall-key-0123456789-abcdefghijklmnopqrstuvwxyz"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "accounts",
    "content",
    "quizzes",
    "teaching",
    # Holds only the seed_bench command; no models, no URLs.
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.HtmxLoginRedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.AdminInlineStylesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "config.middleware.PrivatePagesMiddleware",
    # Last, as django-axes requires: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the zero-setup default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding lets psycopg prepare the study loop's repeated
    # queries on each persistent connection: planning their joins cost more
    # than running them. Set DATABASE_PREPARED_STATEMENTS=0 behind a
    # transaction-mode pooler (PgBouncer < 1.21), which cannot keep them.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=2
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Celery's in-process tasks and the dev server write from several threads.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes counts failed logins first; a locked-out pair never reaches the
# password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username tried from one address after AXES_FAILURE_LIMIT failures.
# Never by address alone: a whole school signs in from one NAT address, and
# one student's typos must not lock out the class.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("BEHIND_PROXY", False) else 0
# django-ratelimit guards the other guessable doors (join codes, sign-up,
# password reset); it counts in the shared cache, so every web node agrees.
RATELIMIT_VIEW = "config.errors.rate_limited"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# Recall is written in English and ships no translations. With I18N on, every
# string Django itself renders (relative times, plurals, form errors) still
# went through the translation machinery's per-request lookups: about a sixth
# of the progress grid's function calls (issue 17). The output is the same.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Figure images are few and small; a front proxy can take this over with SERVE_MEDIA=0.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Uploaded media (figure images): on this machine's disk by default, which
# several web nodes must then share (one mount); MEDIA_STORAGE=s3 puts them in
# an S3-compatible bucket instead (`pip install -e '.[s3]'`; keys from boto3's
# usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "local":
    MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("MEDIA_BUCKET"),
            "endpoint_url": env_str("MEDIA_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_REGION") or None,
            "custom_domain": env_str("MEDIA_CUSTOM_DOMAIN") or None,
            "location": env_str("MEDIA_PREFIX", "media"),
            "file_overwrite": False,
        },
    }
    if not MEDIA_BACKEND["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_BUCKET.")
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}.")
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and `make run` serve straight from the finders, without collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
WHITENOISE_MANIFEST_STRICT = False

# Uploads: documents (text, HTML, Word, PDF, e-books with their pictures) and
# figure images. A PDF chapter or a Word handout with photographs is megabytes.
MAX_DOCUMENT_BYTES = env_int("MAX_DOCUMENT_BYTES", 25 * 1024 * 1024)
MAX_IMAGE_BYTES = env_int("MAX_IMAGE_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_DOCUMENT_BYTES + 1024 * 1024

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Recall <noreply@localhost>")

# Redis serves as cache and Celery broker when configured. Without it, tasks
# run in-process so `make run` needs nothing but Python.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or "")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Well above the readers' own limit (Limits.max_seconds, 2 minutes for a PDF)
# plus the language analysis; tests/content/test_figure_import.py checks it.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 14 * 60)
# An import stops at its soft limit with a clear "took too long" failure; the
# hard limit kills a worker stuck in C code (spaCy) that never sees the signal.
IMPORT_SOFT_TIME_LIMIT = env_int("IMPORT_SOFT_TIME_LIMIT", 9 * 60)
IMPORT_TIME_LIMIT = env_int("IMPORT_TIME_LIMIT", 10 * 60)
# The reaper's patience: longer than the import's hard limit, so a silent
# import is certainly dead (Celery has killed it by then), not slow.
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", IMPORT_TIME_LIMIT // 60 + 1)
IMPORT_MAX_ATTEMPTS = env_int("IMPORT_MAX_ATTEMPTS", 3)
# Redis redelivers an unacknowledged (acks_late) message after the visibility
# timeout. Shorter than the longest hard time limit, a task still running
# would be handed to a second worker; much longer (the default is an hour), a
# message lost with its worker waits that long. So: the hard limit plus a
# margin. The reaper brings back lost imports sooner than this anyway.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(CELERY_TASK_TIME_LIMIT, IMPORT_TIME_LIMIT) + 5 * 60,
    # Fail fast when Redis is down: a page that enqueues must not hang.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A publish is not retried: the caller keeps its row and the reaper (below)
# queues it when the broker is back (accounts/queueing.py).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# The digest goes out hourly; each user gets it once a day, in their morning.
# The reapers put back on the queue what a dead worker or a Redis outage lost.
CELERY_BEAT_SCHEDULE = {
    "daily-digest": {
        "task": "quizzes.tasks.send_daily_digest",
        "schedule": 60 * 60,
    },
    "reap-imports": {
        "task": "content.tasks.reap_imports",
        "schedule": 60,
    },
    "resend-assignment-notices": {
        "task": "teaching.tasks.resend_assignment_notices",
        "schedule": 60,
    },
    "fit-memory-models": {
        "task": "quizzes.tasks.fit_memory_models",
        "schedule": 7 * 24 * 60 * 60,
    },
}
DIGEST_LOCAL_HOUR = env_int("DIGEST_LOCAL_HOUR", 7)
# Personal FSRS parameters: fitted once a student has this many reviews (Anki's
# rule of thumb), refitted weekly when this many more have come in since.
MEMORY_MODEL_MIN_REVIEWS = env_int("MEMORY_MODEL_MIN_REVIEWS", 400)
MEMORY_MODEL_REFIT_AFTER = env_int("MEMORY_MODEL_REFIT_AFTER", 100)

# Sessions live in the database by default, so every web node reads every
# session; "django.contrib.sessions.backends.cached_db" adds the shared cache.
SESSION_ENGINE = env_str("SESSION_ENGINE", "django.contrib.sessions.backends.db")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "recall"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security. SECURE=1 (the default whenever DEBUG is off) means "served over
# HTTPS only"; set SECURE=0 for plain-HTTP test servers.
SECURE = env_bool("SECURE", not DEBUG)
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: scripts only from our own static files (htmx is
# vendored and configured without eval in base.html), no inline script or
# style, no plugins, no framing, forms post only to us. Figure images are ours;
# data: covers the generated QR codes and chart sprites.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed by load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# SPACY_MODEL (the spaCy pipeline name) is read by content/ingest/nlp.py from
# the environment itself: extraction is pure Python and runs without Django.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per failed login is enough; axes' own INFO chatter is not.
        "axes": {"level": "WARNING"},
    },
}
