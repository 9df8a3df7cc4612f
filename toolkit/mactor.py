"""Actors' strategies by Godet's MACTOR method (LIPSOR), as pure functions over small matrices.

The method's standard definitions (M. Godet, *Creating Futures*, ch. "Analysing actors'
strategies: the MACTOR method"; LIPSOR's MACTOR manual), checked by hand in
``tests/toolkit/test_mactor.py``:

* **MDI** ``MID[i][j]``: direct influence of actor *i* on actor *j*, 0 (none) to 4 (on its very
  existence); the diagonal is 0.
* **MIDI** (direct and indirect influences, paths of length two):
  ``MIDI[i][j] = MID[i][j] + Σ_k min(MID[i][k], MID[k][j])`` for *k* other than *i* and *j*; on the
  diagonal ``MIDI[i][i] = Σ_k min(MID[i][k], MID[k][i])``, what comes back to the actor through
  another (its retroaction).
* **Influence and dependence** ``I_i = Σ_j MIDI[i][j] − MIDI[i][i]`` and
  ``D_i = Σ_j MIDI[j][i] − MIDI[i][i]`` (without the retroaction): the influence-dependence plane
  cuts at their means: dominant (influence above, dependence below), relay (both above),
  dominated (dependence above, influence below), autonomous (both below).
* **Balance of power** with ``M_i = Σ_j MIDI[i][j]`` and ``N_i = Σ_j MIDI[j][i]`` (diagonal
  included): ``r_i = (M_i − MIDI[i][i]) / Σ_j M_j × M_i / (M_i + N_i)``, and the normalised
  coefficient ``r*_i = n · r_i / Σ_j r_j`` (mean 1).
* **Positions** on the objectives: **2MAO** ``-3..+3`` (sign: for or against; size: how much the
  objective matters to the actor), **1MAO** its sign, **3MAO** ``2MAO[i][o] · r*_i``.
* **Convergences and divergences** between two actors: **1CAA**/**1DAA** count the objectives on
  which they take the same (opposite) side; **2CAA**/**2DAA** add ``(|2MAO[i][o]| + |2MAO[k][o]|) / 2``
  over those objectives, and **3CAA**/**3DAA** the same with 3MAO. A neutral position (0) neither
  converges nor diverges.
* **Mobilisation** of an objective: the sum of 3MAO of the actors for it, of those against it
  (as a positive number), and both together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

QUADRANTS = ("dominant", "relay", "dominated", "autonomous")
MAX_INFLUENCE = 4
MAX_POSITION = 3

Matrix = list[list[float]]


def midi(mid: Sequence[Sequence[float]]) -> Matrix:
    """Direct and indirect influences (paths of one and two steps, the weaker link counts).

    >>> midi([[0, 3, 1], [1, 0, 2], [0, 1, 0]])
    [[1, 4, 3], [1, 2, 3], [1, 1, 1]]
    """
    n = len(mid)
    result: Matrix = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i == j:
                result[i][i] = sum(min(mid[i][k], mid[k][i]) for k in range(n) if k != i)
            else:
                result[i][j] = mid[i][j] + sum(min(mid[i][k], mid[k][j]) for k in range(n) if k not in (i, j))
    return result


def influence_dependence(matrix: Sequence[Sequence[float]]) -> tuple[list[float], list[float]]:
    """Each actor's influence (its row) and dependence (its column), without the diagonal.

    >>> influence_dependence([[1, 4, 3], [1, 2, 3], [1, 1, 1]])
    ([7, 4, 2], [2, 5, 6])
    """
    n = len(matrix)
    influence = [sum(matrix[i][j] for j in range(n) if j != i) for i in range(n)]
    dependence = [sum(matrix[j][i] for j in range(n) if j != i) for i in range(n)]
    return influence, dependence


def balance_of_power(matrix: Sequence[Sequence[float]]) -> list[float]:
    """The normalised balance-of-power coefficients r*_i (their mean is 1) from the MIDI matrix.

    >>> [round(r, 4) for r in balance_of_power([[1, 4, 3], [1, 2, 3], [1, 1, 1]])]
    [2.0263, 0.7348, 0.2388]
    """
    n = len(matrix)
    if n == 0:
        return []
    made = [sum(row) for row in matrix]
    received = [sum(matrix[j][i] for j in range(n)) for i in range(n)]
    total = sum(made)
    raw = [
        0.0
        if total == 0 or made[i] + received[i] == 0
        else (made[i] - matrix[i][i]) / total * made[i] / (made[i] + received[i])
        for i in range(n)
    ]
    spread = sum(raw)
    return [n * r / spread if spread else 1.0 for r in raw]


def plane(influence: Sequence[float], dependence: Sequence[float]) -> list[str]:
    """Each actor's place on the influence-dependence plane, cut at the means (a value on the
    mean counts as below it).

    >>> plane([7, 4, 2, 6], [2, 5, 6, 7])
    ['dominant', 'autonomous', 'dominated', 'relay']
    >>> plane([1, 3], [1, 3])
    ['autonomous', 'relay']
    """
    if not influence:
        return []
    mean_i = sum(influence) / len(influence)
    mean_d = sum(dependence) / len(dependence)
    found = []
    for value, depends in zip(influence, dependence, strict=True):
        high, dependent = value > mean_i, depends > mean_d
        found.append(("relay" if dependent else "dominant") if high else ("dominated" if dependent else "autonomous"))
    return found


def sign(value: float) -> int:
    return (value > 0) - (value < 0)


def simple_positions(positions: Sequence[Sequence[float]]) -> list[list[int]]:
    """1MAO: for (+1), neutral (0) or against (-1) each objective."""
    return [[sign(v) for v in row] for row in positions]


def weighted_positions(positions: Sequence[Sequence[float]], balance: Sequence[float]) -> Matrix:
    """3MAO: each valued position times the actor's balance of power r*_i."""
    return [[v * r for v in row] for row, r in zip(positions, balance, strict=True)]


def _pairs(positions: Sequence[Sequence[float]], same: bool, counted: bool) -> Matrix:
    n = len(positions)
    result: Matrix = [[0] * n for _ in range(n)]
    for i in range(n):
        for k in range(n):
            if i == k:
                continue
            total = 0
            for a, b in zip(positions[i], positions[k], strict=True):
                product = sign(a) * sign(b)
                if (product > 0 and same) or (product < 0 and not same):
                    total += 1 if counted else (abs(a) + abs(b)) / 2
            result[i][k] = total
    return result


def convergences(positions: Sequence[Sequence[float]], counted: bool = False) -> Matrix:
    """CAA: per pair of actors, the objectives on which they take the same side, counted (1CAA,
    ``counted=True``) or by their mean intensity (2CAA from 2MAO, 3CAA from 3MAO).

    >>> convergences([[3, -2], [1, 2], [-2, 1]])
    [[0, 2.0, 0], [2.0, 0, 1.5], [0, 1.5, 0]]
    """
    return _pairs(positions, same=True, counted=counted)


def divergences(positions: Sequence[Sequence[float]], counted: bool = False) -> Matrix:
    """DAA: the same over the objectives on which two actors take opposite sides.

    >>> divergences([[3, -2], [1, 2], [-2, 1]])
    [[0, 2.0, 4.0], [2.0, 0, 1.5], [4.0, 1.5, 0]]
    """
    return _pairs(positions, same=False, counted=counted)


@dataclass
class Mobilisation:
    objective_id: int
    favour: float = 0.0  # sum of 3MAO of the actors for it
    against: float = 0.0  # sum of |3MAO| of those against it
    supporters: list[int] = field(default_factory=list)  # actor ids, strongest first
    opponents: list[int] = field(default_factory=list)

    @property
    def total(self) -> float:
        return self.favour + self.against

    @property
    def divides(self) -> bool:
        """Both sides weigh: the weaker at least a quarter of the stronger."""
        return bool(self.supporters and self.opponents) and min(self.favour, self.against) * 4 >= max(
            self.favour, self.against
        )

    @property
    def unites(self) -> bool:
        """Two actors or more for it, and what weighs against it is a tenth of what weighs for it at most."""
        return len(self.supporters) >= 2 and self.against * 10 <= self.favour


def mobilisation(
    objective_ids: Sequence[int], actor_ids: Sequence[int], weighted: Sequence[Sequence[float]]
) -> list[Mobilisation]:
    """What each objective mobilises for and against it (from 3MAO).

    >>> m = mobilisation([10, 20], [1, 2], [[2.0, -1.0], [0.5, 3.0]])
    >>> (m[0].favour, m[0].against, m[0].supporters, m[1].opponents, m[1].divides)
    (2.5, 0, [1, 2], [1], True)
    """
    found = []
    for o, objective in enumerate(objective_ids):
        column = [(weighted[a][o], actor) for a, actor in enumerate(actor_ids)]
        favour = sum(v for v, _ in column if v > 0)
        against = sum(-v for v, _ in column if v < 0)
        supporters = [actor for v, actor in sorted((c for c in column if c[0] > 0), key=lambda c: -c[0])]
        opponents = [actor for v, actor in sorted((c for c in column if c[0] < 0), key=lambda c: c[0])]
        found.append(Mobilisation(objective, favour, against, supporters, opponents))
    return found


@dataclass
class MactorResult:
    actor_ids: list[int]
    objective_ids: list[int]
    mid: Matrix
    midi: Matrix
    influence: list[float]
    dependence: list[float]
    balance: list[float]  # r*_i
    quadrants: list[str]
    mao1: list[list[int]]
    mao2: Matrix
    mao3: Matrix
    caa: dict[int, Matrix]  # 1, 2, 3 -> matrix
    daa: dict[int, Matrix]
    mobilised: list[Mobilisation]

    @property
    def empty(self) -> bool:
        return not self.actor_ids


def analyse(
    actor_ids: Sequence[int],
    objective_ids: Sequence[int],
    influences: Mapping[tuple[int, int], int],
    positions: Mapping[tuple[int, int], int],
) -> MactorResult:
    """The whole MACTOR analysis of the actors given (in that order) on the objectives given.

    ``influences`` maps (actor, actor) to 0..4, ``positions`` (actor, objective) to -3..+3; what
    is missing counts 0.

    >>> r = analyse([1, 2, 3], [7, 8], {(1, 2): 3, (1, 3): 1, (2, 1): 1, (2, 3): 2, (3, 2): 1},
    ...             {(1, 7): 3, (1, 8): -2, (2, 7): 1, (2, 8): 2, (3, 7): -2, (3, 8): 1})
    >>> r.quadrants, r.caa[1][0][1], r.daa[1][0][2]
    (['dominant', 'dominated', 'dominated'], 1, 2)
    """
    actors, objectives = list(actor_ids), list(objective_ids)
    mid: Matrix = [[0 if a == b else influences.get((a, b), 0) for b in actors] for a in actors]
    full = midi(mid)
    influence, dependence = influence_dependence(full)
    balance = balance_of_power(full)
    mao2: Matrix = [[positions.get((a, o), 0) for o in objectives] for a in actors]
    mao1 = simple_positions(mao2)
    mao3 = weighted_positions(mao2, balance)
    return MactorResult(
        actor_ids=actors,
        objective_ids=objectives,
        mid=mid,
        midi=full,
        influence=influence,
        dependence=dependence,
        balance=balance,
        quadrants=plane(influence, dependence),
        mao1=mao1,
        mao2=mao2,
        mao3=mao3,
        caa={1: convergences(mao1, counted=True), 2: convergences(mao2), 3: convergences(mao3)},
        daa={1: divergences(mao1, counted=True), 2: divergences(mao2), 3: divergences(mao3)},
        mobilised=mobilisation(objectives, actors, mao3),
    )


def propose_influences(
    actor_ids: Sequence[int], influence_of: Mapping[int, int | None], ties: Sequence[tuple[int, int, int, bool]]
) -> dict[tuple[int, int], int]:
    """A first direct-influence matrix from the map, for the team to correct: along each relation
    (``(source, target, strength 1..3, directed)``, both ways when not directed) an actor
    influences the other by its own influence on the register (1..5) brought to 0..4, at least
    1, and one more for a strong relation, at most 4.

    >>> propose_influences([1, 2, 3], {1: 5, 2: 2, 3: None}, [(1, 2, 3, False), (2, 3, 1, True)])
    {(1, 2): 4, (2, 1): 3, (2, 3): 2}
    """
    known = set(actor_ids)
    proposed: dict[tuple[int, int], int] = {}
    for source, target, strength, directed in ties:
        if source not in known or target not in known or source == target:
            continue
        for a, b in [(source, target)] if directed else [(source, target), (target, source)]:
            level = influence_of.get(a) or 1
            value = max(1, min(MAX_INFLUENCE, round(level * MAX_INFLUENCE / 5) + (1 if strength >= 3 else 0)))
            proposed[(a, b)] = max(proposed.get((a, b), 0), value)
    return proposed


@dataclass
class StrategyNote:
    """A finding in words: a catalog key under strategy.findings and the values that fill it."""

    key: str
    values: dict[str, object] = field(default_factory=dict)
    actor_ids: list[int] = field(default_factory=list)


def _sway(result: MactorResult, opponent: int, supporters: list[int]) -> int | None:
    """Of the supporters, who influences the opponent most (MIDI), if anyone does."""
    row = result.actor_ids.index(opponent)
    best = max(supporters, key=lambda s: result.midi[result.actor_ids.index(s)][row], default=None)
    return best if best is not None and result.midi[result.actor_ids.index(best)][row] > 0 else None


def _objective_notes(result: MactorResult, names: Mapping[int, str], titles: Mapping[int, str]) -> list[StrategyNote]:
    notes = []
    for m in result.mobilised:
        title = titles.get(m.objective_id, "")
        if m.supporters:
            notes.append(
                StrategyNote(
                    "alliance",
                    {
                        "objective": title,
                        "names": [names[a] for a in m.supporters[:4]],
                        "favour": round(m.favour, 1),
                        "against": round(m.against, 1),
                    },
                    m.supporters[:4],
                )
            )
        if m.opponents:
            opponent = m.opponents[0]
            sway = _sway(result, opponent, m.supporters)
            values = {"objective": title, "name": names[opponent]}
            if sway is None:
                notes.append(StrategyNote("opponent_alone", values, [opponent]))
            else:
                notes.append(StrategyNote("opponent", {**values, "sway": names[sway]}, [opponent, sway]))
    return notes


def findings(result: MactorResult, names: Mapping[int, str], titles: Mapping[int, str]) -> list[StrategyNote]:
    """What the exercise says: the strongest actors, who dominates, the alliance that would carry
    each objective, its strongest opponent and who could sway it, the objectives that unite and
    those that divide.

    >>> r = analyse([1, 2, 3], [7, 8], {(1, 2): 3, (1, 3): 1, (2, 1): 1, (2, 3): 2, (3, 2): 1},
    ...             {(1, 7): 3, (1, 8): -2, (2, 7): 1, (2, 8): 2, (3, 7): -2, (3, 8): 1})
    >>> [(n.key, n.values.get("name")) for n in findings(r, {1: "A", 2: "B", 3: "C"}, {7: "O1", 8: "O2"})]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('strongest', 'A'), ('dominant', None), ('alliance', None), ('opponent', 'C'), ('alliance', None),
     ('opponent', 'A'), ('unites', None), ('divides', None)]
    """
    if result.empty:
        return []
    order = sorted(range(len(result.actor_ids)), key=lambda i: -result.balance[i])
    first = result.actor_ids[order[0]]
    notes = [StrategyNote("strongest", {"name": names[first], "balance": round(result.balance[order[0]], 2)}, [first])]
    dominant = [a for a, q in zip(result.actor_ids, result.quadrants, strict=True) if q == "dominant"]
    if dominant:
        notes.append(
            StrategyNote("dominant", {"names": [names[a] for a in dominant], "count": len(dominant)}, dominant)
        )
    if result.objective_ids:
        notes.extend(_objective_notes(result, names, titles))
    for key, chosen in (
        ("unites", [m for m in result.mobilised if m.unites]),
        ("divides", [m for m in result.mobilised if m.divides]),
    ):
        if chosen:
            notes.append(
                StrategyNote(
                    key, {"objectives": [titles.get(m.objective_id, "") for m in chosen], "count": len(chosen)}
                )
            )
    return notes
