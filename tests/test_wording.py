"""The Indonesian interface keeps one term per concept (DOMAIN.md, "Words").

Each avoided word is a pattern that must not occur in the Indonesian catalog's
translations nor in the templates' own text; the pages then show the words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import text_of
from tests.factories import make_plan

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "app" / "translations" / "id" / "LC_MESSAGES" / "messages.po"
TEMPLATES = ROOT / "templates"

AVOIDED = {
    # The regulation says "level"; "Tingkat I" is part of rank names (Penata Tingkat I).
    "tingkat for a competency level": r"(?i)\btingkat\b(?! I\b)",
    "Mandiri for the self-assessment": r"\bMandiri\b|(?i:penilaian mandiri)",
    "Pusat asesmen for the assessment centre": r"(?i)\bpusat asesmen\b",
    "Pencocokan massal for cohort matching": r"(?i)\bpencocokan massal\b",
    "sementara itu for a stale page": r"(?i)\bsementara itu\b",
    # SKP has its own "sasaran kinerja"; a development goal says which it is.
    "bare Sasaran for a development goal": (
        r"(?i)\bsasaran\b(?! (pengembangan|kinerja)\b)"
    ),
    "bare Bukti for evidence": r"(?i)\bbukti\b(?! dukung\b)",
    # Administrator is an eselon III post, not the role of the system's admin.
    "Administrator for the admin role": r"(?<!jabatan )\bAdministrator\b",
    "Atasan alone for the direct supervisor": (
        r"(?i)(?<!penilaian )\batasan\b(?! langsung\b)"
    ),
    "Pangkat before a rank code": r"(?i)\bpangkat\b(?!/golongan)( minimal)? %\(",
    "Langkah struktural for a managerial promotion": r"(?i)\blangkah struktural\b",
    "sejak before a start date": r"(?i)\b(cpns |jabatan )?sejak %\(",
    "Permintaan for invalid input": r"(?i)^permintaan tidak dapat dipahami",
}


def _translations() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every Indonesian message, each plural form apart."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        pairs.extend((ids[0], string) for string in strings)
    return pairs


def _template_texts() -> list[tuple[str, str]]:
    """(template, text) of the words a template writes itself, outside ``{{ }}``."""
    texts = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", " ", source, flags=re.S)
        texts.append((str(path.relative_to(ROOT)), source))
    return texts


@pytest.mark.parametrize("avoided", AVOIDED, ids=AVOIDED)
def test_the_indonesian_catalog_avoids(avoided):
    pattern = re.compile(AVOIDED[avoided])
    found = [(msgid, text) for msgid, text in _translations() if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize("avoided", AVOIDED, ids=AVOIDED)
def test_the_templates_own_text_avoids(avoided):
    pattern = re.compile(AVOIDED[avoided])
    found = [name for name, text in _template_texts() if pattern.search(text)]
    assert found == []


def test_mentor_places_are_a_kuota():
    places = [
        (msgid, text)
        for msgid, text in _translations()
        if re.search(r"(?i)\b(places?|capacity)\b", msgid)
    ]
    assert places, "the catalog names mentor places"
    assert [(m, t) for m, t in places if re.search(r"(?i)\btempat\b", t)] == []
    assert [(m, t) for m, t in places if "kuota" not in t.lower()] == []


def test_jp_is_spelled_out():
    assert any("JP (jam pelajaran)" in text for _, text in _translations())


def test_the_yearly_20_jp_is_a_duty_not_a_right():
    summary = [(msgid, text) for msgid, text in _translations() if "yearly" in msgid]
    assert summary and all("right" not in msgid for msgid, _ in summary)
    assert all("kewajiban" in text and "hak" not in text for _, text in summary)


def test_the_invalid_input_page_is_titled_as_such(app):
    # Not "Permintaan ...": in this interface that is a mentoring request.
    response = app.test_client(locale=None).post("/locale", data={"locale": "fr"})
    assert response.status_code == 400
    assert "Isian atau tautan tidak valid" in text_of(response)
    english = app.test_client().post("/locale", data={"locale": "fr"})
    assert "Invalid input or link" in text_of(english)


def test_the_plan_pages_speak_the_domain_words(app, world):
    plan = make_plan(world)
    client = app.test_client(user=world.users["employee"], locale=None)
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert f"Rencana Pengembangan Karier {plan.period}" in page
    assert "Sasaran pengembangan dan kegiatannya" in page
    duty = "kewajiban pengembangan kompetensi paling sedikit 20 JP (jam pelajaran)"
    assert duty in page
    paths = text_of(client.get("/plans/paths"))
    assert "Promosi jabatan manajerial" in paths
    assert "Perpindahan horizontal (jabatan setara)" in paths
    profile = text_of(client.get("/profile"))
    for source in ("Penilaian diri", "Penilaian atasan", "Asesmen"):
        assert f"{source} \N{EN DASH}" in profile  # not assessed yet
    assert "TMT CPNS" in profile
