"""MACTOR checked by hand on a small exercise (no published table of numbers could be found to
copy, so each step is computed here, on paper, with the method's definitions; see toolkit/mactor.py).

Three actors, A, B and C, and two objectives, O1 and O2.

Step 1, direct influences MDI (0..4), row influences column::

        A  B  C
    A   0  3  1
    B   1  0  2
    C   0  1  0

Step 2, MIDI[i][j] = MDI[i][j] + Σ_k min(MDI[i][k], MDI[k][j]) (k other than i and j)::

    A→B = 3 + min(A→C 1, C→B 1) = 4        A→C = 1 + min(A→B 3, B→C 2) = 3
    B→A = 1 + min(B→C 2, C→A 0) = 1        B→C = 2 + min(B→A 1, A→C 1) = 3
    C→A = 0 + min(C→B 1, B→A 1) = 1        C→B = 1 + min(C→A 0, A→B 3) = 1
    diagonal (retroaction), Σ_k min(MDI[i][k], MDI[k][i]):
    A: min(3,1) + min(1,0) = 1    B: min(1,3) + min(2,1) = 2    C: min(0,1) + min(1,2) = 1

Step 3, influence I (row without diagonal) and dependence D (column without diagonal)::

    I = A 4+3 = 7, B 1+3 = 4, C 1+1 = 2      (mean 13/3)
    D = A 1+1 = 2, B 4+1 = 5, C 3+3 = 6      (mean 13/3)
    plane: A dominant (7 > 4.33, 2 < 4.33); B and C dominated (I below, D above the mean)

Step 4, balance of power, with M (row sum) and N (column sum) diagonal included::

    M = A 8, B 6, C 3 (Σ 17)      N = A 3, B 7, C 7
    r_A = (8-1)/17 × 8/11 = 56/187      r_B = (6-2)/17 × 6/13 = 24/221      r_C = (3-1)/17 × 3/10 = 3/85
    17·r = 56/11, 24/13, 3/5 = 3640/715, 1320/715, 429/715 (Σ 5389/715)
    r* = 3·r/Σr = 10920/5389 ≈ 2.0263, 3960/5389 ≈ 0.7348, 1287/5389 ≈ 0.2388 (mean 1)

Step 5, positions 2MAO (-3..+3) and 1MAO (signs)::

        O1  O2            O1  O2
    A   +3  -2        A   +   -
    B   +1  +2        B   +   +
    C   -2  +1        C   -   +

Step 6, convergences and divergences::

    1CAA: A-B 1 (O1), A-C 0, B-C 1 (O2)      1DAA: A-B 1 (O2), A-C 2, B-C 1 (O1)
    2CAA: A-B (3+1)/2 = 2, B-C (2+1)/2 = 1.5      2DAA: A-B (2+2)/2 = 2, A-C 2.5 + 1.5 = 4, B-C 1.5

Step 7, 3MAO = 2MAO × r*, and the mobilisation of each objective::

    O1: for 3·r*_A + 1·r*_B = 36720/5389 ≈ 6.814; against 2·r*_C = 2574/5389 ≈ 0.478
    O2: for 2·r*_B + 1·r*_C = 9207/5389 ≈ 1.708; against 2·r*_A = 21840/5389 ≈ 4.053
    3CAA A-B = (3·r*_A + 1·r*_B)/2 = 18360/5389 ≈ 3.407
"""

from fractions import Fraction

import pytest

from toolkit.mactor import analyse, findings, plane

MDI = {("A", "B"): 3, ("A", "C"): 1, ("B", "A"): 1, ("B", "C"): 2, ("C", "B"): 1}
POSITIONS = {("A", 1): 3, ("A", 2): -2, ("B", 1): 1, ("B", 2): 2, ("C", 1): -2, ("C", 2): 1}
IDS = {"A": 1, "B": 2, "C": 3}
NAMES = {1: "Alcaldía", 2: "Universidad", 3: "Gremio"}


@pytest.fixture
def result():
    influences = {(IDS[a], IDS[b]): v for (a, b), v in MDI.items()}
    positions = {(IDS[a], 10 + o): v for (a, o), v in POSITIONS.items()}
    return analyse([1, 2, 3], [11, 12], influences, positions)


def close(value, fraction: Fraction) -> bool:
    return value == pytest.approx(float(fraction), abs=1e-9)


def test_direct_and_indirect_influences(result):
    assert result.mid == [[0, 3, 1], [1, 0, 2], [0, 1, 0]]
    assert result.midi == [[1, 4, 3], [1, 2, 3], [1, 1, 1]]


def test_influence_dependence_and_the_plane(result):
    assert result.influence == [7, 4, 2]
    assert result.dependence == [2, 5, 6]
    assert result.quadrants == ["dominant", "dominated", "dominated"]


def test_the_four_places_of_the_plane():
    assert plane([9, 8, 1, 2], [1, 9, 8, 2]) == ["dominant", "relay", "dominated", "autonomous"]


def test_balance_of_power_is_the_normalised_coefficient(result):
    expected = [Fraction(10920, 5389), Fraction(3960, 5389), Fraction(1287, 5389)]
    assert all(close(r, e) for r, e in zip(result.balance, expected, strict=True))
    assert sum(result.balance) == pytest.approx(3)


def test_convergences_and_divergences(result):
    assert result.mao1 == [[1, -1], [1, 1], [-1, 1]]
    assert result.caa[1] == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    assert result.daa[1] == [[0, 1, 2], [1, 0, 1], [2, 1, 0]]
    assert result.caa[2] == [[0, 2.0, 0], [2.0, 0, 1.5], [0, 1.5, 0]]
    assert result.daa[2] == [[0, 2.0, 4.0], [2.0, 0, 1.5], [4.0, 1.5, 0]]
    assert close(result.caa[3][0][1], Fraction(18360, 5389))


def test_mobilisation_of_each_objective(result):
    first, second = result.mobilised
    assert close(first.favour, Fraction(36720, 5389)) and close(first.against, Fraction(2574, 5389))
    assert close(second.favour, Fraction(9207, 5389)) and close(second.against, Fraction(21840, 5389))
    assert first.supporters == [1, 2] and first.opponents == [3]
    assert second.divides and not first.divides


def test_findings_name_the_alliance_and_who_could_sway_the_opponent(result):
    notes = findings(result, NAMES, {11: "Atraer cooperación", 12: "Abrir oficina en Madrid"})
    by_key = [(n.key, n.values) for n in notes]
    assert by_key[0] == ("strongest", {"name": "Alcaldía", "balance": 2.03})
    alliance = next(v for k, v in by_key if k == "alliance" and v["objective"] == "Atraer cooperación")
    assert alliance["names"] == ["Alcaldía", "Universidad"]
    # the strongest opponent of the second objective is the Alcaldía; of its supporters, the
    # Universidad influences it most (MIDI B→A = 1, C→A = 1: the first strongest supporter wins)
    opponent = next(v for k, v in by_key if k == "opponent" and v["objective"] == "Abrir oficina en Madrid")
    assert opponent == {"objective": "Abrir oficina en Madrid", "name": "Alcaldía", "sway": "Universidad"}


def test_an_empty_exercise_says_nothing():
    empty = analyse([], [], {}, {})
    assert empty.empty and findings(empty, {}, {}) == []
