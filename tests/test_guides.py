"""Guides: loading and validation, citations resolved on both languages' pages, back-links."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.guides import backlinks, load_guides
from handbook.yamlfile import load as load_yaml

from .support import htmltext
from .support.project import ROOT, build_site, copy_project, real_project, real_regulation

REQUIRED = {"dang-nhap-lan-dau", "quen-mat-khau", "bao-ve-hop-thu", "gui-van-ban", "nhan-van-ban",
            "thu-hoi-khi-gui", "thu-hoi-khi-nhan", "tep-dinh-kem", "kiem-tra-hop-thu", "dia-chi-cua-truong",
            "the-tra-cuu-nhanh", "tuan-dau-tien"}


def test_all_guides_load_without_problems():
    guides, problems = load_guides(ROOT / "guides")
    assert problems == []
    assert {g.id for g in guides} == REQUIRED


@pytest.mark.parametrize("guide_id,articles", [
    ("dang-nhap-lan-dau", {5, 7, 13}), ("quen-mat-khau", {13}), ("bao-ve-hop-thu", {4, 13}),
    ("gui-van-ban", {8, 10}), ("nhan-van-ban", {11}), ("thu-hoi-khi-gui", {10}), ("thu-hoi-khi-nhan", {11}),
    ("tep-dinh-kem", {8}), ("kiem-tra-hop-thu", {9}), ("dia-chi-cua-truong", {1, 6}), ("tuan-dau-tien", {12}),
])
def test_each_guide_is_grounded_in_the_articles_it_covers(guide_id, articles):
    guide = next(g for g in real_project().guides if g.id == guide_id)
    cited = {real_regulation().article_of(c).number for c in guide.cites if real_regulation().article_of(c)}
    assert articles <= cited


def test_rules_always_cite_and_advice_never_does():
    for g in real_project().guides:
        for s in g.steps:
            assert all(r.cite for r in s.rules), (g.id, s.id)
        assert any(s.rules for s in g.steps), g.id


def step_ids_and_cites(path: Path) -> tuple[list[str], list[str]]:
    html = path.read_text(encoding="utf-8")
    steps = re.findall(r'<h2 class="hb-step__title" id="([^"]+)"', html) or re.findall(
        r'<section aria-labelledby="([^"]+)" class="hb-card__section"', html)
    cites = re.findall(r'<a class="hb-cite" href="([^"]+)"', html)
    return steps, cites


@pytest.mark.parametrize("guide_id", sorted(REQUIRED))
def test_guide_has_the_same_steps_and_citations_in_both_languages(site_dir: Path, guide_id: str):
    vi = step_ids_and_cites(site_dir / "huong-dan" / guide_id / "index.html")
    en = step_ids_and_cites(site_dir / "en" / "huong-dan" / guide_id / "index.html")
    guide = next(g for g in real_project().guides if g.id == guide_id)
    assert vi[0] == en[0] == [s.id for s in guide.steps]
    assert vi[1] == en[1] and len(vi[1]) >= 1
    assert {href.split("#")[1] for href in vi[1]} == set(guide.cites)


def anchors_of(path: Path) -> set[str]:
    return set(htmltext.parse(path).ids)


def test_every_citation_link_resolves_to_an_existing_anchor(site_dir: Path):
    for lang_root in (site_dir, site_dir / "en"):
        for page in (lang_root / "huong-dan").rglob("index.html"):
            for href in re.findall(r'class="hb-cite" href="([^"]+)"', page.read_text(encoding="utf-8")):
                path, _, anchor = href.partition("#")
                target = (page.parent / path / "index.html").resolve()
                assert target.exists(), (page, href)
                assert anchor in anchors_of(target), (page, href)


def test_citations_carry_the_article_title_as_tooltip(site_dir: Path):
    html = (site_dir / "huong-dan" / "quen-mat-khau" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="hb-cite" href="../../quy-che/#dieu-13-e" title="Điều 13. Trách nhiệm của CBGVNV">'
                     r'Điều 13, điểm e</a>', html)
    en = (site_dir / "en" / "huong-dan" / "quen-mat-khau" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="hb-cite" href="../../quy-che/#dieu-13-e" title="Article 13\. [^"]+">'
                     r'Article 13, point e</a>', en)


def test_back_links_on_the_quy_che_match_the_citations(site_dir: Path):
    links = backlinks(real_project().guides, real_regulation())
    expected = {number: {g.id for g, _ in pairs} for number, pairs in links.items()}
    for lang_root in (site_dir, site_dir / "en"):
        html = (lang_root / "quy-che" / "index.html").read_text(encoding="utf-8")
        found: dict[int, set[str]] = {}
        for article in real_regulation().articles:
            start = html.index(f'id="dieu-{article.number}"')
            nxt = html.find('class="hb-article"', start + 10)
            chunk = html[start: nxt if nxt > 0 else len(html)]
            guides = set(re.findall(r'<a href="\.\./huong-dan/([^/]+)/">', chunk))
            if guides:
                found[article.number] = guides
        assert found == expected


def test_advice_is_labelled_as_not_a_rule(site_dir: Path):
    text = htmltext.main_text(site_dir / "huong-dan" / "tep-dinh-kem" / "index.html")
    assert "Lời khuyên (không phải quy định)" in text and "Quy chế yêu cầu" in text
    en = htmltext.main_text(site_dir / "en" / "huong-dan" / "tep-dinh-kem" / "index.html")
    assert "Advice (not a rule)" in en and "The Regulation requires" in en


def test_checklist_advice_never_cites():
    items = [i for g in real_project().guides for i in g.checklist]
    assert all(not i.cite for i in items if i.advice)
    assert sum(i.advice for i in items) >= 13  # the advice the guides' checklists carried unmarked


@pytest.mark.parametrize("prefix,label", [("", "Lời khuyên (không phải quy định):"), ("en/", "Advice (not a rule):")])
def test_checklist_advice_is_labelled_as_advice(site_dir: Path, prefix: str, label: str):
    for g in real_project().guides:
        html = (site_dir / prefix / "huong-dan" / g.id / "index.html").read_text(encoding="utf-8")
        checklist = re.search(r'<ul class="hb-checklist">(.*?)</ul>', html, re.S).group(1)
        items = re.findall(r'<li( class="hb-checklist__advice")?>(.*?)</li>', checklist, re.S)
        assert [bool(cls) for cls, _ in items] == [i.advice for i in g.checklist], g.id
        for cls, body in items:
            text = re.sub(r"<[^>]+>", "", body)
            assert (label in text) == bool(cls), (g.id, text)
            assert not (cls and 'class="hb-cite"' in body), (g.id, text)


def all_texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in all_texts(v)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in all_texts(v)]
    return []


# 13e: "phải báo với cán bộ phụ trách về công nghệ thông tin của đơn vị để liên hệ với Sở GD&ĐT Hà Nội…"
# does not say who makes the contact; nothing we write may make the IT staff member its subject.
IT_CONTACTS = re.compile(r"(công nghệ thông tin|CNTT|cán bộ này)( của (trường|đơn vị))? liên hệ"
                         r"|, who contacts|(IT|IT officer|in charge of IT) contacts", re.I)


def test_no_text_says_who_contacts_the_so_about_a_forgotten_password():
    texts = [t for f in sorted((ROOT / "guides").glob("*.yml")) for t in all_texts(load_yaml(f))]
    texts += [(ROOT / "docs" / f"thuat-ngu.{lang}.md").read_text(encoding="utf-8") for lang in ("vi", "en")]
    assert [t for t in texts if IT_CONTACTS.search(t)] == []


def test_vietnamese_guides_address_staff_as_thay_co():
    vi = [t for f in sorted((ROOT / "guides").glob("*.yml")) for t in all_texts(vi_only(load_yaml(f)))]
    vi += [v["vi"] for v in load_yaml(ROOT / "scripts" / "handbook" / "strings.yml").values()]
    assert [t for t in vi if re.search(r"\bbạn\b", t, re.I)] == []


def vi_only(value: object) -> object:
    if isinstance(value, dict):
        return value["vi"] if set(value) == {"vi", "en"} else {k: vi_only(v) for k, v in value.items()}
    if isinstance(value, list):
        return [vi_only(v) for v in value]
    return value if not isinstance(value, str) else ""


# -- broken input -----------------------------------------------------------------------------------

def run_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handbook.cli", "--root", str(project), "check"],
                          capture_output=True, text=True)


def test_a_broken_citation_fails_the_check_and_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    guide = project / "guides" / "quen-mat-khau.yml"
    text = guide.read_text(encoding="utf-8")
    line = text.split("\n").index("        cite: [dieu-13-d]") + 1
    guide.write_text(text.replace("        cite: [dieu-13-d]", "        cite: [dieu-13-x]", 1), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert f"guides/quen-mat-khau.yml:{line}: trích dẫn 'dieu-13-x' không có trong Quy chế" in result.stderr
    out = tmp_path / "site"
    build = build_site(project, out)
    assert build.returncode != 0 and "dieu-13-x" in build.stderr
    assert not (out / "index.html").exists()


def test_schema_errors_name_the_line(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    guide = project / "guides" / "kiem-tra-hop-thu.yml"
    lines = guide.read_text(encoding="utf-8").split("\n")
    idx = next(i for i, line in enumerate(lines) if line.strip().startswith("who:"))
    lines[idx] = lines[idx].replace("who:", "whom:")
    guide.write_text("\n".join(lines), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert f"guides/kiem-tra-hop-thu.yml:{idx + 1}:" in result.stderr and "whom" in result.stderr


def test_an_advice_item_that_cites_fails_the_check(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    guide = project / "guides" / "tep-dinh-kem.yml"
    lines = guide.read_text(encoding="utf-8").split("\n")
    idx = lines.index("    advice: true")
    lines.insert(idx + 1, "    cite: [dieu-8-d]")
    guide.write_text("\n".join(lines), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    item_line = max(i for i in range(idx) if lines[i] == "  - text:") + 1
    assert f"guides/tep-dinh-kem.yml:{item_line}:" in result.stderr and "advice: true" in result.stderr
