"""The Indonesian phrases of the demo mentoring.

What mentors offer (expertise, experience, availability, the persona's own
words), what sessions are about (topics, notes, next steps), what mentees write
and mentors answer, and the feedback each side leaves, by rating (with how
often each rating is given).
"""

from __future__ import annotations

from app.models import FeedbackSide

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
        "Pemutakhiran DTSEN dan verifikasi penerima bantuan sosial",
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
    "T.08": ("Verifikasi lapangan calon penerima bansos", "Pemutakhiran data DTSEN"),
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
    "{Sapaan} {mentor}, atasan langsung saya menyarankan saya belajar {competency} "
    "dari {sapaan}. Saya berharap kita bisa bertemu dua minggu sekali.",
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
