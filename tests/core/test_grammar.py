"""A woman is never addressed as a man: pages, letters, PDFs and audit lines agree with people.

The expected forms and the forbidden patterns are written by hand in ``grammar_table``.
"""

import html
import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse

from core import grammar
from core.audit import log_action
from core.declension import gender_of
from core.models import NotificationKind, Role
from core.notifications import render_email
from mentoring.models import Pair, StaffMember
from tests.core import grammar_table as table
from tests.factories import StaffMemberFactory, member


def _who(which):
    return {"f": [table.WOMAN], "m": [table.MAN], "three": table.THREE}[which]


def _text(content: str) -> str:
    """The words a person reads on a page: tags, scripts and extra spaces gone."""
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S | re.I)
    content = re.sub(r"<[^>]+>", " ", content)
    return " ".join(html.unescape(content).split())


@pytest.mark.parametrize(("word", "case", "who", "expected"), table.ROLE_WORDS)
def test_role_words_agree_with_the_people(word, case, who, expected):
    people = [" ".join(p) for p in _who(who)]
    assert grammar.role_word(word, people, case) == expected


@pytest.mark.parametrize(("m", "f", "pl", "who", "expected"), table.VERBS)
def test_verbs_agree_in_code_and_in_templates(m, f, pl, who, expected):
    people = [" ".join(p) for p in _who(who)]
    assert grammar.agree_with(people, m, f, pl) == expected
    rendered = Template('{% load declension %}{{ p|gendered:"' + f"{m},{f},{pl}" + '" }}').render(
        Context({"p": people if len(people) > 1 else people[0]})
    )
    assert rendered == expected


def test_an_unknown_gender_gets_the_masculine_never_both_forms():
    assert grammar.agree_with("Ли", "подписал", "подписала") == "подписал"
    assert grammar.agree_with(None, "подписал", "подписала") == "подписал"


def test_a_login_takes_the_gender_her_staff_card_records(org):
    from core.models import User

    user = member(org, Role.MENTOR)  # Иванова Мария Петровна
    assert gender_of(user) == "f"
    StaffMember.objects.filter(user=user).update(gender="m")  # the curator's choice wins
    assert gender_of(User.objects.get(pk=user.pk)) == "m"


def _staff(org, names):
    last, first, middle = names
    return StaffMemberFactory(
        organization=org, last_name=last, first_name=first, middle_name=middle
    )


@pytest.mark.parametrize("who", ["f", "m", "three"])
def test_the_pair_line_of_orders_and_reports_names_the_mentee_right(org, who):
    if who == "m":
        mentors, mentees = [table.WOMAN], [table.MAN]
    else:
        mentors, mentees = [table.MAN], _who(who)
    pair = Pair.objects.create(organization=org)
    pair.mentors.set([_staff(org, p) for p in mentors])
    # Added one by one so the line lists them in the order written in the table.
    for names in mentees:
        pair.mentees.add(_staff(org, names))
    pair = Pair.objects.prefetch_related("mentors", "mentees").get(pk=pair.pk)
    pair._prefetched_objects_cache["mentees"] = sorted(
        pair.mentees.all(), key=lambda s: [n[0] for n in mentees].index(s.last_name)
    )
    assert pair.participants_line == table.PAIR_LINE[who]
    assert not table.problems(pair.participants_line)


@pytest.mark.parametrize("who", ["f", "m"])
def test_an_audit_line_agrees_with_who_did_it(org, who):
    user = member(org, Role.DIRECTOR)
    if who == "m":
        user.last_name, user.first_name, user.middle_name = table.MAN
        user.save()
        StaffMember.objects.filter(user=user).update(
            last_name=user.last_name, first_name=user.first_name, middle_name=user.middle_name
        )
    entry = log_action(org, "order.acknowledged", actor=user)
    assert entry.label == table.ACKNOWLEDGED_AUDIT[who]


def _person(names, **extra):
    last, first, middle = names
    return SimpleNamespace(
        last_name=last,
        first_name=first,
        middle_name=middle,
        full_name=" ".join(names),
        short_name=f"{last} {first[0]}. {middle[0]}.",
        username="user",
        **extra,
    )


@pytest.mark.parametrize("who", ["f", "m"])
@pytest.mark.parametrize("kind", NotificationKind.values)
def test_every_letter_agrees_with_the_people_it_names(org, who, kind):
    person = _person(table.WOMAN if who == "f" else table.MAN)
    context = {
        "organization": org,
        "user": person,
        "actor": person,
        "author": person.full_name,
        "proposer": person,
        "title": "О наставничестве",
        "pair": "Пара № 1",
        "reference": "№ 3-од от 01.12.2026",
        "link": "http://example.ru/x/",
        "preferences_link": "http://example.ru/p/",
        "site_url": "http://example.ru",
    }
    subject, text, body_html = render_email(kind=kind, context=context)
    for part in (subject, text, _text(body_html)):
        assert not table.problems(part), (kind, table.problems(part))
    expected = {
        "order_sent": table.ORDER_SENT_LETTER,
        "order_signed": table.ORDER_SIGNED_LETTER,
        "pair_proposed": table.PAIR_PROPOSED_LETTER,
    }.get(kind)
    if expected:
        assert expected[who] in text and expected[who] in _text(body_html)


@pytest.mark.parametrize("who", ["f", "m", "three"])
def test_the_mentor_agreement_names_the_mentees_in_their_number(org, who):
    mentees = [_person(p) for p in _who(who)]
    for m in mentees:
        m.get_position_display = lambda: "Воспитатель"
    mentor = _person(table.MAN)
    mentor.get_position_display = lambda: "Старший воспитатель"
    agreement = SimpleNamespace(
        number=1,
        contract_reference="",
        mentor=mentor,
        content="помощь в адаптации",
        starts_on=None,
        ends_on=None,
        form="индивидуальная",
        pay="percent",
        pay_amount=15,
        director_name="Кузьмина Людмила Фёдоровна",
        director_signed_at=None,
        mentor_signed_at=None,
    )
    text = _text(
        render_to_string(
            "roadmap/pdf/agreement.html",
            {"agreement": agreement, "mentees": mentees, "organization": org},
        )
    )
    assert table.AGREEMENT_TERM[who] in text
    assert not table.problems(text)


# --- every page of the demo, as each persona, for women and for men -------------------------

PERSONAS = ("director", "curator", "mentor", "mentee", "council", "admin")
_SKIP = ("logout", "health", "export", "template", "slips", "pdf", "invite-all", "signing:")


def _page_names():
    from django.urls import URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
            elif p.name and not p.pattern.converters and "(?P" not in str(p.pattern):
                yield prefix + p.name

    return sorted(
        n
        for n in set(walk(get_resolver()))
        if not n.startswith("admin:") and not any(s in n for s in _SKIP)
    )


def _detail_urls(org):
    from programs.models import Program
    from roadmap.models import Order

    urls = [p.get_absolute_url() for p in Program.objects.filter(organization=org)]
    urls += [o.get_absolute_url() for o in Order.objects.filter(organization=org)]
    urls += [
        reverse("mentoring:pair-detail", args=[p.pk]) for p in Pair.objects.filter(organization=org)
    ]
    urls += [s.get_absolute_url() for s in StaffMember.objects.filter(organization=org)[:6]]
    return urls


def _make_everyone_a_man(org):
    for staff in StaffMember.objects.filter(organization=org):
        last = re.sub(r"(ов|ев|ёв|ин|ын)а$", r"\1", staff.last_name)
        last = re.sub(r"ая$", "ий", last)
        middle = re.sub(r"(.)вна$", r"\1вич", staff.middle_name) if staff.middle_name else ""
        StaffMember.objects.filter(pk=staff.pk).update(
            last_name=last, first_name="Олег", middle_name=middle, gender=""
        )
        if staff.user_id:
            type(staff.user).objects.filter(pk=staff.user_id).update(
                last_name=last, first_name="Олег", middle_name=middle
            )


@pytest.mark.parametrize("who", ["f", "m"])
def test_no_page_of_the_demo_addresses_a_woman_as_a_man_or_both_at_once(db, client, who):
    from core.models import Organization, User
    from mentoring.seeding import seed_demo

    seed_demo()
    org = Organization.objects.get(slug="ds20")
    if who == "m":
        _make_everyone_a_man(org)
    urls = [reverse(name) for name in _page_names()] + _detail_urls(org)
    found = {}
    for persona in PERSONAS:
        client.force_login(User.objects.get(username=persona))
        for url in urls:
            response = client.get(url)
            kind = response.get("Content-Type", "")
            if response.status_code != 200 or "text/html" not in kind:
                continue
            for problem in table.problems(_text(response.content.decode())):
                found.setdefault(problem, f"{persona} {url}")
    assert not found, "\n".join(f"{where}: {what}" for what, where in found.items())
