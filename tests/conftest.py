"""Personas shared by every test: one user per role in one organization, and an outsider."""

import os
from collections import defaultdict

import pytest
from django.db import transaction
from django.test import Client

from core.models import Organization, Role, User
from tests.factories import OrganizationFactory, member

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_addoption(parser):
    parser.addoption(
        "--db-only",
        action="store_true",
        help=(
            "only the tests that touch the database, the browser's aside (CI's PostgreSQL run:"
            " the rest ran on SQLite)"
        ),
    )


TRANSACTIONAL = {"transactional_db", "live_server", "django_db_reset_sequences"}


def _share_personas(items):
    """Give the module-wide personas to the modules where no test can tell (see SHARED)."""
    by_module = defaultdict(list)
    for item in items:
        by_module[getattr(item, "module", None)].append(item)
    for module, its in by_module.items():
        in_db = [item for item in its if _touches_db(item)]
        own = [item for item in in_db if _takes_the_personas(item) and not _commits(item)]
        if module is None or not in_db or len(own) != len(in_db):
            continue
        for item in in_db:
            if SHARED not in item.fixturenames:  # parametrized items share one list
                item.fixturenames.insert(0, SHARED)


def _takes_the_personas(item) -> bool:
    """It asks for ``users``, and all three fixtures are this file's (none overridden)."""
    definitions = item._fixtureinfo.name2fixturedefs
    return all(
        name in item.fixturenames and definitions[name][-1].func is fixture.__wrapped__
        for name, fixture in (("org", org), ("other_org", other_org), ("users", users))
    )


def _touches_db(item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or DB_FIXTURES & set(item.fixturenames)
        or _django_test_case(item)
    )


def _django_test_case(item) -> bool:
    from django.test import SimpleTestCase

    return isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, SimpleTestCase)


def _commits(item) -> bool:
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    transactional, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    return bool(
        transactional
        or reset_sequences
        or TRANSACTIONAL & set(item.fixturenames)
        or _django_test_case(item)  # unittest classes set up their own transactions
    )


def pytest_collection_modifyitems(config, items):
    _share_personas(items)
    if not config.getoption("--db-only"):
        return
    keep, drop = [], []
    for item in items:
        touches = _touches_db(item) or item.get_closest_marker("database")
        # The browser tests drive the same views through chromium; on PostgreSQL those views are
        # driven by the client tests, the access matrix, the fuzz walk and the smoke run.
        browser = item.get_closest_marker("browser") is not None
        (keep if touches and not browser else drop).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


def pytest_configure(config):
    from django.conf import settings

    # Hashing is not what these tests check; the fast hasher keeps persona fixtures cheap.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Most tests that make a PDF do not look at its layout: they get the stand-in, which keeps
    # the text (core.pdf_stand_in). A test marked real_pdf renders with WeasyPrint.
    settings.PDF_STAND_IN = True
    # A test's transaction never commits, so a signed document's PDF would never be made: hand
    # it to the eager worker inside the signing transaction instead. The tests of the real path
    # (tests/core/test_signing_speed.py) switch this off and run the commit callbacks.
    settings.SIGNED_PDF_AT_ONCE = True
    _scan_static_files_once()
    # Each test process its own memory cache (the demo's default, a file cache, would be shared
    # by the parallel workers); tests of the shared caches set their own.
    if settings.CACHE != "redis":
        from django.test.signals import clear_cache_handlers

        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        clear_cache_handlers(setting="CACHES")


def _scan_static_files_once():
    """WhiteNoise lists every static file when its middleware is made: once per test client.

    A server makes it once per process; the suite makes thousands of clients, and the listing
    was a fifth of a page test's time. The files do not change during a run, so each test process
    lists them once and every later middleware gets the same answers (the same StaticFile objects
    WhiteNoise would build again).
    """
    from django.core.signals import setting_changed
    from whitenoise.middleware import WhiteNoiseMiddleware

    listed: dict[tuple, dict] = {}

    def once(scan, key_of):
        def scan_once(self, *args, **kwargs):
            if self.autorefresh:  # looks files up per request: nothing is listed
                return scan(self, *args, **kwargs)
            key = (scan.__name__, self.static_prefix, key_of(*args, **kwargs))
            if key not in listed:
                before = dict(self.files)
                scan(self, *args, **kwargs)
                listed[key] = {url: f for url, f in self.files.items() if before.get(url) is not f}
            self.files.update(listed[key])

        return scan_once

    def forget(setting, **kwargs):  # a test that changes what is served gets a new listing
        if setting.startswith(("STATIC", "WHITENOISE", "STORAGES", "INSTALLED_APPS", "DEBUG")):
            listed.clear()

    setting_changed.connect(forget, weak=False)
    WhiteNoiseMiddleware.add_files_from_finders = once(
        WhiteNoiseMiddleware.add_files_from_finders, lambda: None
    )
    WhiteNoiseMiddleware.add_files = once(
        WhiteNoiseMiddleware.add_files, lambda root, prefix=None: (str(root), prefix)
    )


PERSONAS = ("anonymous", "director", "curator", "mentor", "mentee", "council", "admin", "outsider")


def _make_org():
    return OrganizationFactory(
        full_name="Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад №20»",
        short_name="МБДОУ «Детский сад №20»",
        slug="ds20",
    )


def _make_other_org():
    return OrganizationFactory(short_name="МБДОУ «Детский сад №7»", slug="ds7")


def _make_people(org, other_org):
    people = {role: member(org, role, username=role) for role in Role.values}
    people["outsider"] = member(other_org, Role.CURATOR, username="outsider")
    return people


SHARED = "_personas_of_the_module"


@pytest.fixture(scope="module")
def _personas_of_the_module(django_db_setup, django_db_blocker):
    """The personas made once for a module whose every database test asks for them.

    Like Django's ``setUpTestData``: they are made in a transaction around the module's tests,
    each test runs in a savepoint inside it (its writes are undone after it, as before), and each
    test reads its own fresh instances. Given by ``pytest_collection_modifyitems`` only to
    modules whose every database test takes ``users`` and none commits (transactional, live
    server, reset sequences, a Django TestCase class), so no test sees a persona it did not ask
    for.
    """
    # The database is opened only to make them and to undo them: between the module's tests it
    # stays closed to any test that does not ask for it, as everywhere else.
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org, other_org = _make_org(), _make_other_org()
            people = _make_people(org, other_org)
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield {
            "org": org.pk,
            "other_org": other_org.pk,
            "users": {name: user.pk for name, user in people.items()},
        }
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _shared(request):
    return request.getfixturevalue(SHARED) if SHARED in request.fixturenames else None


@pytest.fixture
def org(request, db):
    if shared := _shared(request):
        return Organization.objects.get(pk=shared["org"])
    return _make_org()


@pytest.fixture
def other_org(request, db):
    if shared := _shared(request):
        return Organization.objects.get(pk=shared["other_org"])
    return _make_other_org()


@pytest.fixture
def users(request, org, other_org):
    """One user per role of ``org`` and an outsider: the curator of another organization."""
    if shared := _shared(request):
        found = User.objects.in_bulk(shared["users"].values())
        return {name: found[pk] for name, pk in shared["users"].items()}
    return _make_people(org, other_org)


@pytest.fixture
def client_for(users):
    """A logged-in client for a persona name; 'anonymous' gives a fresh client."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(users[persona])
        return client

    return make


@pytest.fixture(autouse=True)
def _real_pdf_when_marked(request):
    """``@pytest.mark.real_pdf``: this test looks at layout, fonts or QR codes; use WeasyPrint."""
    if request.node.get_closest_marker("real_pdf") is not None:
        request.getfixturevalue("settings").PDF_STAND_IN = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (issue 13) live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
