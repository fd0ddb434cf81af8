"""The allocation commission's automatic proposal, as a pure function.

Why pure: the proposal must be reproducible from its recorded inputs and seed (a family may ask
why, months later), testable over thousands of generated campaigns without a database, and fast
(2,000 children × 3 wishes in far less than a second). The Django layer reads the rows, builds
these dataclasses, calls :func:`propose` and stores the :class:`Proposal`; nothing here imports
Django or another module, only the standard library.

How (``docs/sejours.md``, « La commission d'attribution »): vœu 1 for everyone first, then vœu 2
for those still without a place, and so on. Within a round the contenders are ordered by the
campaign's criteria, in the campaign's order, then by a draw from ``random.Random(seed)``; each
takes a place if one is left (in the stay and, if the stay has groups, in a group that accepts
their age or class), else goes on that stay's waiting list. Siblings asking to go « ensemble »
on the same stay at the same rank form one unit: all placed or all waitlisted, never one alone.
A wish outside the stay's ages or classes is refused with its reason, never placed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

#: The criteria a campaign may order; the draw always comes last.
CRITERIA: dict[str, str] = {
    "first_stay_this_year": "premier séjour de l'année pour l'enfant",
    "quotient_band": "tranche de quotient familial (la plus basse d'abord)",
    "siblings_together": "fratrie demandant à partir ensemble",
    "resident": "famille résidente",
    "wish_date": "date du vœu (la plus ancienne d'abord)",
}
DEFAULT_CRITERIA: tuple[str, ...] = (
    "first_stay_this_year",
    "quotient_band",
    "siblings_together",
    "resident",
    "wish_date",
)


# --- Input ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A capacity bucket inside a stay (e.g. « les 6-8 ans »), with optional bounds of its own."""

    id: str
    capacity: int
    label: str = ""
    min_age: int | None = None
    max_age: int | None = None
    school_classes: frozenset[str] = frozenset()
    taken: int = 0


@dataclass(frozen=True)
class Stay:
    """A stay offered in the campaign. Ages are whole years at ``start_date``; when both ages
    and classes are set, a child must satisfy both. ``taken`` counts places already given
    (outside this proposal); with groups, each group's ``taken`` counts in the group too."""

    id: str
    label: str
    start_date: date
    capacity: int
    min_age: int | None = None
    max_age: int | None = None
    school_classes: frozenset[str] = frozenset()
    groups: tuple[Group, ...] = ()
    taken: int = 0


@dataclass(frozen=True)
class Child:
    """A child of the campaign. ``quotient_band``: lower is more modest (None: unknown, last)."""

    id: str
    family_id: str
    birth_date: date
    name: str = ""
    school_class: str | None = None
    quotient_band: int | None = None
    resident: bool = False


@dataclass(frozen=True)
class Wish:
    """A ranked wish (vœu ``rank``) of a child for a stay; ``together_with``: a sibling's id."""

    child_id: str
    stay_id: str
    rank: int
    created_at: datetime
    together_with: str | None = None


@dataclass(frozen=True)
class Rules:
    """The campaign's rules. ``placed_this_year``: children who already had a stay this year
    (for ``first_stay_this_year``). ``keep_on_better_waitlists``: a child placed on a later wish
    stays on the waiting lists of the better wishes (and moves up if a place frees there)."""

    criteria: tuple[str, ...] = DEFAULT_CRITERIA
    max_stays_per_child: int = 1
    placed_this_year: frozenset[str] = frozenset()
    keep_on_better_waitlists: bool = True


# --- Output -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    stay_id: str
    wish_rank: int
    group_id: str | None = None


@dataclass(frozen=True)
class WaitlistEntry:
    stay_id: str
    child_id: str
    wish_rank: int
    position: int


@dataclass(frozen=True)
class Refusal:
    stay_id: str
    wish_rank: int
    reason: str


Status = Literal["placed", "waitlisted", "refused", "no_wish"]


@dataclass(frozen=True)
class ChildDecision:
    """What the family is told: placed (which wish), waitlisted (best wish, rank) or refused
    (reason), and the trail of sentences explaining each wish's outcome."""

    child_id: str
    status: Status
    placements: tuple[Placement, ...]
    waitlists: tuple[WaitlistEntry, ...]
    refusals: tuple[Refusal, ...]
    trail: tuple[str, ...]


@dataclass(frozen=True)
class Round:
    """The order in which the contenders of vœu ``rank`` were examined (best priority first)."""

    rank: int
    order: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    seed: int | str
    criteria: tuple[str, ...]
    max_stays_per_child: int
    decisions: dict[str, ChildDecision]
    waiting_lists: dict[str, tuple[WaitlistEntry, ...]]
    placed: dict[str, tuple[str, ...]]
    rounds: tuple[Round, ...]


# --- The engine -------------------------------------------------------------------------------


def age_at(birth_date: date, day: date) -> int:
    """Whole years on ``day`` (born on 29 February: a year older on 1 March in common years)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _bounds_problem(
    child: Child,
    age: int,
    min_age: int | None,
    max_age: int | None,
    classes: frozenset[str],
) -> str | None:
    if min_age is not None and age < min_age or max_age is not None and age > max_age:
        low = "" if min_age is None else f"{min_age}"
        high = "" if max_age is None else f"{max_age}"
        span = f"de {low} à {high} ans" if low and high else (f"dès {low} ans" if low else "")
        span = span or f"jusqu'à {high} ans"
        return f"âge au départ {age} ans, séjour pour les enfants {span}"
    if classes and child.school_class not in classes:
        current = child.school_class or "non renseignée"
        return f"classe {current} non accueillie (séjour pour {', '.join(sorted(classes))})"
    return None


@dataclass
class _Room:
    """The places left in a stay and its groups while the proposal runs."""

    stay: Stay
    left: int
    group_left: dict[str, int] = field(default_factory=dict)
    placed: list[str] = field(default_factory=list)

    def eligible_groups(self, child: Child) -> list[Group] | None:
        """The groups that accept the child (None if the stay has no groups)."""
        if not self.stay.groups:
            return None
        age = age_at(child.birth_date, self.stay.start_date)
        return [
            g
            for g in self.stay.groups
            if _bounds_problem(child, age, g.min_age, g.max_age, g.school_classes) is None
        ]

    def assign(self, children: list[Child]) -> dict[str, str | None] | None:
        """Places for all of ``children`` (child → group), or None if they do not all fit."""
        if self.left < len(children):
            return None
        if not self.stay.groups:
            return {c.id: None for c in children}
        left = dict(self.group_left)
        out: dict[str, str | None] = {}
        for c in children:
            group = next((g for g in self.eligible_groups(c) or () if left[g.id] > 0), None)
            if group is None:
                return None
            left[group.id] -= 1
            out[c.id] = group.id
        return out


def _trail_name(stay: Stay | None, wish: Wish) -> str:
    return f"Vœu {wish.rank} ({stay.label if stay else wish.stay_id})"


def propose(
    *,
    stays: Iterable[Stay],
    children: Iterable[Child],
    wishes: Iterable[Wish],
    rules: Rules,
    seed: int | str,
) -> Proposal:
    """The automatic proposal of the commission, reproducible from the same input and ``seed``.

    Raises ``ValueError`` for input the Django layer must never send (an unknown criterion, a
    wish of an unknown child, two wishes of a child at the same rank, duplicate ids), so that a
    bad campaign fails loudly instead of producing a proposal nobody can explain.
    """
    unknown = [c for c in rules.criteria if c not in CRITERIA]
    if unknown:
        raise ValueError(f"Unknown criteria: {unknown}")
    if rules.max_stays_per_child < 1:
        raise ValueError("max_stays_per_child must be at least 1")
    stay_by_id = _index(stays, "stay")
    child_by_id = _index(children, "child")
    by_child_rank: dict[tuple[str, int], Wish] = {}
    for w in wishes:
        if w.child_id not in child_by_id:
            raise ValueError(f"Wish of an unknown child: {w.child_id}")
        if (w.child_id, w.rank) in by_child_rank:
            raise ValueError(f"Two wishes of child {w.child_id} at rank {w.rank}")
        by_child_rank[(w.child_id, w.rank)] = w

    # The draw: one shuffle of the children sorted by id, so it depends on the seed and the set
    # of children only (not on the order the rows came in).
    ids = sorted(child_by_id)
    rng = random.Random(seed)  # noqa: S311 - a recorded, reproducible draw, not a secret
    rng.shuffle(ids)
    draw = {cid: i for i, cid in enumerate(ids)}

    rooms = {
        sid: _Room(
            stay=s,
            left=s.capacity - s.taken,
            group_left={g.id: g.capacity - g.taken for g in s.groups},
        )
        for sid, s in stay_by_id.items()
    }
    placements: dict[str, list[Placement]] = {cid: [] for cid in sorted(child_by_id)}
    waits: dict[str, list[WaitlistEntry]] = {cid: [] for cid in placements}
    refusals: dict[str, list[Refusal]] = {cid: [] for cid in placements}
    trails: dict[str, list[str]] = {cid: [] for cid in placements}
    waiting_lists: dict[str, list[WaitlistEntry]] = {sid: [] for sid in sorted(stay_by_id)}
    rounds: list[Round] = []

    def done(cid: str) -> bool:
        return len(placements[cid]) >= rules.max_stays_per_child

    by_rank: dict[int, dict[str, Wish]] = {}
    for (cid, r), w in sorted(by_child_rank.items()):
        by_rank.setdefault(r, {})[cid] = w
    for rank in sorted(by_rank):
        round_wishes = by_rank[rank]
        contenders: dict[str, Wish] = {}
        for cid, w in round_wishes.items():
            stay = stay_by_id.get(w.stay_id)
            name = _trail_name(stay, w)
            if done(cid):
                first = placements[cid][0]
                trails[cid].append(
                    f"{name} : non examiné, place déjà attribuée au vœu {first.wish_rank}."
                )
                continue
            problem = _wish_problem(child_by_id[cid], w, stay, rooms, placements[cid])
            if problem:
                refusals[cid].append(Refusal(w.stay_id, rank, problem))
                trails[cid].append(f"{name} : refusé, {problem}.")
                continue
            contenders[cid] = w

        units = _units(contenders, child_by_id, trails, stay_by_id)
        keyed = []
        for unit in units:
            key = min(
                _key(child_by_id[cid], contenders[cid], len(unit), placements, rules, draw)
                for cid in unit
            )
            keyed.append((key, unit))
        keyed.sort()
        rounds.append(Round(rank, tuple(cid for _, unit in keyed for cid in unit)))

        for _, unit in keyed:
            w = contenders[unit[0]]
            room = rooms[w.stay_id]
            name = _trail_name(room.stay, w)
            members = [child_by_id[cid] for cid in unit]
            fit = room.assign(members)
            together = _together_note(members) if len(unit) > 1 else ""
            if fit is not None:
                for cid, group_id in fit.items():
                    room.left -= 1
                    if group_id is not None:
                        room.group_left[group_id] -= 1
                    room.placed.append(cid)
                    placements[cid].append(Placement(w.stay_id, rank, group_id))
                    where = ""
                    if group_id is not None:
                        group = next(g for g in room.stay.groups if g.id == group_id)
                        where = f" (groupe {group.label or group.id})"
                    trails[cid].append(f"{name} : place attribuée{where}{together}.")
                continue
            ahead = len(room.placed)
            already = room.stay.taken
            why = (
                "complet"
                if room.left <= 0
                else _count(room.left, "place restante", "places restantes")
            )
            if room.left > 0 and room.stay.groups and len(unit) == 1:
                why = "complet dans le groupe de son âge"
            elif room.left >= len(unit):
                why = "pas assez de places dans les groupes de leur âge"
            elif room.left > 0:
                why = f"{len(unit)} places nécessaires, {why}"
            detail = _count(ahead, "enfant prioritaire", "enfants prioritaires")
            if already:
                detail += ", " + _count(already, "place déjà prise", "places déjà prises")
            for cid in unit:
                entry = WaitlistEntry(w.stay_id, cid, rank, len(waiting_lists[w.stay_id]) + 1)
                waiting_lists[w.stay_id].append(entry)
                waits[cid].append(entry)
                trails[cid].append(
                    f"{name} : {why}, {detail}{together} ; liste d'attente, rang {entry.position}."
                )

    if not rules.keep_on_better_waitlists:
        waiting_lists = _drop_placed(waiting_lists, placements)
        waits = {cid: [] for cid in placements}
        for entries in waiting_lists.values():
            for e in entries:
                waits[e.child_id].append(e)

    decisions: dict[str, ChildDecision] = {}
    for cid in placements:
        status: Status
        if placements[cid]:
            status = "placed"
        elif waits[cid]:
            status = "waitlisted"
        elif refusals[cid]:
            status = "refused"
        else:
            status = "no_wish"
            trails[cid].append("Aucun vœu déposé.")
        decisions[cid] = ChildDecision(
            child_id=cid,
            status=status,
            placements=tuple(placements[cid]),
            waitlists=tuple(sorted(waits[cid], key=lambda e: e.wish_rank)),
            refusals=tuple(refusals[cid]),
            trail=tuple(trails[cid]),
        )
    return Proposal(
        seed=seed,
        criteria=tuple(rules.criteria),
        max_stays_per_child=rules.max_stays_per_child,
        decisions=decisions,
        waiting_lists={sid: tuple(entries) for sid, entries in waiting_lists.items()},
        placed={sid: tuple(rooms[sid].placed) for sid in sorted(rooms)},
        rounds=tuple(rounds),
    )


def _index(items: Iterable, what: str) -> dict:
    out: dict = {}
    for item in items:
        if item.id in out:
            raise ValueError(f"Duplicate {what} id: {item.id}")
        out[item.id] = item
    return dict(sorted(out.items()))


def _wish_problem(
    child: Child,
    wish: Wish,
    stay: Stay | None,
    rooms: Mapping[str, _Room],
    placed: list[Placement],
) -> str | None:
    """Why the wish can never be granted (it is refused, not waitlisted), or None."""
    if stay is None:
        return "séjour inconnu de la campagne"
    if any(p.stay_id == wish.stay_id for p in placed):
        return "séjour déjà attribué à un autre vœu"
    age = age_at(child.birth_date, stay.start_date)
    problem = _bounds_problem(child, age, stay.min_age, stay.max_age, stay.school_classes)
    if problem:
        return problem
    if stay.groups and not rooms[stay.id].eligible_groups(child):
        return f"âge au départ {age} ans : aucun groupe du séjour ne l'accueille"
    return None


def _units(
    contenders: Mapping[str, Wish],
    child_by_id: Mapping[str, Child],
    trails: dict[str, list[str]],
    stay_by_id: Mapping[str, Stay],
) -> list[tuple[str, ...]]:
    """The round's units: a child alone, or siblings linked by « ensemble » on the same stay at
    the same rank (connected components, so three siblings form one unit)."""
    parent = {cid: cid for cid in contenders}

    def root(cid: str) -> str:
        while parent[cid] != cid:
            parent[cid] = parent[parent[cid]]
            cid = parent[cid]
        return cid

    for cid, w in contenders.items():
        other = w.together_with
        if other is None or other == cid:
            continue
        mate = contenders.get(other)
        sibling = child_by_id.get(other)
        if (
            mate is None
            or mate.stay_id != w.stay_id
            or sibling is None
            or sibling.family_id != child_by_id[cid].family_id
        ):
            label = stay_by_id[w.stay_id].label
            who = (sibling.name or sibling.id) if sibling else other
            trails[cid].append(
                f"Vœu {w.rank} ({label}) : demande « ensemble » avec {who} non retenue "
                "(pas un frère ou une sœur demandant ce séjour au même rang), vœu examiné seul."
            )
            continue
        a, b = root(cid), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for cid in contenders:
        groups.setdefault(root(cid), []).append(cid)
    return [tuple(sorted(members)) for members in groups.values()]


def _key(
    child: Child,
    wish: Wish,
    unit_size: int,
    placements: Mapping[str, list[Placement]],
    rules: Rules,
    draw: Mapping[str, int],
) -> tuple:
    """The child's priority in the round: the campaign's criteria in order, then the draw."""
    parts: dict[str, Callable[[], object]] = {
        "first_stay_this_year": lambda: int(
            child.id in rules.placed_this_year or bool(placements[child.id])
        ),
        "quotient_band": lambda: (
            (1, 0) if child.quotient_band is None else (0, child.quotient_band)
        ),
        "siblings_together": lambda: int(unit_size == 1),
        "resident": lambda: int(not child.resident),
        "wish_date": lambda: wish.created_at,
    }
    return (*(parts[name]() for name in rules.criteria), draw[child.id])


def _count(n: int, one: str, many: str) -> str:
    """French plural: 0 and 1 take the singular."""
    return f"{n} {one if n <= 1 else many}"


def _together_note(members: list[Child]) -> str:
    return " (fratrie ensemble : " + ", ".join(c.name or c.id for c in members) + ")"


def _drop_placed(
    waiting_lists: Mapping[str, list[WaitlistEntry]],
    placements: Mapping[str, list[Placement]],
) -> dict[str, list[WaitlistEntry]]:
    """Waiting lists without the children who got a place, positions renumbered."""
    out: dict[str, list[WaitlistEntry]] = {}
    for sid, entries in waiting_lists.items():
        kept = [e for e in entries if not placements[e.child_id]]
        out[sid] = [
            WaitlistEntry(e.stay_id, e.child_id, e.wish_rank, i) for i, e in enumerate(kept, 1)
        ]
    return out
