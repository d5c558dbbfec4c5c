"""Time the matching: one mentee against a region's bank, and a whole-organization proposal."""

import datetime as dt
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring import matching
from mentoring.matching import MenteeData, MenteeRequestData, MentorData
from mentoring.models import Direction, MenteeProfile, MentorStatus, Position


def _timed(fn, repeat: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return statistics.median(samples), ordered[
        min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))
    ]


def _synthetic(rng: random.Random, mentees: int, mentors: int):
    directions = Direction.values
    positions = [Position.EDUCATOR] * 6 + [Position.SPEECH_THERAPIST, Position.PSYCHOLOGIST]
    people = [
        MenteeData(
            profile_id=i,
            staff_id=100000 + i,
            name=f"Наставляемый {i}",
            position=rng.choice(positions),
            teaching_years=rng.randint(0, 5),
            birth_date=dt.date(rng.randint(1970, 2003), 1, 1),
            requests=tuple(
                MenteeRequestData(d, f"Запрос {d}")
                for d in rng.sample(directions, rng.randint(1, 4))
            ),
            desired_forms=frozenset(rng.sample(["traditional", "virtual", "short_term"], 1)),
        )
        for i in range(mentees)
    ]
    bank = [
        MentorData(
            profile_id=i,
            staff_id=i,
            name=f"Наставник {i}",
            position=rng.choice(positions),
            teaching_years=rng.randint(5, 35),
            birth_date=dt.date(rng.randint(1960, 1995), 1, 1),
            expertise=frozenset(rng.sample(directions, rng.randint(2, 4))),
            forms=frozenset(rng.sample(["traditional", "virtual", "short_term"], 2)),
            hours_per_week=rng.randint(1, 3),
            capacity=rng.randint(1, 3),
            load=0,
            status=MentorStatus.SELECTED,
        )
        for i in range(mentors)
    ]
    return people, bank


class Command(BaseCommand):
    help = "Замер подбора: один наставляемый против банка региона и подбор пар для организации."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, **options):
        repeat = options["repeat"]
        rng = random.Random(7)
        rows = []
        # 1. One mentee against the region's bank loaded from the database (all organizations).
        mentors = matching.load_mentors()
        profile = MenteeProfile.objects.order_by("pk").first()
        if profile is not None and len(mentors) >= 1:
            mentee = matching.load_mentees(profile.organization, profile_ids=[profile.pk])[0]
            median, p95 = _timed(lambda: matching.rank_mentors(mentee, mentors, limit=20), repeat)
            rows.append(
                (f"Ранжирование: 1 наставляемый × {len(mentors)} наставников (из БД)", median, p95)
            )
            with CaptureQueriesContext(connection) as queries:
                matching.load_mentors()
            median, p95 = _timed(lambda: matching.load_mentors(), max(3, repeat // 4))
            rows.append(
                (f"Загрузка банка наставников региона (SQL-запросов: {len(queries)})", median, p95)
            )
        # 1b. The same on a synthetic bank of exactly 3,000 mentors.
        people, bank = _synthetic(rng, 1, 3000)
        median, p95 = _timed(lambda: matching.rank_mentors(people[0], bank, limit=20), repeat)
        rows.append(
            (
                "Ранжирование: 1 наставляемый × 3000 наставников (синтетика, объяснены лучшие 20)",
                median,
                p95,
            )
        )
        # 2. The whole-organization proposal: 60 mentees × 40 mentors.
        people, bank = _synthetic(rng, 60, 40)
        median, p95 = _timed(lambda: matching.propose_assignment(people, bank), repeat)
        slots = sum(m.free for m in bank)
        rows.append(
            (
                f"Подбор пар для организации: 60 наставляемых × 40 наставников ({slots} мест)",
                median,
                p95,
            )
        )
        optimal = matching.total_score(matching.propose_assignment(people, bank))
        greedy = matching.total_score(matching.greedy_assignment(people, bank))
        width = max(len(r[0]) for r in rows)
        self.stdout.write(f"{'замер'.ljust(width)}  медиана, мс  p95, мс")
        for label, median, p95 in rows:
            self.stdout.write(f"{label.ljust(width)}  {median:11.1f}  {p95:7.1f}")
        self.stdout.write(f"Сумма баллов: оптимальное {optimal:.1f}, жадное {greedy:.1f}")
