"""Demo career plans: every review state, last year's history, Indonesian content.

``insert_plans`` gives about three in five new employees a plan for the current
period (a mix of draft, submitted, approved and returned) and some of them last
year's approved plan with most activities done. Goals raise the competencies the
target position requires and the employee lacks; activities are trainings,
mentoring, assignments, coaching and e-learning with their JP, due dates inside
the period and a status that fits the plan's state. The history of every plan
(created, submitted, returned, approved, changes after approval) is ordered in
time, in office hours (WIB), and stored in UTC.

Everything is drawn from a random generator seeded per person, and only new
people get plans, so a re-run adds nothing and a larger ``--employees`` adds the
plans of the added people only.

The demo personas make the workflow visible: Nadia (employee) has a draft for
this year, aimed at the readiest next step in her kelurahan, whose last goal
still lacks an activity, and last year's approved plan; her supervisor Fauzi
(Lurah Labuhan Deli) finds two of his section heads' plans submitted for review,
one returned with a comment and one approved.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select

from app.demo import catalogue
from app.demo.people import Batch, PersonPlan
from app.extensions import db
from app.i18n import WIB
from app.models import (
    ActivityKind,
    ActivityStatus,
    CareerPlan,
    Competency,
    DevelopmentActivity,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
)
from app.plans.readiness import post_of
from app.rules import Move, classify, ladder_key

T = ActivityKind.TRAINING
M = ActivityKind.MENTORING
A = ActivityKind.ASSIGNMENT
C = ActivityKind.COACHING
S = ActivityKind.SELF_STUDY

# Shares of the new employees.
CURRENT_SHARE = 0.6  # with a plan for the current period
STATUS_WEIGHTS = {
    PlanStatus.DRAFT: 26,
    PlanStatus.SUBMITTED: 24,
    PlanStatus.APPROVED: 38,
    PlanStatus.RETURNED: 12,
}
HISTORY_SHARE = {True: 0.45, False: 0.15}  # by whether they plan this year too
NEXT_STEP_SHARE = 0.2  # aim at the next step of their ladder, not their own post
RETURNED_BEFORE_SHARE = 0.25  # submitted and approved plans returned once before
CHANGED_AFTER_APPROVAL_SHARE = 0.2
GOAL_COUNTS = (2, 3, 3, 4)
ACTIVITY_COUNTS = (1, 2, 2, 3)
JP_RANGE = {T: (8, 24), M: (4, 8), A: (4, 16), C: (2, 6), S: (2, 10)}
KIND_WEIGHTS = {T: 4.0, S: 3.0, A: 3.0, M: 1.5, C: 1.5}
PLAN_JP = (20, 40)  # what a plan's activities add up to: a PNS's yearly JP, or more
MIN_JP, MAX_JP = 2, 40
_CHUNK = 2000  # people per round of inserts

# Trainings, assignments and e-learning per competency code of the dictionary.
# Mentoring and coaching are with the employee's direct supervisor.
TITLES: dict[str, dict[ActivityKind, tuple[str, ...]]] = {
    "M.01": {
        T: (
            "Pelatihan Integritas dan Antikorupsi bagi ASN (BPSDM Provsu)",
            "Sosialisasi Pengendalian Gratifikasi (Inspektorat Kota Medan)",
        ),
        A: (
            "Penugasan sebagai agen perubahan Zona Integritas unit kerja",
            "Penugasan menyusun peta risiko gratifikasi pada layanan",
        ),
        S: (
            "E-learning ACLC KPK: Integritas untuk ASN",
            "E-learning ASN Unggul: Kode Etik dan Kode Perilaku ASN",
        ),
    },
    "M.02": {
        T: ("Pelatihan Membangun Tim Kerja Efektif (BPSDM Provsu)",),
        A: (
            "Penugasan sebagai anggota tim lintas seksi penanganan pengaduan",
            "Penugasan sebagai panitia pelaksana Musrenbang kecamatan",
        ),
        S: ("E-learning ASN Unggul: Kolaborasi dalam Organisasi",),
    },
    "M.03": {
        T: (
            "Pelatihan Komunikasi Publik dan Public Speaking (BPSDM Provsu)",
            "Pelatihan Penulisan Naskah Dinas (BPSDM Provsu)",
        ),
        A: (
            "Penugasan menjadi narasumber sosialisasi di rapat warga",
            "Penugasan mengelola akun media sosial resmi unit kerja",
        ),
        S: ("E-learning ASN Unggul: Komunikasi Efektif di Tempat Kerja",),
    },
    "M.04": {
        T: ("Pelatihan Penyusunan SKP dan Indikator Kinerja (BKPSDM Kota Medan)",),
        A: ("Penugasan menyusun laporan capaian kinerja triwulanan",),
        S: ("E-learning ASN Unggul: Manajemen Kinerja ASN",),
    },
    "M.05": {
        T: (
            "Pelatihan Pelayanan Publik Prima (BPSDM Provsu)",
            "Bimtek Standar Pelayanan dan Maklumat Pelayanan (Setda Kota Medan)",
        ),
        A: (
            "Penugasan menyusun standar pelayanan surat keterangan",
            "Penugasan mengelola Survei Kepuasan Masyarakat (SKM) triwulan",
        ),
        S: ("E-learning ASN Unggul: Pelayanan Publik Berorientasi Pengguna",),
    },
    "M.06": {
        T: ("Pelatihan Coaching dan Mentoring bagi Atasan (BPSDM Provsu)",),
        A: ("Penugasan membimbing CPNS selama masa orientasi",),
        S: ("E-learning ASN Unggul: Coaching untuk Pengembangan Pegawai",),
    },
    "M.07": {
        T: ("Pelatihan Manajemen Perubahan dan Inovasi Pelayanan (BPSDM Provsu)",),
        A: ("Penugasan memimpin proyek inovasi layanan digital",),
        S: ("E-learning LAN: Inovasi Administrasi Negara",),
    },
    "M.08": {
        T: ("Pelatihan Analisis Masalah dan Pengambilan Keputusan (BPSDM Provsu)",),
        A: ("Penugasan menyusun telaahan staf untuk pimpinan",),
        S: ("E-learning ASN Unggul: Berpikir Analitis dan Pemecahan Masalah",),
    },
    "SK.01": {
        T: ("Pelatihan Wawasan Kebangsaan (Kesbangpol Kota Medan)",),
        A: ("Penugasan memfasilitasi forum kerukunan warga tingkat kelurahan",),
        S: ("E-learning ASN Unggul: Wawasan Kebangsaan dan Nilai Bela Negara",),
    },
    "T.01": {
        T: ("Bimtek Pelayanan Administrasi Kependudukan (Disdukcapil Kota Medan)",),
        A: ("Penugasan verifikasi data kependudukan pada aplikasi SIAK",),
        S: ("E-learning: Pendaftaran Penduduk dan Pencatatan Sipil",),
    },
    "T.02": {
        T: (
            "Bimtek Penatausahaan Keuangan Daerah melalui SIPD (BPKAD Kota Medan)",
            "Pelatihan Bendahara Pengeluaran (BPKAD Kota Medan)",
        ),
        A: ("Penugasan menyusun laporan realisasi anggaran semester",),
        S: ("E-learning BPKP: Akuntansi Pemerintahan Berbasis Akrual",),
    },
    "T.03": {
        T: ("Pelatihan Perencanaan dan Penganggaran Daerah (Bappeda Kota Medan)",),
        A: ("Penugasan memfasilitasi Musrenbang kelurahan",),
        S: ("E-learning: Penyusunan Renja Perangkat Daerah",),
    },
    "T.04": {
        T: (
            "Pelatihan Pelayanan Kesehatan Dasar (Dinas Kesehatan Kota Medan)",
            "Pelatihan Basic Life Support (RSUD dr. Pirngadi)",
        ),
        A: ("Penugasan sebagai penanggung jawab posyandu binaan",),
        S: ("E-learning Plataran Sehat: Pencegahan dan Pengendalian Infeksi",),
    },
    "T.05": {
        T: ("Diklat Teknis Pengelolaan Arsip Dinamis (Dinas Perpustakaan dan Arsip)",),
        A: (
            "Penugasan menyusun SOP arsip kelurahan",
            "Penugasan menata arsip inaktif dan menyusun daftar arsip",
        ),
        S: (
            "E-learning ASN Unggul: Manajemen Arsip",
            "Belajar mandiri aplikasi SRIKANDI",
        ),
    },
    "T.06": {
        T: ("Pelatihan Analisis Data, Digital Talent Scholarship (Komdigi)",),
        A: ("Penugasan mengelola dasbor data layanan kecamatan",),
        S: (
            "E-learning ASN Unggul: Literasi Digital untuk ASN",
            "Kursus daring Microsoft Excel tingkat lanjut",
        ),
    },
    "T.07": {
        T: (
            "Pelatihan Dasar Polisi Pamong Praja (Satpol PP Kota Medan)",
            "Bimtek Penegakan Peraturan Daerah (Satpol PP Kota Medan)",
        ),
        A: ("Penugasan mengoordinasikan patroli ketertiban lingkungan",),
        S: ("E-learning: Penanganan Konflik Sosial",),
    },
    "T.08": {
        T: ("Bimtek Pemutakhiran DTSEN (Dinas Sosial Kota Medan)",),
        A: ("Penugasan verifikasi calon penerima bantuan sosial",),
        S: ("E-learning Kemensos: Dasar Pendampingan Sosial",),
    },
    "T.09": {
        T: ("Bimtek Manajemen ASN dan SIASN (BKPSDM Kota Medan)",),
        A: ("Penugasan memutakhirkan data pegawai di SIASN",),
        S: ("E-learning BKN: Sistem Merit dalam Manajemen ASN",),
    },
    "T.10": {
        T: ("Pelatihan Implementasi Kurikulum Merdeka (Dinas Pendidikan Kota Medan)",),
        A: ("Penugasan menyusun modul ajar berdiferensiasi",),
        S: ("Pelatihan mandiri Platform Merdeka Mengajar: Asesmen Pembelajaran",),
    },
    "T.11": {
        T: (
            "Bimtek Penyelenggaraan Pemerintahan Kelurahan (Setda Kota Medan)",
            "Pelatihan Pemberdayaan Masyarakat Berbasis Potensi Lokal",
        ),
        A: ("Penugasan menyusun profil kelurahan",),
        S: ("E-learning: Tata Kelola Pemerintahan Kecamatan",),
    },
}

# Goals without a competency, each with the activities that serve it.
FREE_GOALS: tuple[tuple[str, tuple[tuple[ActivityKind, str], ...]], ...] = (
    (
        "Menyusun SOP layanan di unit kerja",
        (
            (A, "Penugasan menyusun SOP layanan surat keterangan domisili"),
            (T, "Bimtek Penyusunan SOP Administrasi Pemerintahan (Setda Kota Medan)"),
            (C, "Coaching penyusunan SOP bersama {mentor}"),
        ),
    ),
    (
        "Memenuhi hak pengembangan kompetensi minimal 20 JP",
        (
            (S, "E-learning ASN Unggul: Nilai Dasar BerAKHLAK"),
            (T, "Pelatihan Penguatan Budaya Kerja BerAKHLAK (BPSDM Provsu)"),
        ),
    ),
    (
        "Menguasai aplikasi SRIKANDI untuk tata naskah dinas",
        (
            (S, "Belajar mandiri aplikasi SRIKANDI"),
            (T, "Bimtek Aplikasi SRIKANDI (Dinas Perpustakaan dan Arsip)"),
            (A, "Penugasan mengelola surat masuk dan keluar melalui SRIKANDI"),
        ),
    ),
    (
        "Mempersiapkan uji kompetensi kenaikan jenjang jabatan",
        (
            (S, "Belajar mandiri kisi-kisi uji kompetensi jabatan"),
            (M, "Mentoring persiapan uji kompetensi dengan {mentor}"),
            (T, "Pelatihan persiapan uji kompetensi (BKPSDM Kota Medan)"),
        ),
    ),
    (
        "Meningkatkan kualitas laporan kinerja (SKP)",
        (
            (T, "Pelatihan Penyusunan SKP dan Indikator Kinerja (BKPSDM Kota Medan)"),
            (C, "Coaching rencana hasil kerja bersama {mentor}"),
        ),
    ),
)

GOAL_NOTES = (
    "Hasil diskusi kinerja dengan atasan langsung.",
    "Mendukung target kinerja unit kerja tahun {period}.",
    "Prioritas menurut hasil penilaian kompetensi oleh atasan langsung.",
    "Perlu untuk syarat jabatan yang dituju.",
)
RETURN_COMMENTS = (
    "Mohon prioritaskan {competency} yang kesenjangannya paling besar.",
    "JP yang direncanakan belum mencapai 20 JP setahun; tambahkan satu pelatihan.",
    "Tambahkan penugasan agar hasilnya terlihat di unit kerja, jangan hanya "
    "e-learning.",
    "Tenggat pelatihan bertabrakan dengan jadwal Musrenbang; mohon geser ke "
    "semester II.",
    "Judul kegiatan terlalu umum; sebutkan nama pelatihan dan penyelenggaranya.",
)
APPROVAL_COMMENTS = (
    "",
    "",
    "Disetujui. Laporkan progresnya setiap akhir triwulan.",
    "Rencana sudah baik; segera daftar pelatihannya di BPSDM.",
    "Disetujui. Jadwal mentoring kita atur bersama.",
)
NO_MENTOR = "pejabat senior BKPSDM Kota Medan"


@dataclass(frozen=True)
class Target:
    """A position a plan aims at, with its competency standard."""

    id: int
    requirements: tuple[tuple[int, int], ...]  # (competency id, required level)


@dataclass
class Subject:
    """A new employee to plan for, with what the plan's content depends on."""

    nip: str
    employee_id: int
    user_id: int | None
    supervisor_user_id: int | None
    has_supervisor: bool
    mentor: str  # who mentors and coaches: the supervisor's position
    position: Target
    next_steps: Sequence[Target]
    levels: dict[int, int]  # competency id -> the level gaps are computed from


@dataclass(frozen=True)
class Script:
    """A fixed outcome for a persona instead of the random draw."""

    current: PlanStatus | None
    history: bool
    next_step: bool = False
    goals: int | None = None  # how many gap goals, no free ones
    last_goal_empty: bool = False  # leave an activity for the demo to add
    fresh: bool = False  # started within the last fortnight


@dataclass
class ActivitySpec:
    kind: ActivityKind
    title: str
    planned_jp: int = 0
    due_date: date | None = None
    status: ActivityStatus = ActivityStatus.PLANNED
    evidence: str = ""


@dataclass
class GoalSpec:
    title: str
    competency_id: int | None = None
    target_level: int | None = None
    note: str = ""
    activities: list[ActivitySpec] = field(default_factory=list)


@dataclass
class EventSpec:
    kind: PlanEventKind
    at: datetime
    actor_id: int | None
    comment: str = ""
    subject: str = ""


@dataclass
class PlanSpec:
    employee_id: int
    period: int
    target_position_id: int
    status: PlanStatus
    goals: list[GoalSpec]
    events: list[EventSpec]
    updated_at: datetime


@dataclass
class PlanCounts:
    """New plans per status value, and how many are last year's."""

    by_status: dict[str, int]
    history: int


class Planner:
    """Draws the plans of one employee; pure, the same for the same inputs."""

    def __init__(
        self, competencies: dict[int, tuple[str, str]], seed: int, now: datetime
    ) -> None:
        self.competencies = competencies  # id -> (code, name)
        self.seed = seed
        self.today = now.astimezone(WIB).date()
        self.period = self.today.year
        self._option_cache: dict[tuple, tuple[tuple[ActivityKind, str], ...]] = {}

    def plans_for(self, subject: Subject, script: Script | None) -> list[PlanSpec]:
        """Last year's plan (if any) first, then this year's."""
        rng = random.Random(f"{self.seed}:plans:{subject.nip}")
        if script is None:
            current = None
            if rng.random() < CURRENT_SHARE:
                current = PlanStatus.DRAFT
                if subject.has_supervisor:
                    states, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
                    current = rng.choices(states, weights)[0]
            history = subject.has_supervisor and (
                rng.random() < HISTORY_SHARE[current is not None]
            )
            script = Script(current, history, rng.random() < NEXT_STEP_SHARE)
        plans = []
        if script.history:
            plans.append(self._history(rng, subject))
        if script.current is not None:
            plans.append(self._current(rng, subject, script))
        return plans

    # The two kinds of plan --------------------------------------------------

    def _current(self, rng: random.Random, subject: Subject, script: Script):
        status = script.current
        target = subject.position
        if script.next_step and subject.next_steps:
            target = min(
                subject.next_steps,
                key=lambda t: (*self._gap_size(t, subject.levels), t.id),
            )
        count = script.goals or rng.choice(GOAL_COUNTS)
        goals = self._goals(rng, target, subject, count, free=script.goals is None)
        events = self._review(rng, subject, status, fresh=script.fresh)
        created = events[0].at.astimezone(WIB).date()
        first_due = max(created + timedelta(days=14), date(self.period, 1, 1))
        planned = goals[:-1] if script.last_goal_empty and len(goals) > 1 else goals
        used: set[str] = set()
        for goal in planned:
            goal.activities = self._activities(rng, goal, subject, used)
        self._plan_jp(rng, goals)
        for goal in goals:
            self._schedule(rng, goal, first_due, date(self.period, 12, 31))
            for activity in goal.activities:
                self._progress(rng, activity, status, history=False)
        if (
            status is PlanStatus.APPROVED
            and rng.random() < CHANGED_AFTER_APPROVAL_SHARE
        ):
            self._change_after_approval(rng, subject, goals, events)
        return self._plan(rng, subject, self.period, target, status, goals, events)

    def _history(self, rng: random.Random, subject: Subject) -> PlanSpec:
        """Last year's approved plan for the own position, mostly carried out."""
        period = self.period - 1
        target = subject.position
        # Raising a competency to level 1 is no aim; take the higher ones.
        required = [r for r in target.requirements if r[1] > 1] or list(
            target.requirements
        )
        chosen = rng.sample(required, min(len(required), rng.choice((2, 2, 3))))
        goals = [
            self._competency_goal(rng, cid, level, period) for cid, level in chosen
        ]
        used: set[str] = set()
        for goal in goals:
            goal.activities = self._activities(rng, goal, subject, used)
        self._plan_jp(rng, goals)
        events = self._review(
            rng,
            subject,
            PlanStatus.APPROVED,
            window=(date(period - 1, 12, 1), date(period, 3, 31)),
        )
        approved = events[-1].at.astimezone(WIB).date()
        for goal in goals:
            self._schedule(
                rng, goal, approved + timedelta(days=14), date(period, 12, 31)
            )
            for activity in goal.activities:
                self._progress(rng, activity, PlanStatus.APPROVED, history=True)
        return self._plan(
            rng, subject, period, target, PlanStatus.APPROVED, goals, events
        )

    def _plan(self, rng, subject, period, target, status, goals, events) -> PlanSpec:
        updated = events[-1].at
        progressed = any(
            a.status is not ActivityStatus.PLANNED for g in goals for a in g.activities
        )
        if progressed:  # progress is recorded after the last review step
            last_day = min(self.today - timedelta(days=1), date(period, 12, 31))
            day = updated.astimezone(WIB).date()
            if day < last_day:
                updated = self._at(rng, _day_between(rng, day + timedelta(1), last_day))
        for goal in goals:
            goal.activities.sort(key=lambda a: (a.due_date, a.title))
        return PlanSpec(
            employee_id=subject.employee_id,
            period=period,
            target_position_id=target.id,
            status=status,
            goals=goals,
            events=events,
            updated_at=updated,
        )

    # Goals and activities ---------------------------------------------------

    def _gap_size(self, target: Target, levels: dict[int, int]) -> tuple[int, int]:
        gaps = [
            max(level - levels.get(cid, 0), 0) for cid, level in target.requirements
        ]
        return sum(1 for g in gaps if g), sum(gaps)

    def _goals(self, rng, target: Target, subject: Subject, count: int, free: bool):
        """Goals for the largest gaps of ``target``; free aims fill up the rest."""
        gaps = [
            (cid, level, level - subject.levels.get(cid, 0))
            for cid, level in target.requirements
            if level > subject.levels.get(cid, 0)
        ]
        gaps.sort(
            key=lambda g: (
                -g[2],
                not self.competencies[g[0]][0].startswith("T."),
                rng.random() if free else self.competencies[g[0]][0],
            )
        )
        chosen = gaps[:count]
        if free and len(chosen) >= 3 and rng.random() < 0.15:
            chosen.pop()  # a free aim instead of the smallest gap now and then
        goals = [
            self._competency_goal(rng, cid, level, self.period)
            for cid, level, _ in chosen
        ]
        if free:
            aims = rng.sample(FREE_GOALS, len(FREE_GOALS))
            while len(goals) < max(count, 2) and aims:
                goals.append(GoalSpec(title=aims.pop()[0]))
        return goals

    def _competency_goal(self, rng, competency_id: int, level: int, period: int):
        name = self.competencies[competency_id][1]
        note = ""
        if rng.random() < 0.3:
            note = rng.choice(GOAL_NOTES).format(period=period)
        return GoalSpec(
            title=f"Meningkatkan {name} ke level {level}",
            competency_id=competency_id,
            target_level=level,
            note=note,
        )

    def _activities(
        self, rng, goal: GoalSpec, subject: Subject, used: set[str]
    ) -> list[ActivitySpec]:
        """One to three activities that serve the goal; ``used`` titles of the
        plan are avoided while there are others."""
        everything = self._options(goal.competency_id or goal.title, subject.mentor)
        options = [o for o in everything if o[1] not in used] or list(everything)
        chosen = []
        for _ in range(min(rng.choice(ACTIVITY_COUNTS), len(options))):
            kind, title = options.pop(_weighted(rng, options))
            chosen.append(ActivitySpec(kind, title))
            used.add(title)
        return chosen

    def _options(
        self, aim: int | str, mentor: str
    ) -> tuple[tuple[ActivityKind, str], ...]:
        """Activities for a competency id or a free goal's title, with a mentor."""
        key = (aim, mentor)
        if key not in self._option_cache:
            if isinstance(aim, str):
                found = [
                    (kind, title.format(mentor=mentor))
                    for goal_title, kinds in FREE_GOALS
                    if goal_title == aim
                    for kind, title in kinds
                ]
            else:
                code, name = self.competencies[aim]
                found = [
                    (kind, title)
                    for kind, titles in TITLES[code].items()
                    for title in titles
                ]
                found += [
                    (M, f"Mentoring {name} dengan {mentor}"),
                    (M, f"Mentoring dengan {mentor}"),
                    (C, f"Coaching {name} bersama {mentor}"),
                ]
            self._option_cache[key] = tuple((k, t[:200]) for k, t in found)
        return self._option_cache[key]

    def _plan_jp(self, rng, goals: Sequence[GoalSpec]) -> None:
        """JP per kind of activity, scaled so that the plan sums to 20-40 JP."""
        activities = [a for goal in goals for a in goal.activities]
        if not activities:
            return
        base = [rng.randint(*JP_RANGE[a.kind]) for a in activities]
        factor = rng.randint(*PLAN_JP) / sum(base)
        for activity, jp in zip(activities, base, strict=True):
            activity.planned_jp = max(MIN_JP, min(MAX_JP, round(jp * factor)))

    def _schedule(self, rng, goal: GoalSpec, first: date, last: date) -> None:
        """Due dates from ``first`` to the end of the period."""
        first = min(first, last - timedelta(days=14))
        for activity in goal.activities:
            activity.due_date = _day_between(rng, first, last)

    def _progress(self, rng, activity: ActivitySpec, status: PlanStatus, history: bool):
        """A status that fits the plan's state, the due date and today."""
        past = activity.due_date < self.today
        if history:
            odds = {"done": 0.85, "dropped": 0.06, "in_progress": 0.09}
        elif status is PlanStatus.APPROVED:
            odds = (
                {"done": 0.7, "in_progress": 0.15, "dropped": 0.05}
                if past
                else {"done": 0.05, "in_progress": 0.35}
            )
        else:
            odds = (
                {"in_progress": 0.12, "done": 0.03} if past else {"in_progress": 0.06}
            )
        draw, state = rng.random(), "planned"
        for name, share in odds.items():
            if draw < share:
                state = name
                break
            draw -= share
        activity.status = ActivityStatus(state)
        activity.evidence = self._evidence(rng, activity)

    def _evidence(self, rng, activity: ActivitySpec) -> str:
        year = activity.due_date.year
        kind = activity.kind
        if activity.status is ActivityStatus.DONE:
            number = rng.randint(100, 9999)
            if kind is T:
                return f"Sertifikat No. 893.3/{number:04d}/BPSDM/{year}"
            if kind is S:
                return f"Sertifikat e-learning No. ASNU-{year}-{number:06d}"
            if kind is A:
                return f"Laporan penugasan, Nota Dinas No. 800/{number}/{year}"
            sessions = rng.randint(3, 6)
            return f"Catatan {sessions} sesi {_kind_word(kind)} diparaf pembimbing"
        if activity.status is ActivityStatus.IN_PROGRESS and rng.random() < 0.4:
            if kind in (M, C):
                return f"Sesi 1 dari {rng.randint(3, 4)} selesai"
            if kind is S:
                return f"Modul {rng.randint(1, 3)} dari 4 selesai"
        return ""

    # The review workflow ----------------------------------------------------

    def _review(
        self,
        rng: random.Random,
        subject: Subject,
        status: PlanStatus,
        window: tuple[date, date] | None = None,
        fresh: bool = False,
    ) -> list[EventSpec]:
        """The review steps that lead to ``status``, in order, before today."""
        kinds = [PlanEventKind.CREATED]
        gaps: list[int] = []  # days between one step and the next
        if status is not PlanStatus.DRAFT:
            kinds.append(PlanEventKind.SUBMITTED)
            gaps.append(rng.randint(2, 30))
            if (
                status is not PlanStatus.RETURNED
                and rng.random() < RETURNED_BEFORE_SHARE
            ):
                kinds += [PlanEventKind.RETURNED, PlanEventKind.SUBMITTED]
                gaps += [rng.randint(1, 10), rng.randint(1, 14)]
            if status in (PlanStatus.APPROVED, PlanStatus.RETURNED):
                kinds.append(PlanEventKind(status.value))
                gaps.append(rng.randint(1, 14))
        first, last = window or (
            date(self.period - 1, 12, 1),  # plans for a year open in December
            self.today - timedelta(days=1),
        )
        if fresh:
            anchor = "fresh"
        elif status in (PlanStatus.SUBMITTED, PlanStatus.RETURNED):
            anchor = "late"  # the queue and the returns are recent
        else:
            anchor = "early"
        share = 2 / 3 if status is PlanStatus.DRAFT else 1 / 3
        days = _days(rng, first, last, gaps, anchor, share)
        events = []
        for kind, day in zip(kinds, days, strict=True):
            reviewer = kind in (PlanEventKind.APPROVED, PlanEventKind.RETURNED)
            events.append(
                EventSpec(
                    kind,
                    self._at(rng, day),
                    subject.supervisor_user_id if reviewer else subject.user_id,
                    comment=self._comment(rng, kind, subject) if reviewer else "",
                )
            )
        return events

    def _comment(self, rng, kind: PlanEventKind, subject: Subject) -> str:
        if kind is PlanEventKind.APPROVED:
            return rng.choice(APPROVAL_COMMENTS)
        comment = rng.choice(RETURN_COMMENTS)
        if "{competency}" in comment:
            levels = subject.levels
            widest, _ = max(
                subject.position.requirements,
                key=lambda r: (r[1] - levels.get(r[0], 0), -r[0]),
            )
            comment = comment.format(competency=self.competencies[widest][1])
        return comment

    def _change_after_approval(self, rng, subject, goals, events) -> None:
        """An activity added after approval, for the supervisor to notice."""
        with_activities = [g for g in goals if g.activities]
        last = self.today - timedelta(days=1)
        approved = events[-1].at.astimezone(WIB).date()
        if not with_activities or approved >= last:
            return
        activity = rng.choice(with_activities).activities[-1]
        day = _day_between(rng, approved + timedelta(days=1), last)
        events.append(
            EventSpec(
                PlanEventKind.ACTIVITY_ADDED,
                self._at(rng, day),
                subject.user_id,
                subject=activity.title,
            )
        )

    def _at(self, rng: random.Random, day: date) -> datetime:
        """A moment in office hours (08:00-16:00 WIB) of ``day``, in UTC."""
        moment = time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59))
        return datetime.combine(day, moment, tzinfo=WIB).astimezone(UTC)


def _kind_word(kind: ActivityKind) -> str:
    return "mentoring" if kind is M else "coaching"


def _weighted(rng: random.Random, options: Sequence[tuple[ActivityKind, str]]) -> int:
    """The index of an option drawn by the weight of its kind."""
    left = rng.random() * sum(KIND_WEIGHTS[kind] for kind, _ in options)
    for index, (kind, _) in enumerate(options):
        left -= KIND_WEIGHTS[kind]
        if left < 0:
            return index
    return len(options) - 1


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _days(
    rng: random.Random,
    first: date,
    last: date,
    gaps: list[int],
    anchor: str,
    share: float = 1 / 3,
) -> list[date]:
    """Increasing days from ``first`` to ``last``, ``gaps`` apart (one more day
    than gaps). The gaps shrink when the window is short.

    ``anchor`` "early": the first day within the first ``share`` of the window;
    "late": the first day early, the last within a month before ``last`` (the
    first gap stretches); "fresh": all within the last fortnight.
    """
    span = (last - first).days
    while sum(gaps) > span // 2:
        gaps = [max(1, gap // 2) for gap in gaps]
    total = sum(gaps)
    if anchor == "early":
        days = [rng.randint(0, int((span - total) * share))]
    else:
        end = span - rng.randint(0, min(14 if anchor == "fresh" else 30, span - total))
        start = end - total
        if anchor == "late":
            start = rng.randint(0, min(start, span // 3))
        days = [start]
        gaps = [end - total + gaps[0] - start, *gaps[1:]] if gaps else []
    for gap in gaps:
        days.append(days[-1] + gap)
    return [first + timedelta(days=d) for d in days]


# Seeding ---------------------------------------------------------------------


def insert_plans(batch: Batch) -> PlanCounts:
    """Insert the plans of the new people in bulk; count them per status."""
    new, ids, logins, positions = batch.new, batch.ids, batch.logins, batch.positions
    competencies = {
        c.id: (c.code, c.name) for c in db.session.scalars(select(Competency))
    }
    planner = Planner(competencies, batch.seed, batch.now)
    targets = {
        code: Target(
            position.id,
            tuple(
                sorted(
                    (r.competency_id, r.required_level) for r in position.requirements
                )
            ),
        )
        for code, position in positions.items()
    }
    position_of = {person.nip: person.position for person in batch.people}
    steps = _NextSteps(list(positions.values()), targets)
    scripts = persona_scripts(new)
    counts: Counter[str] = Counter()
    history = 0
    for start in range(0, len(new), _CHUNK):
        chunk = new[start : start + _CHUNK]
        plans = []
        for person in chunk:
            boss = person.supervisor_nip
            boss_id = ids.get(boss) if boss else None
            position = positions[person.position]
            subject = Subject(
                nip=person.nip,
                employee_id=ids[person.nip],
                user_id=logins.get(ids[person.nip]),
                supervisor_user_id=logins.get(boss_id) if boss_id else None,
                has_supervisor=boss_id is not None,
                mentor=(
                    positions[position_of[boss]].name
                    if boss in position_of
                    else NO_MENTOR
                ),
                position=targets[person.position],
                next_steps=steps.of(position, person.unit),
                levels=batch.levels.get(person.nip, {}),
            )
            plans += planner.plans_for(subject, scripts.get(person.nip))
        _insert(plans)
        for plan in plans:
            counts[plan.status.value] += 1
            history += plan.period < planner.period
        batch.say(f"  plans for {start + len(chunk)}/{len(new)} employees")
    return PlanCounts({s.value: counts[s.value] for s in PlanStatus}, history)


def persona_scripts(new: Iterable[PersonPlan]) -> dict[str, Script]:
    """Fixed plans for the demo: Nadia's draft and history, Fauzi's review queue.

    Fauzi's direct reports besides Nadia (the Sekretaris Lurah and the three
    Kasi of Labuhan Deli, in every demo size) get, by position code: two
    submitted plans, one returned and one approved.
    """
    nadia = catalogue.persona_nip("employee")
    fauzi = catalogue.persona_nip("supervisor")
    new = list(new)
    scripts: dict[str, Script] = {}
    if any(p.nip == nadia for p in new):
        scripts[nadia] = Script(
            PlanStatus.DRAFT,
            history=True,
            next_step=True,
            goals=4,
            last_goal_empty=True,
            fresh=True,
        )
    team = sorted(
        (p for p in new if p.supervisor_nip == fauzi and p.role is None),
        key=lambda p: (p.position, p.nip),
    )
    queue = (
        PlanStatus.SUBMITTED,
        PlanStatus.SUBMITTED,
        PlanStatus.RETURNED,
        PlanStatus.APPROVED,
    )
    for person, status in zip(team, queue, strict=False):
        scripts[person.nip] = Script(status, history=status is PlanStatus.APPROVED)
    return scripts


class _NextSteps:
    """The nearest higher positions of each ladder, cached per position and unit.

    The next level of the same functional family if there is one, else the
    nearest structural level within the employee's own unit.
    """

    def __init__(self, positions: list[Position], targets: dict[str, Target]) -> None:
        self.positions = positions
        self.targets = targets
        self.cache: dict[tuple[str, str], tuple[Target, ...]] = {}

    def of(self, current: Position, unit: str) -> tuple[Target, ...]:
        key = (current.code, unit)
        if key not in self.cache:
            self.cache[key] = self._find(current, unit)
        return self.cache[key]

    def _find(self, current: Position, unit: str) -> tuple[Target, ...]:
        found: dict[Move, list[Position]] = {Move.NEXT_JENJANG: [], Move.PROMOTION: []}
        for position in self.positions:
            kind = classify(post_of(current), post_of(position))
            if kind is Move.NEXT_JENJANG or (
                kind is Move.PROMOTION
                and position.unit is not None
                and position.unit.code == unit
            ):
                found[kind].append(position)
        for kind in (Move.NEXT_JENJANG, Move.PROMOTION):
            if found[kind]:
                nearest = min(ladder_key(post_of(p)) for p in found[kind])
                return tuple(
                    self.targets[p.code]
                    for p in sorted(found[kind], key=lambda p: p.code)
                    if ladder_key(post_of(p)) == nearest
                )
        return ()


def _insert(plans: Sequence[PlanSpec]) -> None:
    """Plans, then their goals, activities and events, in a few bulk inserts.

    Core ``executemany`` without RETURNING (the fastest on SQLite and
    PostgreSQL alike); the new ids are read back by their natural keys.
    """
    if not plans:
        return
    plan_table, goal_table = CareerPlan.__table__, PlanGoal.__table__
    db.session.execute(
        insert(plan_table),
        [
            {
                "employee_id": plan.employee_id,
                "period": plan.period,
                "target_position_id": plan.target_position_id,
                "status": plan.status,
                "version": 1,  # the ORM's version counter starts at 1
                "created_at": plan.events[0].at,
                "updated_at": plan.updated_at,
            }
            for plan in plans
        ],
    )
    employees = sorted({plan.employee_id for plan in plans})
    plan_ids = {
        (employee_id, period): plan_id
        for plan_id, employee_id, period in db.session.execute(
            select(CareerPlan.id, CareerPlan.employee_id, CareerPlan.period).where(
                CareerPlan.employee_id.in_(employees)
            )
        )
    }
    saved = [(plan_ids[plan.employee_id, plan.period], plan) for plan in plans]
    db.session.execute(
        insert(goal_table),
        [
            {
                "plan_id": plan_id,
                "position": position,
                "competency_id": goal.competency_id,
                "target_level": goal.target_level,
                "title": goal.title,
                "note": goal.note,
            }
            for plan_id, plan in saved
            for position, goal in enumerate(plan.goals)
        ],
    )
    goal_ids = {
        (plan_id, position): goal_id
        for goal_id, plan_id, position in db.session.execute(
            select(PlanGoal.id, PlanGoal.plan_id, PlanGoal.position).where(
                PlanGoal.plan_id.in_([plan_id for plan_id, _ in saved])
            )
        )
    }
    activity_rows = [
        {
            "goal_id": goal_ids[plan_id, number],
            "position": position,
            "kind": activity.kind,
            "title": activity.title,
            "planned_jp": activity.planned_jp,
            "due_date": activity.due_date,
            "status": activity.status,
            "evidence": activity.evidence,
        }
        for plan_id, plan in saved
        for number, goal in enumerate(plan.goals)
        for position, activity in enumerate(goal.activities)
    ]
    if activity_rows:
        db.session.execute(insert(DevelopmentActivity.__table__), activity_rows)
    db.session.execute(
        insert(PlanEvent.__table__),
        [
            {
                "plan_id": plan_id,
                "kind": event.kind,
                "actor_id": event.actor_id,
                "subject": event.subject,
                "comment": event.comment,
                "created_at": event.at,
            }
            for plan_id, plan in saved
            for event in plan.events
        ],
    )
