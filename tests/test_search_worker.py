"""The search worker's word handling, run in Chromium on its own (no site): Telex and VNI read as
the syllable they spell, tone placement and Unicode forms that must not matter, English word forms,
one slip. The ranking itself is tested on the built site (test_search.py)."""

from __future__ import annotations

import unicodedata

import pytest

from .support.project import ROOT

pytestmark = pytest.mark.browser

WORKER = ROOT / "docs" / "assets" / "javascripts" / "search" / "worker.js"


@pytest.fixture(scope="module")
def engine(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>worker</title>")
    page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
    yield page
    context.close()


def parts(engine, word: str) -> list[str]:
    return engine.evaluate("w => hbSearch.split(w.toLowerCase().normalize('NFC'))", word)


def decoded(engine, typed: str, partial: bool = False) -> list[str] | None:
    return engine.evaluate("([w, p]) => hbSearch.decode(w, p)", [typed, partial])


@pytest.mark.parametrize("typed,spelled", [
    ("maatj", "mật"), ("maajt", "mật"), ("khaaur", "khẩu"), ("khaaru", "khẩu"), ("quene", "quên"),
    ("guwir", "gửi"), ("vawn", "văn"), ("banr", "bản"), ("ddinhs", "đính"), ("kemf", "kèm"),
    ("truowngf", "trường"), ("truowngr", "trưởng"), ("nguwowif", "người"), ("thuw", "thư"), ("hieeuj", "hiệu"),
    ("ddieeuf", "điều"), ("kys", "ký"), ("soos", "số"),
    ("ma65t", "mật"), ("mat65", "mật"), ("kha63u", "khẩu"), ("khau63", "khẩu"), ("gu7i3", "gửi"),
    ("va8n", "văn"), ("d9i", "đi"), ("tru7o7ng3", "trưởng"), ("que6n", "quên"), ("thu7", "thư"),
])
def test_telex_and_vni_spell_the_syllable(engine, typed, spelled):
    assert decoded(engine, typed) == parts(engine, spelled)


@pytest.mark.parametrize("word", ["pass", "email", "file", "spam", "gmail", "10mb", "c1thanham", "mat", "khau",
                                  "truong", "nguoi", "2022"])
def test_plain_words_are_not_read_as_telex(engine, word):
    assert decoded(engine, word) is None


def test_a_word_being_typed_may_be_the_start_of_a_syllable(engine):
    assert decoded(engine, "khaa") is None  # "khâ" is no syllable ...
    assert decoded(engine, "khaa", partial=True) == ["khâ", ""]  # ... but starts "khâu", "khẩu"


@pytest.mark.parametrize("one,other", [
    ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("huỷ", "hủy"), ("uỷ", "ủy"),
    ("Mật", "mật"), (unicodedata.normalize("NFD", "khẩu"), "khẩu"), ("a\u0302\u0323", "ậ"),
])
def test_tone_placement_case_and_unicode_form_do_not_matter(engine, one, other):
    assert parts(engine, one) == parts(engine, other)


def test_folding_drops_every_mark_and_strokes_d(engine):
    folded = engine.evaluate("ws => ws.map(w => hbSearch.fold(hbSearch.split(w.toLowerCase())[0]))",
                             ["Đường", "khẩu", "ươ"])
    assert folded == ["duong", "khau", "uo"]


@pytest.mark.parametrize("forms", [
    ["recall", "recalls", "recalled", "recalling"], ["virus", "viruses"], ["attachment", "attachments"],
    ["check", "checks", "checked", "checking"], ["use", "used", "using", "uses"], ["address", "addresses"],
    ["policy", "policies"], ["log", "logged"],
])
def test_english_word_forms_meet(engine, forms):
    assert len(set(engine.evaluate("ws => ws.map(hbSearch.stem)", forms))) == 1


@pytest.mark.parametrize("a,b,slip", [
    ("khau", "khua", True), ("dinh", "dihn", True), ("nhap", "nhapp", True), ("khau", "khai", True),
    ("virus", "virsu", True), ("khau", "kh", False), ("khau", "khau", False), ("truong", "trung", True),
    ("thong", "thnog", True), ("password", "pasword", True), ("mat", "tam", False),
])
def test_one_slip(engine, a, b, slip):
    assert engine.evaluate("([a, b]) => hbSearch.oneSlip(a, b)", [a, b]) is slip
