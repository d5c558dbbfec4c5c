"""Settings for every environment, read from the environment; production tightens them."""

import warnings
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY", default="dev-only-insecure-key-change-me" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
# Public links (QR codes, e-mails) are built from this, not from the request's Host header.
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "health_check",
    "axes",  # security (issue 13): login and password re-entry lockout
    "core",
    "import_export",  # the admin's export of the registers (core.admin_export); no import
    "mentoring",
    "roadmap",
    "programs",
    "monitoring",
    "public",
    "region",
]

MIDDLEWARE = [
    "core.request_log.RequestLogMiddleware",
    "core.security.UploadSizeLimitMiddleware",  # security (issue 13): 413 before reading
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # security (issue 13)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.input_guard.MalformedInputMiddleware",  # no NUL reaches a query (issue 26)
    "core.security.SlidingSessionMiddleware",  # security (issue 13)
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.OrganizationScopeMiddleware",
    "axes.middleware.AxesMiddleware",  # security (issue 13): last, turns a lockout into a page
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
                "core.context_processors.scope",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", default="")
if DATABASE_URL:
    try:
        # Health checks: a connection kept from before a database restart is replaced, not used
        # for one failing request per process.
        DATABASES = {
            "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
        }
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # Writers queue for the lock instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file, not shared-cache memory: threads in tests then queue on the IMMEDIATE lock
            # like real writers instead of failing with "database table is locked".
            "TEST": {"NAME": env_str("SQLITE_TEST_PATH", default=str(BASE_DIR / "test.sqlite3"))},
        }
    }

AUTH_USER_MODEL = "core.User"
# Argon2id first (core.hashers: OWASP parameters); the others only read hashes made before, and
# Django rehashes those with Argon2 at the next successful password check.
PASSWORD_HASHERS = [
    "core.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Without collectstatic (demo, tests) WhiteNoise serves files straight from the finders.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Plain storage by default: the manifest needs collectstatic, which tests and the demo skip.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo (and the browser tests' Lighthouse run) serve collected, compressed files the way
# production does: `STATIC_COMPRESSED=true manage.py collectstatic` first (see `make demo`).
if env_bool("STATIC_COMPRESSED", default=False):
    WHITENOISE_USE_FINDERS = False
    STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(STATIC_ROOT)))
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    # Source maps and the PDF fonts are never sent to a browser page: not worth compressing.
    WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["map", "ttf", "png", "jpg", "woff2", "gz", "br"]
# Uploaded files on S3-compatible storage when a bucket is named (pip install '.[s3]').
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# One cache that every process of the site shares, or none that could go stale: Redis when
# configured (CACHE=redis); otherwise files under CACHE_DIR (CACHE=file), which the demo's
# server and its commands both see, or the database's cache table (CACHE=database, after
# `manage.py createcachetable`). CACHE=memory is each process's own memory: only for a single
# process (the tests; production refuses it unless CACHE_SINGLE_PROCESS=true).
REDIS_URL = env_str("REDIS_URL", default="")
CACHE = env_str("CACHE", default="redis" if REDIS_URL else "file")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", default="dou")
# Told apart in every cached part's key, so a release never serves the last one's fragments
# (core.cache.deploy_id: empty means the git commit, else the package version).
DEPLOY_ID = env_str("DEPLOY_ID", default="")
if CACHE == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("CACHE=redis needs REDIS_URL.")
    CACHES = {
        "default": {
            # Fails open: with Redis down, a read is a miss and a write is skipped, so pages are
            # built from the database (core/cache_backend.py).
            "BACKEND": "core.cache_backend.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE == "file":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", default=str(BASE_DIR / ".cache" / "django")),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
elif CACHE == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "dou_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
elif CACHE == "memory":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"CACHE={CACHE!r} is not known: use redis, file, database, memory.")
CACHE_SINGLE_PROCESS = env_bool("CACHE_SINGLE_PROCESS", default=False)
# Sessions in the database alone: every node sees the same logins, and a cache outage (or a
# cache that missed a logout while it was down) can neither log people out nor keep them in.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Installations (or CI runs) sharing one Redis keep their tasks apart by queue name.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", default="dou")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# A worker killed mid-task gives the message back; kill -9 leaves it unacknowledged in Redis
# until the visibility timeout, which must outlast the longest job and the longest retry wait
# of a letter (30 minutes), or the broker would hand them out twice while they still run.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
JOB_TIME_LIMIT = env_int("JOB_TIME_LIMIT", default=60 * 15)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(2 * 60 * 60, 2 * JOB_TIME_LIMIT),
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
# A page that queues a letter or a job while Redis is down waits about a second, not forever:
# the row waits in the database and the sweep below hands it over later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.3,
    "interval_max": 0.5,
}
# A running job without a heartbeat for this long is stalled: the sweep fails it with a message
# and a «Попробовать ещё раз» button. A queued job handed to the broker this long ago and still
# not started is handed over again (the broker lost it on a restart).
JOB_STALL_SECONDS = env_int("JOB_STALL_SECONDS", default=5 * 60)
JOB_REQUEUE_SECONDS = env_int("JOB_REQUEUE_SECONDS", default=10 * 60)
# A letter's retries wait 30 s, 60 s, 120 s, 240 s, 480 s (doubling from this).
EMAIL_RETRY_SECONDS = env_int("EMAIL_RETRY_SECONDS", default=30)
# How often beat sweeps the letters and the jobs waiting in the database.
SWEEP_SECONDS = env_int("SWEEP_SECONDS", default=60)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Moscow"
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {
        "task": "core.tasks.deadline_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    "anonymize-withdrawn": {
        "task": "core.tasks.anonymize_withdrawn",
        "schedule": crontab(hour=3, minute=15),
    },
    "clear-sessions": {
        "task": "core.tasks.clear_sessions",
        "schedule": crontab(hour=4, minute=0),
    },
    "sweep-emails": {"task": "core.tasks.sweep_emails", "schedule": SWEEP_SECONDS},
    "sweep-jobs": {"task": "core.tasks.sweep_jobs", "schedule": SWEEP_SECONDS},
    "sweep-signed-pdfs": {"task": "core.tasks.sweep_signed_pdfs", "schedule": SWEEP_SECONDS},
    # Job files hold personal data: deleted seven days after they were made (issue 26).
    "expire-job-results": {
        "task": "core.tasks.expire_job_results",
        "schedule": crontab(minute=20),
    },
    # The municipal overview reads these summaries: at most ten minutes old.
    "refresh-region-summaries": {
        "task": "region.tasks.refresh_region_summaries",
        "schedule": crontab(minute="*/10"),
    },
    "weekly-digest": {
        "task": "region.tasks.send_weekly_digest",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
# A server that does not answer must not hold a worker (or, in the demo, a page) for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=10)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent_emails"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="nastavnichestvo@localhost")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # security (issue 13): first, refuses locked logins
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The admin's register exports need the model's view permission, like its change list.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Tests only: render_pdf gives a small PDF that carries the page's text instead of rendering
# with WeasyPrint (tests/conftest.py turns it on, @pytest.mark.real_pdf off). Never read from
# the environment; production settings pin it off.
PDF_STAND_IN = False
# Tests only (tests/conftest.py): a signed document's PDF is handed to the (eager) worker inside
# the signing transaction, which a test never commits; everywhere else it goes after the commit.
SIGNED_PDF_AT_ONCE = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

X_FRAME_OPTIONS = "DENY"

# LOG_FORMAT=json writes one JSON object per line (production default); "text" for humans.
LOG_FORMAT = env_str("LOG_FORMAT", default="text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not known: use text or json.")
# --- Security and personal data (issue 13) ------------------------------------------------
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

# Sessions end after this many seconds without a request (the expiry slides with each request).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=60 * 60 * 2)
# Sliding expiry without a write per request: SlidingSessionMiddleware renews the session when
# a twentieth of its age has passed since the last renewal (6 minutes for 2 hours).
# How many reverse proxies stand in front of Django; only then is X-Forwarded-For believed.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)
# Password guessing: 5 failures in 15 minutes lock that login at that address (both together,
# so nobody locks out a whole kindergarten behind one NAT or a named person from elsewhere).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_VERBOSE = False
# Public pages that accept guesses (verification codes, file checks): requests per minute.
VERIFY_RATE_LIMIT = env_int("VERIFY_RATE_LIMIT", default=30)
# The public section's pages (lists, filters, the municipality's search): requests per minute.
PUBLIC_RATE_LIMIT = env_int("PUBLIC_RATE_LIMIT", default=120)
# Password reset: requests per address per hour, and letters per e-mail address per hour.
PASSWORD_RESET_IP_LIMIT = env_int("PASSWORD_RESET_IP_LIMIT", default=10)
PASSWORD_RESET_EMAIL_LIMIT = env_int("PASSWORD_RESET_EMAIL_LIMIT", default=3)
# Bodies larger than this are refused from the Content-Length header, before reading.
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", default=12 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Strict CSP: scripts only from our static files. Styles allow inline attributes because
# templates set widths of progress bars and PDFs-like pages with style="" (no <style> from users).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# --- end of security (issue 13) -------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.json_logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # One line per request (core.request_log): on in production, quiet in the demo.
        "dou.request": {"level": env_str("REQUEST_LOG_LEVEL", default="WARNING")},
    },
}

SENTRY_DSN = env_str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", default="0")),
        send_default_pii=False,
    )

# WhiteNoise warns when STATIC_ROOT is absent; in development and tests it is, by design.
warnings.filterwarnings("ignore", message="No directory at")
