"""Small fixtures of the 9-box: two kelurahan with different placements, and
the traps (a later SKP, a newer potential rating, a missing axis).

Period 2024, by hand (performance from the latest SKP up to 2024, potential
from the latest potential rating up to 2024):

- Sri (Kelurahan Alpha): SKP 2023 Sangat Baik (2025 Sangat Kurang is later:
  ignored); potential 2022 low, 2024 high (the newer wins): box 9 (pool).
- Andi (Alpha): SKP 2024 Baik, potential 2023 medium: box 5.
- Rahmat (Alpha, the Lurah): SKP 2024 Butuh Perbaikan, no potential: unplaced.
- Budi (Kelurahan Beta): SKP 2024 Baik, potential 2024 high: box 8 (pool).
- Citra (Beta): SKP 2024 Sangat Baik, potential only of 2025: unplaced.
- Dewi (Kecamatan): potential 2024 high, no SKP: unplaced.
- Maya (Kecamatan, HR): nothing: unplaced.
"""

from __future__ import annotations

from app.extensions import db
from app.models import (
    Expectation,
    PerformanceRating,
    PotentialRating,
    Predikat,
    TalentLevel,
)
from tests.factories import make_employee

PERIOD = 2024

# (hasil kerja, perilaku) giving each predikat.
AXES = {
    Predikat.SANGAT_BAIK: (Expectation.ABOVE, Expectation.ABOVE),
    Predikat.BAIK: (Expectation.AS_EXPECTED, Expectation.AS_EXPECTED),
    Predikat.BUTUH_PERBAIKAN: (Expectation.BELOW, Expectation.AS_EXPECTED),
    Predikat.SANGAT_KURANG: (Expectation.BELOW, Expectation.BELOW),
}


def skp(employee, year: int, predikat: Predikat) -> None:
    hasil, perilaku = AXES[predikat]
    db.session.add(
        PerformanceRating(
            employee=employee,
            year=year,
            hasil_kerja=hasil,
            perilaku=perilaku,
            predikat=predikat,
        )
    )


def potential(employee, year: int, level: TalentLevel) -> None:
    db.session.add(
        PotentialRating(employee=employee, year=year, level=level, basis="Asesmen uji")
    )


def talent_world(world):
    """The placements above; returns Citra (the one extra person)."""
    citra = make_employee(
        "Citra Ginting", world.kel_b, position=world.staff_position, gender=2
    )
    skp(world.employee, 2023, Predikat.SANGAT_BAIK)
    skp(world.employee, 2025, Predikat.SANGAT_KURANG)
    potential(world.employee, 2022, TalentLevel.LOW)
    potential(world.employee, 2024, TalentLevel.HIGH)
    skp(world.colleague, 2024, Predikat.BAIK)
    potential(world.colleague, 2023, TalentLevel.MEDIUM)
    skp(world.supervisor, 2024, Predikat.BUTUH_PERBAIKAN)
    skp(world.outsider, 2024, Predikat.BAIK)
    potential(world.outsider, 2024, TalentLevel.HIGH)
    skp(citra, 2024, Predikat.SANGAT_BAIK)
    potential(citra, 2025, TalentLevel.HIGH)
    potential(world.mentor, 2024, TalentLevel.HIGH)
    db.session.commit()
    return citra
