"""Demo mentoring: mentor offers, requests, mentorships, sessions and notifications.

Two steps of ``flask seed-demo``, both for the new people only (so a re-run adds
nothing and a larger ``--employees`` adds the mentoring of the added people):

1. ``insert_mentors`` (after the assessments, before the plans): every new mentor
   gets a profile offering two to four competencies of their position, an
   Indonesian expertise text and availability; about one in twelve is paused.
   An offered competency is always assessed at level 3 or more by an external
   source: where the supervisor's level is lower (or missing) an assessment-centre
   result recorded by HR is added, newer than the supervisor's, and the levels the
   plans are drawn from follow it.
2. ``insert_mentoring`` (after the plans): mentees with a plan for this year are
   matched to the new mentors by the competencies of their goals. A mentor gets
   active mentorships within capacity (one in ten is full, and one always is),
   pending requests when open, closed mentorships with feedback from both sides
   (mostly), and now and then a declined or withdrawn request. Sessions lie in
   the past; those of an active mentorship count toward the mentee's mentoring
   activity (45 minutes to the JP), which is then in progress, or done once the
   JP planned are logged. Each step leaves the notifications the services would
   have sent, read unless recent; plan reviews do the same (``plan_submitted``
   for the supervisor, ...). ``active_mentees`` is set from the count of active
   mentorships.

The demo personas tell the story: the mentor Rosmawati has three requests in her
inbox (Nadia's among them), two active mentorships with sessions (one mentee's
mentoring activity done, the other's in progress) and a closed one with feedback
from both sides; Nadia has an active mentor (two sessions logged) besides her
pending request, and open mentors who cover the gaps of her plan.

Everything is drawn from random generators seeded per person; rows go in with
Core ``executemany`` and the new ids are read back above the highest id before.
"""

from __future__ import annotations

import gc
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import bindparam, func, insert, select, update

from app.demo import catalogue
from app.demo.people import PersonPlan
from app.extensions import db
from app.i18n import WIB
from app.models import (
    ActivityKind,
    ActivityStatus,
    AssessmentSource,
    CareerPlan,
    Competency,
    CompetencyAssessment,
    DevelopmentActivity,
    FeedbackSide,
    MentorCompetency,
    MentoringSession,
    MentorProfile,
    Mentorship,
    MentorshipFeedback,
    MentorshipRequest,
    MentorshipStatus,
    Notification,
    NotificationKind,
    PlanEvent,
    PlanEventKind,
    PlanGoal,
    PlanStatus,
    Position,
    RequestOrigin,
    RequestStatus,
)
from app.models.mentoring import request_goals

MIN_LEVEL = 3  # the services' MIN_TEACHING_LEVEL: taught from level 3 on
JP_MINUTES = 45
OFFER_COUNTS = (2, 3, 3, 4)
PAUSED_SHARE = 0.08
FULL_SHARE = 0.1  # mentors drawn full, besides the one always full
ACTIVE_DRAW = (0, 1, 1, 2)  # active mentorships of a mentor that is not full
PENDING_DRAW = (0, 0, 1, 1, 2)
CLOSED_DRAW = (0, 0, 1, 1, 2)
DECLINED_SHARE = 0.2
WITHDRAWN_SHARE = 0.1
COHORT_SHARE = 0.15  # pending requests proposed by HR's cohort matching
BOTH_FEEDBACK_SHARE = 0.85
UNREAD_DAYS = 7  # notifications younger than this are still unread
SESSION_MINUTES = (60, 60, 90, 90, 90, 120)
LONG_SESSION_MINUTES = (90, 120)  # sessions meant to complete an activity
TRIES = 12  # draws of a mentee before a mentor does without
_ROWS = 5000  # rows per executemany

ROLES = {a["role"]: a["nip"] for a in catalogue.DEMO_ACCOUNTS}
PERSONA_OFFER = ("T.11", "T.03", "M.04")
PERSONA_EXPERTISE = (
    "Perencanaan pembangunan dan penyusunan Renja kecamatan; fasilitasi Musrenbang "
    "kelurahan dan pemberdayaan masyarakat bersama LPM; pendampingan penyusunan "
    "telaahan staf, SKP dan laporan capaian kinerja"
)
PERSONA_AVAILABILITY = "Selasa dan Kamis, 14.00-16.00 WIB"

# What a mentor says they can help with, per competency code.
EXPERTISE: dict[str, tuple[str, ...]] = {
    "M.01": (
        "Integritas dan pengendalian gratifikasi; pendampingan pembangunan Zona "
        "Integritas di unit kerja",
        "Penerapan kode etik ASN dan pencegahan korupsi dalam pelayanan",
    ),
    "M.02": (
        "Membangun kerja sama tim lintas seksi dan koordinasi dengan kelurahan",
        "Kerja sama tim dalam kepanitiaan kegiatan kecamatan",
    ),
    "M.03": (
        "Komunikasi publik, penulisan naskah dinas dan sambutan pimpinan",
        "Komunikasi dengan warga dan menjadi narasumber sosialisasi",
    ),
    "M.04": (
        "Penyusunan SKP, indikator kinerja dan laporan capaian kinerja",
        "Orientasi pada hasil: perencanaan kerja dan pemantauan target kinerja unit",
    ),
    "M.05": (
        "Pendampingan penyusunan SOP pelayanan di kelurahan dan standar pelayanan",
        "Pelayanan publik prima dan pengelolaan Survei Kepuasan Masyarakat",
    ),
    "M.06": (
        "Coaching dan pembimbingan CPNS serta pegawai baru",
        "Pengembangan diri: menyusun rencana pengembangan kompetensi pegawai",
    ),
    "M.07": (
        "Inovasi pelayanan dan pengelolaan perubahan menuju layanan digital",
        "Mengelola perubahan proses kerja dan sosialisasi kebijakan baru",
    ),
    "M.08": (
        "Analisis masalah dan penyusunan telaahan staf untuk pengambilan keputusan",
        "Pengambilan keputusan berbasis data di tingkat seksi",
    ),
    "SK.01": (
        "Fasilitasi forum kerukunan warga dan penguatan wawasan kebangsaan",
        "Perekat bangsa: mediasi warga lintas suku dan agama",
    ),
    "T.01": (
        "Layanan administrasi kependudukan dan verifikasi data pada SIAK",
        "Pendampingan layanan KTP-el, KK dan akta di kelurahan",
    ),
    "T.02": (
        "Penatausahaan keuangan daerah melalui SIPD dan laporan realisasi anggaran",
        "Pengelolaan keuangan daerah: SPJ, bendahara pengeluaran dan pajak",
    ),
    "T.03": (
        "Perencanaan pembangunan, penyusunan Renja dan fasilitasi Musrenbang",
        "Perencanaan dan penganggaran kegiatan kelurahan berbasis usulan warga",
    ),
    "T.04": (
        "Pelayanan kesehatan dasar di puskesmas dan pembinaan posyandu",
        "Pencegahan dan pengendalian infeksi serta pelayanan gawat darurat dasar",
    ),
    "T.05": (
        "Pengelolaan arsip dinamis dan arsip digital melalui SRIKANDI",
        "Penataan arsip inaktif, daftar arsip dan jadwal retensi",
    ),
    "T.06": (
        "Pengelolaan data dan dasbor layanan; pemanfaatan aplikasi perkantoran",
        "Teknologi informasi untuk layanan: aplikasi, data dan keamanan informasi",
    ),
    "T.07": (
        "Penegakan perda dan penanganan gangguan ketenteraman dan ketertiban umum",
        "Patroli ketertiban lingkungan dan penanganan konflik sosial",
    ),
    "T.08": (
        "Pemutakhiran DTKS dan verifikasi penerima bantuan sosial",
        "Pendampingan kesejahteraan sosial dan penanganan warga rentan",
    ),
    "T.09": (
        "Administrasi kepegawaian, SIASN dan usulan kenaikan pangkat",
        "Pengelolaan kepegawaian: penilaian kinerja dan pengembangan kompetensi ASN",
    ),
    "T.10": (
        "Pembelajaran berdiferensiasi dan penyusunan modul ajar Kurikulum Merdeka",
        "Asesmen pembelajaran dan pendampingan guru muda",
    ),
    "T.11": (
        "Penyelenggaraan pemerintahan kelurahan dan pemberdayaan masyarakat "
        "bersama LPM",
        "Pemerintahan kelurahan: profil kelurahan, kependudukan dan pembinaan "
        "kepala lingkungan",
    ),
}
EXPERIENCE = (
    "",
    "",
    "Berpengalaman {years} tahun di {unit}. ",
    "{years} tahun bertugas di {unit}. ",
)
AVAILABILITY = (
    "Selasa dan Kamis, 14.00-16.00 WIB",
    "Senin dan Rabu, 13.30-15.30 WIB",
    "Rabu, 14.00-16.00 WIB, di ruang rapat kantor",
    "Jumat pagi, 08.30-10.00 WIB (daring melalui Zoom)",
    "Kamis sore, 15.00-16.30 WIB",
    "Sesuai janji, di luar jam pelayanan",
    "Senin sampai Kamis setelah pukul 14.00 WIB",
)

# Session topics per competency code; the generic ones fill in.
TOPICS: dict[str, tuple[str, ...]] = {
    "M.01": ("Studi kasus penolakan gratifikasi", "Menyusun peta risiko layanan"),
    "M.02": ("Membagi peran dalam tim kerja", "Koordinasi lintas seksi"),
    "M.03": ("Latihan presentasi di rapat warga", "Menulis naskah dinas yang ringkas"),
    "M.04": ("Menyusun rencana hasil kerja SKP", "Membaca capaian kinerja triwulan"),
    "M.05": ("Menyusun SOP layanan surat keterangan", "Menindaklanjuti hasil SKM"),
    "M.06": ("Menyusun rencana belajar pribadi", "Memberi umpan balik kepada staf"),
    "M.07": ("Merancang inovasi layanan", "Mengelola penolakan terhadap perubahan"),
    "M.08": ("Menyusun telaahan staf", "Memilih opsi kebijakan dengan data"),
    "SK.01": ("Memfasilitasi forum warga", "Mediasi perselisihan antarwarga"),
    "T.01": ("Verifikasi data pada SIAK", "Alur layanan KTP-el dan KK"),
    "T.02": ("Menyusun SPJ kegiatan", "Laporan realisasi anggaran di SIPD"),
    "T.03": ("Menyiapkan Musrenbang kelurahan", "Menyusun usulan Renja"),
    "T.04": ("Tata laksana kasus di posyandu", "Pencegahan infeksi di ruang tindakan"),
    "T.05": ("Menyusun daftar arsip inaktif", "Alih media arsip ke SRIKANDI"),
    "T.06": ("Membuat dasbor data layanan", "Rumus lanjutan pengolahan data"),
    "T.07": ("Prosedur penertiban sesuai perda", "Menangani keluhan ketertiban warga"),
    "T.08": ("Verifikasi lapangan calon penerima bansos", "Pemutakhiran data DTKS"),
    "T.09": ("Usulan kenaikan pangkat di SIASN", "Menyusun analisis kebutuhan diklat"),
    "T.10": ("Menyusun modul ajar berdiferensiasi", "Asesmen formatif di kelas"),
    "T.11": ("Menyusun profil kelurahan", "Pembinaan kepala lingkungan"),
}
GENERIC_TOPICS = (
    "Pertemuan awal: tujuan dan rencana mentoring",
    "Meninjau kemajuan rencana pengembangan",
    "Diskusi kendala di unit kerja",
)
NOTES = (
    "Membahas contoh dokumen dari unit mentor dan kendala di lapangan.",
    "Mentee memaparkan draf; mentor memberi masukan perbaikan.",
    "Diskusi studi kasus dan pembagian tugas latihan.",
    "Meninjau hasil latihan minggu lalu dan menyepakati prioritas.",
    "",
)
NEXT_STEPS = (
    "Mentee merevisi draf dan mengirimkannya sebelum sesi berikutnya.",
    "Mentee menerapkan hasil diskusi di unit kerja dan mencatat kendalanya.",
    "Membaca peraturan terkait dan menyiapkan pertanyaan.",
    "",
)
MESSAGES = (
    "Selamat siang, {sapaan} {mentor}. Saya {mentee}, {position} di {unit}. Saya "
    "ingin meningkatkan kompetensi {competency} sesuai rencana pengembangan saya "
    "tahun ini. Apakah {sapaan} berkenan menjadi mentor saya?",
    "Mohon izin, {sapaan} {mentor}. Saya sedang mempersiapkan diri untuk jabatan "
    "{target} dan membutuhkan bimbingan dalam {competency}. Saya bisa menyesuaikan "
    "dengan jadwal {sapaan}.",
    "{Sapaan} {mentor}, atasan saya menyarankan saya belajar {competency} dari "
    "{sapaan}. Saya berharap kita bisa bertemu dua minggu sekali.",
    "Selamat pagi, {sapaan} {mentor}. Saya {mentee} dari {unit}. Hasil penilaian "
    "kompetensi saya di {competency} masih di bawah standar jabatan; saya ingin "
    "belajar langsung dari pengalaman {sapaan}.",
)
COHORT_MESSAGE = (
    "Usulan pasangan mentoring dari Subbagian Umum dan Kepegawaian berdasarkan "
    "kesenjangan kompetensi pada rencana pengembangan karier."
)
ACCEPTED = (
    "Baik, saya bersedia. Kita mulai dengan membahas rencana pengembangan Anda.",
    "Dengan senang hati. Bawa SKP dan rencana pengembangan pada pertemuan pertama.",
    "Saya terima. Jadwal pertemuan kita sepakati lewat WhatsApp.",
    "",
)
DECLINED = (
    "Mohon maaf, jadwal saya sedang padat sampai akhir triwulan ini.",
    "Maaf, kebutuhan Anda lebih cocok dengan mentor lain di bidang tersebut.",
    "Mohon maaf, bulan ini saya banyak penugasan di luar kantor.",
)
FEEDBACK: dict[FeedbackSide, dict[int, tuple[str, ...]]] = {
    FeedbackSide.MENTEE: {
        5: (
            "Sangat membantu. Saya sekarang lebih percaya diri menyusun dokumen "
            "sendiri.",
            "Bimbingan terstruktur dan selalu tepat waktu. Terima kasih banyak!",
        ),
        4: (
            "Bermanfaat, walau jadwal pertemuan beberapa kali bergeser.",
            "Banyak contoh praktis yang langsung bisa saya terapkan.",
        ),
        3: ("Cukup membantu; materinya bisa lebih praktis.",),
        2: ("Pertemuan terlalu jarang untuk kebutuhan saya.",),
    },
    FeedbackSide.MENTOR: {
        5: ("Mentee sangat aktif dan selalu menyiapkan bahan diskusi.",),
        4: (
            "Kemajuan baik; perlu konsisten menerapkan hasil diskusi.",
            "Mentee rajin, tugas latihan selesai tepat waktu.",
        ),
        3: ("Kehadiran kurang rutin, tetapi hasil akhirnya memadai.",),
        2: ("Mentee jarang menyiapkan bahan; hasilnya belum terlihat.",),
    },
}
RATINGS = {5: 0.5, 4: 0.35, 3: 0.1, 2: 0.05}


# -- step 1: mentor profiles ---------------------------------------------------


def insert_mentors(
    new: Sequence[PersonPlan],
    ids: dict[str, int],
    logins: dict[int, int],
    positions: dict[str, Position],
    levels: dict[str, dict[int, int]],
    *,
    seed: int,
    now: datetime,
) -> int:
    """Profiles and offers of the new mentors; returns the assessments added.

    ``levels`` (per NIP, the level each gap is computed from) is updated in place
    where an assessment-centre result is added.
    """
    mentors = [p for p in new if p.mentor_capacity is not None]
    if not mentors:
        return 0
    codes = {c.id: c.code for c in db.session.scalars(select(Competency))}
    by_code = {code: cid for cid, code in codes.items()}
    units = {u["code"]: u["name"] for u in catalogue.UNITS}
    offers: dict[str, list[int]] = {}
    rows = []
    for person in mentors:
        rng = random.Random(f"{seed}:mentor:{person.nip}")
        required = {
            r.competency_id: r.required_level
            for r in positions[person.position].requirements
        }
        own = levels.get(person.nip, {})
        if person.role == "mentor":
            offered = [by_code[code] for code in PERSONA_OFFER]
            expertise, availability, paused = (
                PERSONA_EXPERTISE,
                PERSONA_AVAILABILITY,
                False,
            )
        else:
            offered = _offer(rng, required, own, codes)
            expertise = _expertise(rng, offered, codes, units[person.unit])
            availability = rng.choice(AVAILABILITY)
            paused = rng.random() < PAUSED_SHARE
        offers[person.nip] = offered
        joined = now - timedelta(days=rng.randint(30, 400))
        rows.append(
            {
                "employee_id": ids[person.nip],
                "capacity": person.mentor_capacity,
                "active_mentees": 0,
                "expertise": expertise,
                "availability": availability,
                "is_active": True,
                "is_paused": paused,
                "created_at": joined,
                "updated_at": joined + timedelta(days=rng.randint(0, 20)),
            }
        )
    _pause_one(rows, mentors)
    db.session.execute(insert(MentorProfile.__table__), rows)
    profile_ids = dict(
        db.session.execute(select(MentorProfile.employee_id, MentorProfile.id)).all()
    )
    db.session.execute(
        insert(MentorCompetency.__table__),
        [
            {"profile_id": profile_ids[ids[p.nip]], "competency_id": cid}
            for p in mentors
            for cid in offers[p.nip]
        ],
    )
    return _assess_offers(mentors, ids, logins, offers, levels, seed=seed, now=now)


def _offer(rng, required: dict[int, int], own: dict[int, int], codes) -> list[int]:
    """Two to four competencies of the position: a technical one or two first,
    then the best held; already held at level 3 or more wins over the rest."""
    count = min(rng.choice(OFFER_COUNTS), len(required))

    def rank(cid: int) -> tuple:
        return (own.get(cid, 0) < MIN_LEVEL, -own.get(cid, 0), rng.random())

    technical = sorted((c for c in required if codes[c].startswith("T.")), key=rank)
    others = sorted((c for c in required if not codes[c].startswith("T.")), key=rank)
    chosen = technical[: rng.choice((1, 1, 2))]
    chosen += others[: count - len(chosen)]
    return sorted(chosen)


def _expertise(rng, offered: list[int], codes, unit: str) -> str:
    phrases = [
        rng.choice(EXPERTISE[codes[cid]])
        for cid in sorted(offered, key=lambda c: (not codes[c].startswith("T."), c))
    ]
    text = "; ".join(phrases[:3])
    experience = rng.choice(EXPERIENCE).format(years=rng.randint(6, 25), unit=unit)
    return experience + text[0].upper() + text[1:]


def _pause_one(rows: list[dict], mentors: Sequence[PersonPlan]) -> None:
    """At least one paused mentor in a demo with a few of them."""
    generic = [
        (row, person)
        for row, person in zip(rows, mentors, strict=True)
        if person.role is None
    ]
    if len(generic) >= 4 and not any(row["is_paused"] for row, _ in generic):
        row, _ = max(generic, key=lambda pair: pair[1].nip)
        row["is_paused"] = True


def _assess_offers(
    mentors, ids, logins, offers, levels, *, seed: int, now: datetime
) -> int:
    """Assessment-centre levels where no external level of 3 or more backs an offer."""
    wanted = {ids[p.nip] for p in mentors}
    latest: dict[tuple[int, int], tuple[datetime, int]] = {}
    external = db.session.execute(
        select(
            CompetencyAssessment.employee_id,
            CompetencyAssessment.competency_id,
            CompetencyAssessment.assessed_at,
            CompetencyAssessment.level,
        )
        .join(
            MentorProfile, MentorProfile.employee_id == CompetencyAssessment.employee_id
        )
        .where(CompetencyAssessment.source != AssessmentSource.SELF)
    )
    for employee_id, competency_id, at, level in external:
        key = (employee_id, competency_id)
        if employee_id in wanted and (key not in latest or at > latest[key][0]):
            latest[key] = (at, level)
    recorder = logins.get(ids.get(ROLES["hr"]))
    rows = []
    for person in mentors:
        rng = random.Random(f"{seed}:assessment-centre:{person.nip}")
        employee_id = ids[person.nip]
        own = levels.setdefault(person.nip, {})
        held_day = now - timedelta(days=rng.randint(20, 90))
        for cid in offers[person.nip]:
            at, level = latest.get((employee_id, cid), (None, 0))
            if level >= MIN_LEVEL:
                continue
            new_level = min(5, max(MIN_LEVEL, own.get(cid, 0)) + rng.choice((0, 0, 1)))
            when = held_day if at is None else max(held_day, at + timedelta(days=3))
            when = min(when, now - timedelta(hours=1))
            if at is not None and when <= at:
                when = at + timedelta(minutes=1)
            own[cid] = new_level
            rows.append(
                {
                    "employee_id": employee_id,
                    "competency_id": cid,
                    "level": new_level,
                    "source": AssessmentSource.ASSESSMENT,
                    "assessed_by_id": recorder,
                    "note": "Hasil assessment center BKPSDM Kota Medan",
                    "assessed_at": when,
                }
            )
    if rows:
        db.session.execute(insert(CompetencyAssessment.__table__), rows)
    return len(rows)


# -- step 2: requests, mentorships, sessions, notifications ---------------------


@dataclass
class Person:
    """Who takes part, as the texts and notifications need them."""

    employee_id: int
    nip: str
    user_id: int | None
    name: str  # with titles, as notifications show it
    plain: str  # without titles, as people sign their messages
    female: bool
    unit: str
    position: str
    supervisor_id: int | None
    role: str | None
    office: bool = True  # in the kecamatan or a kelurahan, not a school or clinic

    @property
    def sapaan(self) -> str:
        return "Ibu" if self.female else "Bapak"

    @property
    def first(self) -> str:
        return self.plain.split()[0]


@dataclass
class Goal:
    id: int
    competency_id: int | None


@dataclass
class Activity:
    """A mentoring activity of a current plan that sessions may count toward."""

    id: int
    plan_id: int
    competency_id: int | None
    status: ActivityStatus
    planned_jp: int
    title: str


@dataclass
class Plan:
    id: int
    status: PlanStatus
    created: date  # in Medan
    target: str
    goals: list[Goal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    def competencies(self) -> set[int]:
        return {g.competency_id for g in self.goals if g.competency_id is not None}


@dataclass
class Mentee:
    person: Person
    plan: Plan | None


@dataclass
class Mentor:
    person: Person
    capacity: int
    paused: bool
    offered: tuple[int, ...]
    active: int = 0

    @property
    def places(self) -> int:
        return self.capacity - self.active


@dataclass
class SessionSpec:
    held_on: date
    minutes: int
    topic: str
    notes: str
    next_steps: str
    activity_id: int | None
    logged_by: Person
    at: datetime


@dataclass
class FeedbackSpec:
    side: FeedbackSide
    rating: int
    comment: str
    at: datetime


@dataclass
class MentorshipSpec:
    status: MentorshipStatus
    started_at: datetime
    closed_at: datetime | None = None
    closed_by: Person | None = None
    sessions: list[SessionSpec] = field(default_factory=list)
    feedback: list[FeedbackSpec] = field(default_factory=list)
    id: int | None = None


@dataclass
class RequestSpec:
    mentee: Person
    mentor: Person
    status: RequestStatus
    created_at: datetime
    message: str
    origin: RequestOrigin = RequestOrigin.MENTEE
    created_by: Person | None = None
    goal_ids: list[int] = field(default_factory=list)
    score: float | None = None
    response: str = ""
    decided_at: datetime | None = None
    mentorship: MentorshipSpec | None = None
    id: int | None = None


@dataclass
class Note:
    """A notification to be: whom, what, about which subject, when."""

    user_id: int | None
    kind: NotificationKind
    actor: Person | None
    subject: RequestSpec | MentorshipSpec | int
    at: datetime
    unread: bool = False


@dataclass
class MentoringTotals:
    """The mentoring in the database after seeding (for the report)."""

    mentors: int = 0
    open_mentors: int = 0
    pending: int = 0
    active: int = 0
    sessions: int = 0

    @property
    def line(self) -> str:
        return (
            f"Mentoring: {self.mentors} mentors ({self.open_mentors} open), "
            f"{self.pending} pending requests, {self.active} active mentorships, "
            f"{self.sessions} sessions"
        )


def mentoring_totals() -> MentoringTotals:
    """Count mentors, open mentors, pending requests, active mentorships, sessions."""

    def count(model, *where) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where))

    active = MentorProfile.is_active.is_(True)
    return MentoringTotals(
        mentors=count(MentorProfile, active),
        open_mentors=count(
            MentorProfile,
            active,
            MentorProfile.is_paused.is_(False),
            MentorProfile.active_mentees < MentorProfile.capacity,
        ),
        pending=count(
            MentorshipRequest, MentorshipRequest.status == RequestStatus.PENDING
        ),
        active=count(Mentorship, Mentorship.status == MentorshipStatus.ACTIVE),
        sessions=count(MentoringSession),
    )


def insert_mentoring(
    people: Sequence[PersonPlan],
    new: Sequence[PersonPlan],
    ids: dict[str, int],
    logins: dict[int, int],
    *,
    seed: int,
    now: datetime,
    say: Callable[[str], None],
) -> None:
    """Requests, mentorships, sessions and notifications among the new people."""
    if not new:
        return
    # The story allocates many small objects next to a session that holds many;
    # collecting garbage meanwhile would double the time (20,000 employees).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _insert_mentoring(people, new, ids, logins, seed=seed, now=now, say=say)
    finally:
        if collecting:
            gc.enable()


def _insert_mentoring(people, new, ids, logins, *, seed, now, say) -> None:
    today = now.astimezone(WIB).date()
    persons = _persons(people, ids, logins)
    new_ids = {ids[p.nip] for p in new}
    names = {c.id: (c.code, c.name) for c in db.session.scalars(select(Competency))}
    plans = _current_plans(new_ids, today.year)
    mentors = _mentors(new_ids, persons)
    story = Story(seed, now, names, persons.get(ids.get(ROLES["hr"])))
    mentees = [
        Mentee(persons[ids[p.nip]], plans.get(ids[p.nip]))
        for p in new
        if p.role is None
    ]
    nadia = next(
        (
            Mentee(persons[ids[p.nip]], plans.get(ids[p.nip]))
            for p in new
            if p.role == "employee"
        ),
        None,
    )
    story.tell(mentors, mentees, nadia)
    say(f"  mentoring for {len(mentors)} mentors")
    story.plan_notes(plans, persons)
    _insert(story, mentors)


def _persons(people, ids, logins) -> dict[int, Person]:
    units = {u["code"]: u for u in catalogue.UNITS}
    positions = {p["code"]: p["name"] for p in catalogue.POSITIONS}
    result = {}
    for p in people:
        employee_id = ids.get(p.nip)
        if employee_id is None:
            continue
        name = f"{p.front_title} {p.name}".strip()
        result[employee_id] = Person(
            employee_id=employee_id,
            nip=p.nip,
            user_id=logins.get(employee_id),
            name=f"{name}, {p.back_title}" if p.back_title else name,
            plain=p.name,
            female=p.nip[14] == "2",
            unit=units[p.unit]["name"],
            position=positions[p.position],
            supervisor_id=ids.get(p.supervisor_nip) if p.supervisor_nip else None,
            role=p.role,
            office=units[p.unit]["kind"] not in ("puskesmas", "sekolah"),
        )
    return result


def _current_plans(employee_ids: set[int], year: int) -> dict[int, Plan]:
    """This year's plans of the given employees, with goals and mentoring activities."""
    positions = dict(db.session.execute(select(Position.id, Position.name)).all())
    plans: dict[int, Plan] = {}
    by_id: dict[int, Plan] = {}
    rows = db.session.execute(
        select(
            CareerPlan.id,
            CareerPlan.employee_id,
            CareerPlan.status,
            CareerPlan.created_at,
            CareerPlan.target_position_id,
        ).where(CareerPlan.period == year)
    )
    for plan_id, employee_id, status, created, target in rows:
        if employee_id in employee_ids:
            plan = Plan(
                plan_id, status, created.astimezone(WIB).date(), positions[target]
            )
            plans[employee_id] = by_id[plan_id] = plan
    goals = db.session.execute(
        select(PlanGoal.id, PlanGoal.plan_id, PlanGoal.competency_id)
        .join(CareerPlan)
        .where(CareerPlan.period == year)
        .order_by(PlanGoal.plan_id, PlanGoal.position)
    )
    for goal_id, plan_id, competency_id in goals:
        if plan_id in by_id:
            by_id[plan_id].goals.append(Goal(goal_id, competency_id))
    activities = db.session.execute(
        select(
            DevelopmentActivity.id,
            PlanGoal.plan_id,
            PlanGoal.competency_id,
            DevelopmentActivity.status,
            DevelopmentActivity.planned_jp,
            DevelopmentActivity.title,
        )
        .join(PlanGoal, PlanGoal.id == DevelopmentActivity.goal_id)
        .join(CareerPlan, CareerPlan.id == PlanGoal.plan_id)
        .where(
            CareerPlan.period == year,
            DevelopmentActivity.kind == ActivityKind.MENTORING,
            DevelopmentActivity.status.in_(
                [ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS]
            ),
        )
        .order_by(PlanGoal.plan_id, PlanGoal.position, DevelopmentActivity.position)
    )
    for activity_id, plan_id, competency_id, status, jp, title in activities:
        if plan_id in by_id:
            by_id[plan_id].activities.append(
                Activity(activity_id, plan_id, competency_id, status, jp, title)
            )
    return plans


def _mentors(employee_ids: set[int], persons: dict[int, Person]) -> list[Mentor]:
    """The new mentors with their offers, by NIP."""
    offered: dict[int, list[int]] = defaultdict(list)
    for employee_id, competency_id in db.session.execute(
        select(MentorProfile.employee_id, MentorCompetency.competency_id)
        .join(MentorCompetency)
        .order_by(MentorCompetency.competency_id)
    ):
        offered[employee_id].append(competency_id)
    mentors = [
        Mentor(persons[employee_id], capacity, paused, tuple(offered[employee_id]))
        for employee_id, capacity, paused in db.session.execute(
            select(
                MentorProfile.employee_id,
                MentorProfile.capacity,
                MentorProfile.is_paused,
            ).where(MentorProfile.is_active.is_(True))
        )
        if employee_id in employee_ids and offered[employee_id]
    ]
    return sorted(mentors, key=lambda m: m.person.nip)


@dataclass
class Pools:
    """Mentees by the competencies of their plan goals, to draw from quickly."""

    mentees: list[Mentee]
    active: dict[int, list[Mentee]] = field(default_factory=dict)  # approved, submitted
    any: dict[int, list[Mentee]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        active, anyone = defaultdict(list), defaultdict(list)
        for mentee in self.mentees:
            if mentee.plan is None:
                continue
            for cid in sorted(mentee.plan.competencies()):
                anyone[cid].append(mentee)
                if mentee.plan.status in (PlanStatus.APPROVED, PlanStatus.SUBMITTED):
                    active[cid].append(mentee)
        self.active, self.any = dict(active), dict(anyone)


class Story:
    """Draws the mentoring of the new people; nothing touches the database."""

    def __init__(
        self,
        seed: int,
        now: datetime,
        names: dict[int, tuple[str, str]],
        hr: Person | None,
    ) -> None:
        self.seed = seed
        self.now = now
        self.today = now.astimezone(WIB).date()
        self.names = names  # competency id -> (code, name)
        self.hr = hr if hr is not None and hr.user_id is not None else None
        self.requests: list[RequestSpec] = []
        self.notes: list[Note] = []
        # activity id -> (status, evidence, title); plan id -> last session
        self.activities: dict[int, tuple[ActivityStatus, str, str]] = {}
        self.touched: dict[int, datetime] = {}
        self.pairs: set[tuple[int, int]] = set()
        self.with_mentor: set[int] = set()  # mentees in an active mentorship
        self.asking: set[int] = set()  # mentees with a pending request

    # -- the demo ---------------------------------------------------------------

    def tell(
        self, mentors: list[Mentor], mentees: list[Mentee], nadia: Mentee | None
    ) -> None:
        """The personas' story first, then every other new mentor's."""
        pools = Pools(mentees)
        generic = [m for m in mentors if m.person.role is None]
        persona = next((m for m in mentors if m.person.role == "mentor"), None)
        if persona is not None:
            self._persona_mentor(persona, pools, nadia)
        nadias = None
        if nadia is not None and nadia.plan is not None:
            nadias = self._nadias_mentor(nadia, generic)
        full = next(
            (
                m
                for m in sorted(generic, key=lambda m: (m.capacity, m.person.nip))
                if not m.paused and m is not nadias and m.places > 0
            ),
            None,
        )
        for mentor in generic:
            self._mentor(mentor, pools, full=mentor is full)

    def _persona_mentor(
        self, mentor: Mentor, pools: Pools, nadia: Mentee | None
    ) -> None:
        """Two active mentorships (one activity done, one in progress), a closed
        one with feedback from both sides, and three requests in the inbox."""
        rng = random.Random(f"{self.seed}:mentoring:persona")
        today = self.today
        offered = set(mentor.offered)
        with_plan = [
            m
            for m in pools.mentees
            if m.plan is not None
            and m.plan.status is PlanStatus.APPROVED
            and self._may_meet(m, mentor)
        ]

        def fit(mentee: Mentee) -> tuple:
            """Planned long enough ago, with a mentoring activity of some JP for
            a goal she covers."""
            link = self._link(mentee, mentor)
            return (
                link is None,
                mentee.plan.created > today - timedelta(days=66),
                link is None or link.competency_id not in offered,
                -min(link.planned_jp, 8) if link else 0,
                mentee.person.nip,
            )

        with_plan.sort(key=fit)
        # The first one's activity gets done, the second one's stays in progress.
        scripts = ((66, True), (30, False))
        for mentee, (days_ago, done) in zip(with_plan, scripts, strict=False):
            self._run(
                rng, mentee, mentor, days_ago, 3, want_done=done, mentee_logs_last=True
            )
        others = [m for m in pools.mentees if self._may_meet(m, mentor)]
        if others:
            past = rng.choice(others[:20])
            request = self._ask(
                rng,
                past,
                mentor,
                RequestStatus.ACCEPTED,
                today - timedelta(days=215),
                decided=today - timedelta(days=212),
            )
            self._close(
                rng,
                request,
                past,
                mentor,
                today - timedelta(days=75),
                5,
                side=FeedbackSide.MENTEE,
                ratings=(5, 4),
            )
        asking = [
            m
            for m in pools.mentees
            if m.plan is not None
            and m.plan.competencies() & offered
            and self._may_ask(m, mentor)
        ]
        if nadia is not None and nadia.plan is not None:
            goals = [g for g in nadia.plan.goals if g.competency_id in offered][:2]
            day = max(today - timedelta(days=2), nadia.plan.created)
            self._ask(rng, nadia, mentor, RequestStatus.PENDING, day, goals=goals)
        chosen = rng.sample(asking, min(2, len(asking)))
        for mentee, days in zip(chosen, (5, 1)[: len(chosen)], strict=True):
            day = max(today - timedelta(days=days), mentee.plan.created)
            self._ask(rng, mentee, mentor, RequestStatus.PENDING, day)

    def _nadias_mentor(self, nadia: Mentee, mentors: list[Mentor]) -> Mentor | None:
        """An active mentor for Nadia, who logged two sessions lately."""
        rng = random.Random(f"{self.seed}:mentoring:employee")
        needs = nadia.plan.competencies()
        eligible = [
            m
            for m in mentors
            if not m.paused
            and m.places > 0
            and set(m.offered) & needs
            and self._may_meet(nadia, m)
        ]
        if not eligible:
            return None
        mentor = min(
            eligible,
            key=lambda m: (
                not m.person.office,
                -len(set(m.offered) & needs),
                m.person.nip,
            ),
        )
        request = self._ask(
            rng,
            nadia,
            mentor,
            RequestStatus.ACCEPTED,
            self.today - timedelta(days=30),
            decided=self.today - timedelta(days=28),
        )
        days = [self.today - timedelta(days=20), self.today - timedelta(days=3)]
        self._activate(
            rng, request, nadia, mentor, days, None, by=[mentor.person] * len(days)
        )
        return mentor

    def _mentor(self, mentor: Mentor, pools: Pools, full: bool) -> None:
        """A generic mentor's mentees: active, pending, closed, declined, withdrawn."""
        rng = random.Random(f"{self.seed}:mentoring:{mentor.person.nip}")
        today = self.today
        if full or rng.random() < FULL_SHARE:
            active = mentor.places
        else:
            active = min(max(mentor.places - 1, 0), rng.choice(ACTIVE_DRAW))
        for _ in range(active):
            mentee = self._pick(rng, mentor, pools.active, self._may_mentor)
            if mentee is None:
                break
            self._run(rng, mentee, mentor, rng.randint(12, 110), rng.randint(1, 4))
        if not mentor.paused and mentor.places > 0:
            for _ in range(rng.choice(PENDING_DRAW)):
                mentee = self._pick(rng, mentor, pools.any, self._may_ask)
                if mentee is None:
                    break
                first = max(mentee.plan.created, today - timedelta(days=12))
                cohort = self.hr is not None and rng.random() < COHORT_SHARE
                self._ask(
                    rng,
                    mentee,
                    mentor,
                    RequestStatus.PENDING,
                    _between(rng, first, today),
                    origin=RequestOrigin.COHORT if cohort else RequestOrigin.MENTEE,
                )
        for _ in range(rng.choice(CLOSED_DRAW)):
            mentee = self._pick(rng, mentor, pools.any, self._may_meet, pools.mentees)
            if mentee is None:
                break
            asked = today - timedelta(days=rng.randint(130, 300))
            accepted = asked + timedelta(days=rng.randint(1, 4))
            request = self._ask(
                rng, mentee, mentor, RequestStatus.ACCEPTED, asked, decided=accepted
            )
            end = min(
                accepted + timedelta(days=rng.randint(45, 110)),
                today - timedelta(days=7),
            )
            self._close(rng, request, mentee, mentor, end, rng.randint(2, 5))
        for status, share in (
            (RequestStatus.DECLINED, DECLINED_SHARE),
            (RequestStatus.WITHDRAWN, WITHDRAWN_SHARE),
        ):
            if rng.random() >= share:
                continue
            mentee = self._pick(rng, mentor, pools.any, self._may_meet, pools.mentees)
            if mentee is None:
                continue
            asked = today - timedelta(days=rng.randint(10, 150))
            answered = min(
                asked + timedelta(days=rng.randint(1, 5)), today - timedelta(days=1)
            )
            self._ask(rng, mentee, mentor, status, asked, decided=answered)

    # -- who may be drawn -------------------------------------------------------

    def _pick(
        self,
        rng: random.Random,
        mentor: Mentor,
        pool: dict[int, list[Mentee]],
        accept: Callable[[Mentee, Mentor], bool],
        fallback: Sequence[Mentee] = (),
    ) -> Mentee | None:
        """A mentee whose goals the mentor covers (else anyone of ``fallback``)."""
        for _ in range(TRIES):
            candidates = pool.get(rng.choice(mentor.offered))
            if candidates:
                mentee = candidates[rng.randrange(len(candidates))]
                if accept(mentee, mentor):
                    return mentee
        for _ in range(TRIES if fallback else 0):
            mentee = fallback[rng.randrange(len(fallback))]
            if accept(mentee, mentor):
                return mentee
        return None

    def _may_meet(self, mentee: Mentee, mentor: Mentor) -> bool:
        """A new pair, neither the other's direct supervisor."""
        one, other = mentee.person, mentor.person
        return (
            one.employee_id != other.employee_id
            and (one.employee_id, other.employee_id) not in self.pairs
            and one.supervisor_id != other.employee_id
            and other.supervisor_id != one.employee_id
        )

    def _may_ask(self, mentee: Mentee, mentor: Mentor) -> bool:
        return (
            mentee.plan is not None
            and mentee.person.employee_id not in self.asking
            and self._may_meet(mentee, mentor)
        )

    def _may_mentor(self, mentee: Mentee, mentor: Mentor) -> bool:
        return (
            mentee.plan is not None
            and mentee.person.employee_id not in self.with_mentor
            and mentee.plan.created < self.today - timedelta(days=12)
            and self._may_meet(mentee, mentor)
        )

    def _link(self, mentee: Mentee, mentor: Mentor) -> Activity | None:
        """The mentee's mentoring activity the sessions count toward, if any."""
        if mentee.plan is None:
            return None
        free = [a for a in mentee.plan.activities if a.id not in self.activities]
        offered = set(mentor.offered)
        # One of the goals the mentor covers, else a goal without a competency.
        return next((a for a in free if a.competency_id in offered), None) or next(
            (a for a in free if a.competency_id is None), None
        )

    # -- requests and mentorships ---------------------------------------------

    def _ask(
        self,
        rng: random.Random,
        mentee: Mentee,
        mentor: Mentor,
        status: RequestStatus,
        day: date,
        *,
        decided: date | None = None,
        goals: list[Goal] | None = None,
        origin: RequestOrigin = RequestOrigin.MENTEE,
    ) -> RequestSpec:
        """A request sent on ``day`` (and answered on ``decided``), with its notes."""
        one, other = mentee.person, mentor.person
        if goals is None:
            goals = self._goals(rng, mentee.plan, mentor, day)
        cohort = origin is RequestOrigin.COHORT
        request = RequestSpec(
            mentee=one,
            mentor=other,
            status=status,
            created_at=self._at(rng, day),
            message=COHORT_MESSAGE
            if cohort
            else self._message(rng, mentee, mentor, goals),
            origin=origin,
            created_by=self.hr if cohort else one,
            goal_ids=[g.id for g in goals],
            score=round(rng.uniform(0.42, 0.91), 3) if rng.random() < 0.8 else None,
        )
        self.pairs.add((one.employee_id, other.employee_id))
        pending = status is RequestStatus.PENDING
        if cohort:
            for person in (other, one):
                self._note(
                    person,
                    NotificationKind.COHORT_PROPOSED,
                    self.hr,
                    request,
                    request.created_at,
                    unread=pending,
                )
        else:
            self._note(
                other,
                NotificationKind.REQUEST_RECEIVED,
                one,
                request,
                request.created_at,
                unread=pending,
            )
        if pending:
            self.asking.add(one.employee_id)
        if decided is not None:
            request.decided_at = max(
                self._at(rng, decided), request.created_at + timedelta(minutes=5)
            )
            if status is RequestStatus.ACCEPTED:
                request.response = rng.choice(ACCEPTED)
            elif status is RequestStatus.DECLINED:
                request.response = rng.choice(DECLINED)
                self._note(
                    one,
                    NotificationKind.REQUEST_DECLINED,
                    other,
                    request,
                    request.decided_at,
                )
            else:
                self._note(
                    other,
                    NotificationKind.REQUEST_WITHDRAWN,
                    one,
                    request,
                    request.decided_at,
                )
        self.requests.append(request)
        return request

    def _goals(self, rng, plan: Plan | None, mentor: Mentor, day: date) -> list[Goal]:
        """One or two goals of the plan the mentor covers, if the plan existed."""
        if plan is None or day < plan.created:
            return []
        matching = [g for g in plan.goals if g.competency_id in mentor.offered]
        chosen = rng.sample(matching, min(len(matching), rng.choice((1, 1, 2))))
        return [g for g in matching if g in chosen]

    def _message(self, rng, mentee: Mentee, mentor: Mentor, goals: list[Goal]) -> str:
        plan = mentee.plan
        covered = sorted((plan.competencies() if plan else set()) & set(mentor.offered))
        if goals:
            competency = goals[0].competency_id
        elif covered:
            competency = covered[0]
        else:
            competency = rng.choice(mentor.offered)
        one, other = mentee.person, mentor.person
        return rng.choice(MESSAGES).format(
            sapaan=other.sapaan,
            Sapaan=other.sapaan,
            mentor=other.first,
            mentee=one.plain,
            position=one.position,
            unit=one.unit,
            competency=self.names[competency][1],
            target=plan.target if plan else one.position,
        )

    def _run(
        self,
        rng: random.Random,
        mentee: Mentee,
        mentor: Mentor,
        days_ago: int,
        sessions: int,
        want_done: bool | None = None,
        mentee_logs_last: bool = False,
    ) -> None:
        """An active mentorship asked for about ``days_ago`` days ago.

        Its sessions count toward the mentee's mentoring activity until it is
        done (``want_done`` None); enough sessions to complete it (True); or only
        while it stays in progress (False).
        """
        today = self.today
        asked = max(today - timedelta(days=days_ago), mentee.plan.created)
        accepted = min(asked + timedelta(days=rng.randint(1, 4)), today - timedelta(1))
        asked = min(asked, accepted - timedelta(days=1))
        request = self._ask(
            rng, mentee, mentor, RequestStatus.ACCEPTED, asked, decided=accepted
        )
        link = self._link(mentee, mentor)
        lengths = SESSION_MINUTES
        if link is not None and want_done:
            lengths = LONG_SESSION_MINUTES
            needed = -(-link.planned_jp * JP_MINUTES // lengths[0])  # rounded up
            sessions = min(8, max(sessions, needed + 1))
        days = self._days(
            rng, accepted + timedelta(days=1), today - timedelta(1), sessions
        )
        by = [None] * len(days)
        if mentee_logs_last and days:
            by[-1] = mentee.person
        self._activate(rng, request, mentee, mentor, days, link, want_done, lengths, by)

    def _activate(
        self,
        rng: random.Random,
        request: RequestSpec,
        mentee: Mentee,
        mentor: Mentor,
        days: list[date],
        link: Activity | None,
        want_done: bool | None = None,
        lengths: tuple[int, ...] = SESSION_MINUTES,
        by: Sequence[Person | None] = (),
    ) -> None:
        mentorship = MentorshipSpec(MentorshipStatus.ACTIVE, request.decided_at)
        request.mentorship = mentorship
        mentor.active += 1
        self.with_mentor.add(mentee.person.employee_id)
        self._note(
            mentee.person,
            NotificationKind.REQUEST_ACCEPTED,
            mentor.person,
            mentorship,
            request.decided_at,
        )
        self._sessions(
            rng, mentorship, mentee, mentor, days, link, want_done, lengths, by
        )

    def _close(
        self,
        rng: random.Random,
        request: RequestSpec,
        mentee: Mentee,
        mentor: Mentor,
        end: date,
        sessions: int,
        side: FeedbackSide | None = None,
        ratings: tuple[int, int] | None = None,
    ) -> None:
        """A mentorship that ran until ``end``, with each side's feedback."""
        start = request.decided_at
        mentorship = MentorshipSpec(MentorshipStatus.CLOSED, start)
        request.mentorship = mentorship
        self._note(
            mentee.person,
            NotificationKind.REQUEST_ACCEPTED,
            mentor.person,
            mentorship,
            start,
        )
        first = start.astimezone(WIB).date() + timedelta(days=1)
        days = self._days(rng, first, end - timedelta(days=1), sessions)
        self._sessions(rng, mentorship, mentee, mentor, days, None)
        side = side or rng.choice((FeedbackSide.MENTEE, FeedbackSide.MENTOR))
        closer, other = mentee.person, mentor.person
        if side is FeedbackSide.MENTOR:
            closer, other = other, closer
        closed = self._at(rng, end)
        if mentorship.sessions:
            closed = max(closed, mentorship.sessions[-1].at + timedelta(minutes=10))
        mentorship.closed_at, mentorship.closed_by = closed, closer
        first_rating, second_rating = ratings or (None, None)
        mentorship.feedback.append(self._feedback(rng, side, closed, first_rating))
        self._note(
            other, NotificationKind.MENTORSHIP_CLOSED, closer, mentorship, closed
        )
        if ratings is None and rng.random() >= BOTH_FEEDBACK_SHARE:
            return
        day = min(end + timedelta(days=rng.randint(0, 6)), self.today - timedelta(1))
        given = max(self._at(rng, day), closed + timedelta(minutes=30))
        other_side = (
            FeedbackSide.MENTOR if side is FeedbackSide.MENTEE else FeedbackSide.MENTEE
        )
        mentorship.feedback.append(
            self._feedback(rng, other_side, given, second_rating)
        )
        self._note(closer, NotificationKind.FEEDBACK_GIVEN, other, mentorship, given)

    def _feedback(self, rng, side: FeedbackSide, at: datetime, rating: int | None):
        if rating is None:
            rating = rng.choices(list(RATINGS), weights=list(RATINGS.values()))[0]
        return FeedbackSpec(side, rating, rng.choice(FEEDBACK[side][rating]), at)

    def _sessions(
        self,
        rng: random.Random,
        mentorship: MentorshipSpec,
        mentee: Mentee,
        mentor: Mentor,
        days: list[date],
        link: Activity | None,
        want_done: bool | None = None,
        lengths: tuple[int, ...] = SESSION_MINUTES,
        by: Sequence[Person | None] = (),
    ) -> None:
        """Sessions on ``days``, each notified to the side that did not log it.

        ``by`` may say who logged each session; the others are drawn.
        """
        focus = (
            link.competency_id
            if link is not None and link.competency_id is not None
            else rng.choice(mentor.offered)
        )
        topics = TOPICS[self.names[focus][0]] + GENERIC_TOPICS[1:]
        minutes = count = 0
        for number, day in enumerate(days):
            duration = rng.choice(lengths)
            activity_id = None
            if link is not None:
                after = minutes + (duration if want_done is False else 0)
                if after // JP_MINUTES < link.planned_jp:
                    activity_id = link.id
                    minutes += duration
                    count += 1
            drawn = mentor.person if rng.random() < 0.65 else mentee.person
            logger = (by[number] if number < len(by) else None) or drawn
            at = self._at(rng, day, (14, 16))
            mentorship.sessions.append(
                SessionSpec(
                    held_on=day,
                    minutes=duration,
                    topic=GENERIC_TOPICS[0] if number == 0 else rng.choice(topics),
                    notes=rng.choice(NOTES),
                    next_steps=rng.choice(NEXT_STEPS),
                    activity_id=activity_id,
                    logged_by=logger,
                    at=at,
                )
            )
            reader = mentee.person if logger is mentor.person else mentor.person
            self._note(reader, NotificationKind.SESSION_LOGGED, logger, mentorship, at)
            if activity_id is not None:
                self._progress(link, minutes, count, mentor, at)

    def _progress(
        self, activity: Activity, minutes: int, count: int, mentor: Mentor, at: datetime
    ) -> None:
        """The activity as the services leave it: in progress, or done at its JP."""
        jp = minutes // JP_MINUTES
        if activity.planned_jp and jp >= activity.planned_jp:
            status = ActivityStatus.DONE
            evidence = (
                f"Catatan {count} sesi mentoring ({jp} JP) bersama "
                f"{mentor.person.plain}, tercatat di Jenjang"
            )
        else:
            status = ActivityStatus.IN_PROGRESS
            evidence = (
                f"{count} sesi mentoring tercatat ({jp} dari {activity.planned_jp} JP)"
            )
        head = activity.title.rsplit(" dengan ", 1)[0]
        title = f"{head} dengan {mentor.person.plain}"[:200]
        self.activities[activity.id] = (status, evidence, title)
        self.touched[activity.plan_id] = max(self.touched.get(activity.plan_id, at), at)

    # -- plans ------------------------------------------------------------------

    def plan_notes(self, plans: dict[int, Plan], persons: dict[int, Person]) -> None:
        """Notifications of this year's review steps: submitted to the supervisor,
        approved or returned to the employee; a plan still waiting is unread."""
        owner = {plan.id: employee_id for employee_id, plan in plans.items()}
        rows = db.session.execute(
            select(PlanEvent.plan_id, PlanEvent.kind, PlanEvent.created_at)
            .join(CareerPlan)
            .where(
                CareerPlan.period == self.today.year,
                PlanEvent.kind.in_(
                    [
                        PlanEventKind.SUBMITTED,
                        PlanEventKind.APPROVED,
                        PlanEventKind.RETURNED,
                    ]
                ),
            )
            .order_by(PlanEvent.plan_id, PlanEvent.created_at, PlanEvent.id)
        )
        last: dict[int, Note] = {}
        for plan_id, kind, at in rows:
            employee_id = owner.get(plan_id)
            if employee_id is None:
                continue
            employee = persons[employee_id]
            boss = persons.get(employee.supervisor_id)
            if kind is PlanEventKind.SUBMITTED:
                note = self._note(
                    boss, NotificationKind.PLAN_SUBMITTED, employee, plan_id, at
                )
            else:
                note = self._note(
                    employee, NotificationKind(f"plan_{kind.value}"), boss, plan_id, at
                )
            last[plan_id] = note
        for plan in plans.values():
            note = last.get(plan.id)
            if note is not None and plan.status is PlanStatus.SUBMITTED:
                note.unread = True

    # -- small helpers ----------------------------------------------------------

    def _note(
        self,
        reader: Person | None,
        kind: NotificationKind,
        actor: Person | None,
        subject: RequestSpec | MentorshipSpec | int,
        at: datetime,
        unread: bool = False,
    ) -> Note:
        note = Note(
            reader.user_id if reader else None, kind, actor, subject, at, unread
        )
        self.notes.append(note)
        return note

    def _at(self, rng: random.Random, day: date, hours=(8, 15)) -> datetime:
        """A moment of ``day`` in office hours (WIB) as UTC, never in the future."""
        moment = time(rng.randint(*hours), rng.randint(0, 59), rng.randint(0, 59))
        when = datetime.combine(day, moment, tzinfo=WIB).astimezone(UTC)
        return min(when, self.now - timedelta(minutes=rng.randint(5, 50)))

    def _days(self, rng, first: date, last: date, count: int) -> list[date]:
        """Up to ``count`` different working days from ``first`` to ``last``."""
        if last < first or count <= 0:
            return []
        span = [first + timedelta(days=d) for d in range((last - first).days + 1)]
        pool = [day for day in span if day.weekday() < 5] or span
        return sorted(rng.sample(pool, min(count, len(pool))))


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _insert(story: Story, mentors: Iterable[Mentor]) -> None:
    """Everything the story drew, in a few bulk inserts and updates."""
    requests = story.requests
    if requests:
        before = _last_id(MentorshipRequest)
        _rows(
            MentorshipRequest,
            [
                {
                    "mentee_id": r.mentee.employee_id,
                    "mentor_id": r.mentor.employee_id,
                    "status": r.status,
                    "origin": r.origin,
                    "message": r.message,
                    "response": r.response,
                    "score": r.score,
                    "created_by_id": r.created_by.user_id if r.created_by else None,
                    "created_at": r.created_at,
                    "decided_at": r.decided_at,
                }
                for r in requests
            ],
        )
        new_ids = {
            (mentee, mentor): request_id
            for request_id, mentee, mentor in db.session.execute(
                select(
                    MentorshipRequest.id,
                    MentorshipRequest.mentee_id,
                    MentorshipRequest.mentor_id,
                ).where(MentorshipRequest.id > before)
            )
        }
        for r in requests:
            r.id = new_ids[r.mentee.employee_id, r.mentor.employee_id]
        goals = [
            {"request_id": r.id, "goal_id": goal_id}
            for r in requests
            for goal_id in r.goal_ids
        ]
        if goals:
            _rows(request_goals, goals)
    accepted = [r for r in requests if r.mentorship is not None]
    if accepted:
        before = _last_id(Mentorship)
        _rows(
            Mentorship,
            [
                {
                    "request_id": r.id,
                    "mentee_id": r.mentee.employee_id,
                    "mentor_id": r.mentor.employee_id,
                    "status": r.mentorship.status,
                    "started_at": r.mentorship.started_at,
                    "closed_at": r.mentorship.closed_at,
                    "closed_by_id": (
                        r.mentorship.closed_by.user_id
                        if r.mentorship.closed_by
                        else None
                    ),
                }
                for r in accepted
            ],
        )
        by_request = dict(
            db.session.execute(
                select(Mentorship.request_id, Mentorship.id).where(
                    Mentorship.id > before
                )
            ).all()
        )
        for r in accepted:
            r.mentorship.id = by_request[r.id]
        sessions = [
            {
                "mentorship_id": r.mentorship.id,
                "held_on": s.held_on,
                "minutes": s.minutes,
                "topic": s.topic,
                "notes": s.notes,
                "next_steps": s.next_steps,
                "activity_id": s.activity_id,
                "logged_by_id": s.logged_by.user_id,
                "created_at": s.at,
            }
            for r in accepted
            for s in r.mentorship.sessions
        ]
        if sessions:
            _rows(MentoringSession, sessions)
        feedback = [
            {
                "mentorship_id": r.mentorship.id,
                "side": f.side,
                "rating": f.rating,
                "comment": f.comment,
                "created_at": f.at,
            }
            for r in accepted
            for f in r.mentorship.feedback
        ]
        if feedback:
            _rows(MentorshipFeedback, feedback)
    _update_progress(story)
    active: dict[int, int] = defaultdict(int)
    for r in accepted:
        if r.mentorship.status is MentorshipStatus.ACTIVE:
            active[r.mentor.employee_id] += 1
    profiles = MentorProfile.__table__
    counts = [
        {"b_employee": m.person.employee_id, "b_active": active[m.person.employee_id]}
        for m in mentors
        if active[m.person.employee_id]
    ]
    if counts:
        db.session.execute(
            update(profiles)
            .where(profiles.c.employee_id == bindparam("b_employee"))
            .values(active_mentees=bindparam("b_active")),
            counts,
        )
    _insert_notes(story)


def _update_progress(story: Story) -> None:
    """Activities sessions count toward, and their plans' last change."""
    if story.activities:
        table = DevelopmentActivity.__table__
        db.session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                status=bindparam("b_status"),
                evidence=bindparam("b_evidence"),
                title=bindparam("b_title"),
            ),
            [
                {"b_id": i, "b_status": s, "b_evidence": e, "b_title": t}
                for i, (s, e, t) in story.activities.items()
            ],
        )
    if story.touched:
        table = CareerPlan.__table__
        changed = dict(
            db.session.execute(
                select(CareerPlan.id, CareerPlan.updated_at).where(
                    CareerPlan.id.in_(list(story.touched))
                )
            ).all()
        )
        rows = [
            {"b_id": plan_id, "b_updated": at}
            for plan_id, at in story.touched.items()
            if at > changed[plan_id]
        ]
        if rows:
            db.session.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(updated_at=bindparam("b_updated")),
                rows,
            )


def _insert_notes(story: Story) -> None:
    """The notifications, read some time after they came unless recent."""
    rng = random.Random(f"{story.seed}:notifications")
    recent = story.now - timedelta(days=UNREAD_DAYS)
    rows = []
    for note in story.notes:
        if note.user_id is None:
            continue
        subject = note.subject
        read_at = None
        if not note.unread and note.at < recent:
            read_at = note.at + timedelta(minutes=rng.randint(10, 2880))
            read_at = min(read_at, story.now - timedelta(minutes=1))
        rows.append(
            {
                "user_id": note.user_id,
                "kind": note.kind,
                "actor_name": note.actor.name if note.actor else "",
                "subject_id": subject if isinstance(subject, int) else subject.id,
                "created_at": note.at,
                "read_at": read_at,
            }
        )
    if rows:
        _rows(Notification, rows)


def _rows(model, rows: list[dict]) -> None:
    table = getattr(model, "__table__", model)
    for start in range(0, len(rows), _ROWS):
        db.session.execute(insert(table), rows[start : start + _ROWS])


def _last_id(model) -> int:
    return db.session.scalar(select(func.max(model.id))) or 0
