"""Anonymization that leaves nothing: every personal value of a withdrawn person, everywhere.

Run 30 days after the personal-data consent is withdrawn, or after the day a person left
(``anonymize_due``; ``mentoring.leaving``). For one person
(``staff_anonymize``), in one transaction:

1. The staff card and the login: names become «Обезличено №N», birth date, e-mail and phone go,
   the login is renamed, deactivated, its password made unusable and its sessions ended.
2. Rows *about* the person — any row with a foreign key to the staff card (profiles, consents,
   requests, agreements, survey responses…) and rows hanging off those (profile requests, text
   answers) — lose their free texts (every ``TextField``). Rows are kept, so counts stay.
3. Files the person uploaded (any ``FileField`` on a row pointing at their login or card) are
   deleted from storage and the field cleared.
4. A scrub of every text column of every table — history tables, the admin log and the lockout
   log included — replaces the person's name forms, e-mail and phone wherever they appear
   (programs and meeting notes that name them, draft orders, ``object_repr``…). The surname or
   first name alone is replaced only when no other living person carries it, so a namesake's
   data is never touched.
5. The same for the history rows of everything changed (simple-history), so no old version
   keeps what the current one lost. Name forms include every case (letters say «Забелиной»).
6. What lies beside the tables: the files of background jobs of her organizations are deleted
   (an export may name her), files that only history still names (replaced evidence) leave
   storage, and the lockout logs (django-axes) forget her login.

What is kept: rows an app declares in its ``anonymization.py`` as ``keep() -> {label: Q}`` —
roadmap keeps signed orders, their history and their PDFs (the archive law's exception).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from core.declension import CASES, decline_parts
from core.file_cleanup import release_orphans
from core.job_results import job_results_forget
from core.models import Organization, Role, User
from core.plugins import autodiscover
from core.text import fold
from mentoring.models import StaffMember

logger = logging.getLogger(__name__)

ANONYMIZE_AFTER = dt.timedelta(days=30)
ANONYMOUS = "Обезличено"
REDACTED = "[обезличено]"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
# Columns that hold machine values, never a person's words.
SKIPPED_COLUMNS = frozenset({"password", "history_change_reason"})


@dataclass(frozen=True)
class Person:
    """The values to erase, read before anything is changed."""

    staff_id: int
    user_id: int | None
    pattern: re.Pattern
    needles: tuple[str, ...]
    label: str


def _name_forms(last: str, first: str, middle: str) -> list[str]:
    forms = []
    if last and first:
        f, m = first[0], middle[0] if middle else ""
        forms += [f"{last} {first} {middle}".strip(), f"{first} {middle} {last}".strip()]
        forms += [f"{last} {first}", f"{first} {last}"]
        if m:
            forms += [
                f"{last} {f}.{m}.",
                f"{last} {f}. {m}.",
                f"{f}.{m}. {last}",
                f"{f}. {m}. {last}",
            ]
            forms += [f"{first} {middle}"]
        forms += [f"{last} {f}.", f"{f}. {last}"]
    return forms


def _unique_among_living(value: str, field: str, *, staff_id: int, user_id: int | None) -> bool:
    """True when no other, not anonymized person has this surname or first name."""
    if len(value) < 3:
        return False
    staff = StaffMember.objects.filter(**{f"{field}__iexact": value}, anonymized_at__isnull=True)
    users = User.objects.filter(**{f"{field}__iexact": value})
    return not staff.exclude(pk=staff_id).exists() and not users.exclude(pk=user_id).exists()


def person_of(staff: StaffMember) -> Person:
    """Collect the person's name forms, e-mails and phones into one pattern."""
    user = staff.user
    full: set[str] = set()
    single: set[str] = set()  # surname/first name alone: matched as a word prefix
    contacts: set[str] = set()
    sources = [(staff.last_name, staff.first_name, staff.middle_name)]
    if user is not None:
        sources.append((user.last_name, user.first_name, user.middle_name))
    sources += _former_names(staff)
    sources += _declined(staff)
    for last, first, middle in sources:
        full.update(_name_forms(last, first, middle))
        if last and _unique_among_living(
            last, "last_name", staff_id=staff.pk, user_id=staff.user_id
        ):
            single.add(last)
        if first and _unique_among_living(
            first, "first_name", staff_id=staff.pk, user_id=staff.user_id
        ):
            single.add(first)
    for value in (staff.email, staff.phone, user.email if user else "", login_of(user)):
        if value:
            contacts.add(value)
    if staff.phone:
        digits = re.sub(r"\D", "", staff.phone)
        if len(digits) >= 7:
            contacts.add(digits)
    full |= {fold(form) for form in full}
    single |= {fold(form) for form in single}
    full = {form for form in full if form}
    alternatives = [
        *(rf"{re.escape(form)}(?!\w)" for form in sorted(full | contacts, key=len, reverse=True)),
        *(rf"{re.escape(form)}\w*" for form in sorted(single, key=len, reverse=True)),
    ]
    if not alternatives:
        pattern = re.compile(r"(?!x)x")
    else:
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})", re.IGNORECASE)
    needles = tuple(sorted(full | single | contacts, key=len, reverse=True))
    return Person(
        staff_id=staff.pk,
        user_id=staff.user_id,
        pattern=pattern,
        needles=needles,
        label=f"{ANONYMOUS} №{staff.pk}",
    )


def _former_names(staff: StaffMember) -> list[tuple[str, str, str]]:
    """Names the card and the login had before (a surname changed on marriage is still hers)."""
    rows = {*staff.history.values_list("last_name", "first_name", "middle_name")}
    if staff.user is not None:
        rows |= {*staff.user.history.values_list("last_name", "first_name", "middle_name")}
    return sorted(rows)


def _declined(staff: StaffMember) -> list[tuple[str, str, str]]:
    """The name in every case but the nominative (letters and orders decline it)."""
    if not (staff.last_name and staff.first_name):
        return []
    forms = []
    for case in CASES[1:]:
        try:
            forms.append(decline_parts(staff, case))
        except Exception:  # a name the rules can't decline stays in the nominative only
            logger.warning("Could not decline the name of staff member %s", staff.pk)
    return forms


def login_of(user: User | None) -> str:
    """The login as a value to erase, unless it is also a word of the code (a demo's «mentee»)."""
    if user is None or len(user.username) < 4 or user.username in Role.values:
        return ""
    return user.username


def keep() -> dict[str, Q]:
    """Mentoring's own rows are all anonymized: it keeps none (this module is its own plugin)."""
    return {}


def _kept() -> dict[str, Q]:
    """Rows that stay as they are, declared by the apps (signed orders)."""
    kept: dict[str, Q] = {}
    for module in autodiscover("anonymization"):
        kept.update(module.keep())
    return kept


def _without_kept(queryset, kept: dict[str, Q]):
    rule = kept.get(queryset.model._meta.label)
    return queryset.exclude(rule) if rule is not None else queryset


def _history_model(model):
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def _update_history(queryset, values: dict) -> None:
    """Update the history rows with those of ``values`` the history model records."""
    names = {f.name for f in queryset.model._meta.concrete_fields}
    queryset.update(**{k: v for k, v in values.items() if k in names})


def _all_models():
    return [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed]


# --- 1. the card and the login -----------------------------------------------------------------


def _anonymize_card(staff: StaffMember, person: Person, now: dt.datetime) -> None:
    values = {
        "last_name": ANONYMOUS,
        "first_name": f"№{staff.pk}",
        "middle_name": "",
        "birth_date": None,
        "email": "",
        "phone": "",
    }
    for name, value in values.items():
        setattr(staff, name, value)
    staff.anonymized_at = now
    staff.save()
    _update_history(staff.history.all(), {**values, "search_name": staff.search_name})


def _anonymize_login(user: User) -> None:
    values = {
        "username": f"anonymized-{user.pk}",
        "first_name": "",
        "last_name": ANONYMOUS,
        "middle_name": "",
        "email": "",
    }
    for name, value in values.items():
        setattr(user, name, value)
    user.is_active = False
    user.set_unusable_password()
    user.save()
    _update_history(user.history.all(), {**values, "is_active": False})
    end_sessions(user)


def end_sessions(user: User) -> None:
    """End every session of this user, wherever the configured engine keeps them."""
    ended = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    # Through the configured engine: a cached session is forgotten in the cache too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in ended:
        store(session_key=key).delete()


# --- 2. rows about the person, 3. their files -----------------------------------------------


def _owned_rows(person: Person) -> dict[type, list[int]]:
    """Rows pointing at the staff card, and rows pointing at those (one more step)."""
    owned: dict[type, list[int]] = {}
    project = [m for m in _all_models() if _is_project(m)]
    for model in project:
        if model in (StaffMember, User) or model.__name__.startswith("Historical"):
            continue
        links = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is StaffMember
        ]
        if links:
            query = Q()
            for name in links:
                query |= Q(**{name: person.staff_id})
            ids = list(model._default_manager.filter(query).values_list("pk", flat=True))
            if ids:
                owned[model] = ids
    for model in project:
        if model in owned or model.__name__.startswith("Historical"):
            continue
        query = Q()
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in owned and f.related_model is not User:
                query |= Q(**{f"{f.name}__in": owned[f.related_model]})
        if query:
            ids = list(model._default_manager.filter(query).values_list("pk", flat=True))
            if ids:
                owned[model] = ids
    return owned


def _is_project(model) -> bool:
    return model._meta.app_label in {c.label for c in _project_configs()}


def _project_configs():
    from core.plugins import project_apps

    return project_apps()


def _blank_free_texts(owned: dict[type, list[int]], kept: dict[str, Q]) -> None:
    for model, ids in owned.items():
        texts = {
            f.name: ("" if f.blank else REDACTED)
            for f in model._meta.concrete_fields
            if isinstance(f, models.TextField) and f.name not in SKIPPED_COLUMNS
        }
        if not texts:
            continue
        rows = _without_kept(model._default_manager.filter(pk__in=ids), kept)
        changed_ids = list(rows.values_list("pk", flat=True))
        rows.update(**texts)
        history = _history_model(model)
        if history is not None:
            history._default_manager.filter(
                **{f"{model._meta.pk.attname}__in": changed_ids}
            ).update(**texts)


def _delete_files(person: Person, owned: dict[type, list[int]], kept: dict[str, Q]) -> None:
    for model in _all_models():
        files = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not files or model.__name__.startswith("Historical"):
            continue
        query = Q(pk__in=owned.get(model, []))
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is User and person.user_id:
                query |= Q(**{f.name: person.user_id})
            if f.is_relation and f.related_model is StaffMember:
                query |= Q(**{f.name: person.staff_id})
        for row in _without_kept(model._default_manager.filter(query), kept):
            for field in files:
                file = getattr(row, field.name)
                if file:
                    name = file.name
                    file.storage.delete(name)
                    model._default_manager.filter(pk=row.pk).update(**{field.name: ""})
                    history = _history_model(model)
                    if history is not None:
                        history._default_manager.filter(**{field.name: name}).update(
                            **{field.name: ""}
                        )


# --- 4. the scrub of every text column ----------------------------------------------------


def _scrub(value, person: Person):
    if isinstance(value, str):
        return person.pattern.sub(person.label, value)
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False)
    scrubbed = person.pattern.sub(person.label, text)
    return value if scrubbed == text else json.loads(scrubbed)


def _stored_forms(field, variants: set[str]) -> set[str]:
    """What to look for in a column: JSON may be stored with ASCII escapes (``\\u0417``, as
    Django writes it on SQLite), where a Cyrillic name is not found as such."""
    if not isinstance(field, models.JSONField):
        return variants
    return variants | {json.dumps(v)[1:-1] for v in variants}


def scrub_everywhere(person: Person, kept: dict[str, Q] | None = None) -> int:
    """Replace the person's names and contacts in every text column; return rows changed."""
    kept = _kept() if kept is None else kept
    if not person.needles:
        return 0
    variants = {v for needle in person.needles for v in (needle, needle.lower(), needle.upper())}
    changed = 0
    for model in _all_models():
        columns = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and f.name not in SKIPPED_COLUMNS and not f.choices
        ]
        if not columns:
            continue
        # One query per column: a single OR over every column would be too deep for SQLite.
        pks: set = set()
        for field in columns:
            query = Q()
            for needle in _stored_forms(field, variants):
                query |= Q(**{f"{field.name}__icontains": needle})
            found = _without_kept(model._default_manager.filter(query), kept)
            pks.update(found.values_list("pk", flat=True))
        if not pks:
            continue
        rows = model._default_manager.filter(pk__in=pks)
        for row in rows.iterator():
            updates = {}
            for field in columns:
                value = getattr(row, field.attname)
                new = _scrub(value, person)
                if new != value:
                    updates[field.attname] = new
            if updates:
                model._default_manager.filter(pk=row.pk).update(**updates)
                changed += 1
    return changed


# --- the service ---------------------------------------------------------------------------


def staff_anonymize(*, staff: StaffMember, now: dt.datetime | None = None) -> StaffMember:
    """Erase one person's personal data everywhere except in signed orders."""
    now = now or timezone.now()
    with transaction.atomic():
        staff = (
            StaffMember.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=staff.pk)
        )
        person = person_of(staff)
        login = staff.user.username if staff.user is not None else ""
        kept = _kept()
        owned = _owned_rows(person)
        _delete_files(person, owned, kept)
        release_orphans()
        _forget_job_files(staff)
        _blank_free_texts(owned, kept)
        _anonymize_card(staff, person, now)
        if staff.user is not None and not _user_has_other_cards(staff):
            _anonymize_login(staff.user)
        if login and not _user_has_other_cards(staff):
            _forget_login_attempts(login, person)
        scrub_everywhere(person, kept)
    logger.info("Anonymized staff member %s", staff.pk)
    return staff


def _forget_job_files(staff: StaffMember) -> None:
    """Every stored export of her organizations (and their municipality's roll-ups) may name her."""
    organizations = [staff.organization_id]
    if staff.user_id:
        organizations += list(
            StaffMember.objects.filter(user_id=staff.user_id).values_list(
                "organization_id", flat=True
            )
        )
    municipalities = (
        Organization.objects.filter(pk__in=organizations)
        .exclude(municipality__isnull=True)
        .values_list("municipality_id", flat=True)
    )
    job_results_forget(organization_ids=organizations, municipality_ids=list(municipalities))


def _forget_login_attempts(login: str, person: Person) -> None:
    """The lockout and access logs (django-axes) name the login: it becomes the anonymous one."""
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model._default_manager.filter(username=login).update(
            username=f"anonymized-{person.user_id}"
        )


def _user_has_other_cards(staff: StaffMember) -> bool:
    """A login shared with a card in another organization stays for that one."""
    return (
        StaffMember.objects.filter(user_id=staff.user_id, anonymized_at__isnull=True)
        .exclude(pk=staff.pk)
        .exists()
    )


def anonymize_due(*, today: dt.date | None = None) -> list[int]:
    """Anonymize everyone whose withdrawal, or leaving date, is at least 30 days old on ``today``.

    A person who left is kept on the schedule of a withdrawn consent: the purpose of processing
    ends with the work, and 152-ФЗ gives 30 days to erase (ст. 21 ч. 4–5).
    """
    if today is None:
        now = timezone.now()
    else:
        now = timezone.make_aware(dt.datetime.combine(today, dt.time(23, 59, 59)))
    due = StaffMember.objects.filter(
        Q(personal_data_withdrawn_at__lte=now - ANONYMIZE_AFTER)
        | Q(left_on__lte=timezone.localtime(now).date() - ANONYMIZE_AFTER),
        anonymized_at__isnull=True,
    )
    done = []
    for staff in due.order_by("pk"):
        staff_anonymize(staff=staff, now=now)
        done.append(staff.pk)
    return done
