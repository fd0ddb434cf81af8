#!/usr/bin/env python
"""The séjours commission's automatic proposal on a large campaign (pure Python, no database).

Usage: .venv/bin/python bench/allocation.py [--children 2000] [--wishes 3] [--stays 40] [--runs 5]
Generates a campaign (``stays`` stays of 12 to 40 places over ages 6 to 17, a third with two age
groups; ``children`` children aged 5 to 17 in families of one to three, each with ``wishes``
ranked wishes, a tenth of the siblings asking « ensemble »), then times
``modules.sejours.allocation.propose`` with the default criteria. The engine runs no SQL: the
Django layer reads the rows in a bounded number of queries before calling it. Django is not set
up (``_setup.setup_django`` is not needed).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta

from _setup import ROOT, machine

sys.path.insert(0, str(ROOT))

from modules.sejours.allocation import (  # noqa: E402
    Child,
    Group,
    Rules,
    Stay,
    Wish,
    age_at,
    propose,
)


def campaign(children: int, wishes: int, stays: int, seed: int = 7):
    rng = random.Random(seed)  # noqa: S311 - generated data
    start = date(2027, 7, 5)
    stay_rows = []
    for i in range(stays):
        low = rng.randint(6, 14)
        high = low + rng.randint(2, 4)
        capacity = rng.randint(12, 40)
        groups: tuple[Group, ...] = ()
        if i % 3 == 0:
            mid = (low + high) // 2
            groups = (
                Group(f"s{i}g1", capacity // 2, min_age=low, max_age=mid),
                Group(f"s{i}g2", capacity - capacity // 2, min_age=mid + 1, max_age=high),
            )
        stay_rows.append(
            Stay(
                id=f"s{i}",
                label=f"Séjour {i}",
                start_date=start + timedelta(days=7 * (i % 6)),
                capacity=capacity,
                min_age=low,
                max_age=high,
                groups=groups,
                taken=rng.randint(0, 3),
            )
        )
    child_rows, wish_rows = [], []
    family = 0
    created = datetime(2027, 2, 1, 9, 0)
    while len(child_rows) < children:
        family += 1
        size = min(rng.choice((1, 1, 1, 2, 2, 3)), children - len(child_rows))
        members = []
        for _ in range(size):
            cid = f"c{len(child_rows)}"
            child = Child(
                id=cid,
                family_id=f"f{family}",
                birth_date=date(2010, 1, 1) + timedelta(days=rng.randint(0, 12 * 365)),
                quotient_band=rng.choice((None, 1, 2, 3, 4, 5)),
                resident=rng.random() < 0.7,
            )
            child_rows.append(child)
            members.append(child)
        together = size > 1 and rng.random() < 0.1
        shared = pick(rng, stay_rows, members[0], wishes)
        for child in members:
            own = shared if together else pick(rng, stay_rows, child, wishes)
            for rank, stay in enumerate(own, 1):
                wish_rows.append(
                    Wish(
                        child_id=child.id,
                        stay_id=stay.id,
                        rank=rank,
                        created_at=created + timedelta(minutes=rng.randint(0, 60 * 24 * 20)),
                        together_with=members[0].id if together and child != members[0] else None,
                    )
                )
    return stay_rows, child_rows, wish_rows


def pick(rng: random.Random, stays: list[Stay], child: Child, wishes: int) -> list[Stay]:
    """Mostly stays for the child's age (as the catalogue offers), one in ten at random."""
    fitting = [
        s
        for s in stays
        if s.min_age <= age_at(child.birth_date, s.start_date) <= s.max_age and rng.random() > 0.1
    ]
    rest = [s for s in stays if s not in fitting]
    rng.shuffle(fitting)
    return (fitting + rng.sample(rest, len(rest)))[:wishes]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--wishes", type=int, default=3)
    parser.add_argument("--stays", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    stays, children, wishes = campaign(args.children, args.wishes, args.stays)
    times = []
    proposal = None
    for run in range(args.runs):
        t0 = time.perf_counter()
        proposal = propose(stays=stays, children=children, wishes=wishes, rules=Rules(), seed=run)
        times.append(time.perf_counter() - t0)
    assert proposal is not None
    statuses: dict[str, int] = {}
    for decision in proposal.decisions.values():
        statuses[decision.status] = statuses.get(decision.status, 0) + 1
    places = sum(s.capacity - s.taken for s in stays)
    print(f"Machine: {machine().split(', PostgreSQL')[0]}")
    print(
        f"{len(children)} children × {args.wishes} wishes ({len(wishes)}) over {len(stays)} stays"
        f" ({places} free places) → " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
    )
    print("  runs: " + ", ".join(f"{t * 1000:.0f} ms" for t in times))
    print(f"Median: {statistics.median(times) * 1000:.0f} ms (target < 2 s); 0 SQL queries")


if __name__ == "__main__":
    main()
