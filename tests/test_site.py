"""The built site (mkdocs build --strict on the real content): verbatim text, IDs, languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from handbook.parser import load, strip_bold

from .support import htmltext
from .support.project import OFFICIAL


def official_lines() -> list[str]:
    return [strip_bold(line) for line in OFFICIAL.read_text(encoding="utf-8").split("\n") if line.strip()]


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_every_line_of_the_official_text_is_on_the_vietnamese_pages_verbatim(site_dir: Path):
    text = " ".join(htmltext.main_text(site_dir / page / "index.html") for page in ("quyet-dinh", "quy-che"))
    missing = [line for line in official_lines() if " ".join(line.split()) not in text]
    assert missing == []
    assert len(official_lines()) == 94  # every non-empty line of the file


def test_file_patterns_are_not_turned_into_emphasis(site_dir: Path):
    html = (site_dir / "quy-che" / "index.html").read_text(encoding="utf-8")
    assert "(*.exe, *.com ...)" in html and "(*.pdf, *.doc, *.xls...)" in html
    point = re.search(r'<p class="hb-point" id="dieu-8-d">.*?</p>', html, re.S).group(0)
    assert "<em>" not in point


def official_ids(page: Path) -> set[str]:
    return {i for i in htmltext.parse(page).ids if re.match(r"^(dieu|chuong|qd|qc)-", i)}


def test_every_unit_has_the_same_anchor_in_both_languages(site_dir: Path):
    model = {u.id for u in load(OFFICIAL)[0].units()}
    for page in ("quy-che", "quyet-dinh"):
        vi = official_ids(site_dir / page / "index.html")
        en = official_ids(site_dir / "en" / page / "index.html")
        assert vi == en
    both = official_ids(site_dir / "quy-che" / "index.html") | official_ids(site_dir / "quyet-dinh" / "index.html")
    assert model <= both
    assert {"dieu-13", "dieu-13-e", "dieu-10-4", "qd-dieu-3", "chuong-6"} <= both


def test_no_heading_slug_loses_its_d(site_dir: Path):
    for page in html_files(site_dir):
        ids = htmltext.parse(page).ids
        assert not [i for i in ids if i.startswith("ieu-")], page


def test_english_site_has_all_articles_and_the_decision(site_dir: Path):
    text = htmltext.main_text(site_dir / "en" / "quy-che" / "index.html")
    for n in range(1, 15):
        assert f"Article {n}. " in text
    assert "The Vietnamese text is the only official version" in text
    decision = htmltext.main_text(site_dir / "en" / "quyet-dinh" / "index.html")
    for n in (1, 2, 3):
        assert f"Article {n}." in decision
    assert "24/QĐ-THTA" in decision


def test_english_point_labels_match_the_vietnamese(site_dir: Path):
    def labels(path: Path) -> list[tuple[str, str]]:
        html = path.read_text(encoding="utf-8")
        return re.findall(r'<p class="hb-point" id="([^"]+)">(?:<span class="hb-dash">[^<]*</span>)?'
                          r'<a class="hb-label"[^>]*>([^<]+)</a>', html)

    vi = labels(site_dir / "quy-che" / "index.html")
    assert len(vi) == 26  # a–b, a–e, a–e, a–g, a–g, a–b
    assert vi == labels(site_dir / "en" / "quy-che" / "index.html")


@pytest.mark.parametrize("lang,prefix", [("vi", ""), ("en", "en/")])
def test_lang_attribute_and_interface_language(site_dir: Path, lang: str, prefix: str):
    for page in (site_dir / prefix).rglob("index.html") if prefix else [
            p for p in site_dir.rglob("index.html") if not p.relative_to(site_dir).as_posix().startswith("en/")]:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, page
    home = (site_dir / prefix / "index.html").read_text(encoding="utf-8")
    assert ('placeholder="Tìm kiếm"' if lang == "vi" else 'placeholder="Search"') in home


def test_about_block_states_version_facts(site_dir: Path):
    text = htmltext.main_text(site_dir / "quy-che" / "index.html")
    for fact in ("24/QĐ-THTA", "11/10/2022", "Nguyễn Thị Thúy Vân", "Hiệu trưởng", "2022–2023", "Đang có hiệu lực"):
        assert fact in text
    en = htmltext.main_text(site_dir / "en" / "quy-che" / "index.html")
    for fact in ("24/QĐ-THTA", "11 October 2022", "Principal", "In force"):
        assert fact in en


def test_no_request_leaves_the_site(site_dir: Path):
    for page in html_files(site_dir):
        for tag, attrs in htmltext.parse(page).tags:
            url = attrs.get("src") if tag in ("script", "img", "iframe") else (
                attrs.get("href") if tag == "link" and attrs.get("rel") not in ("alternate", "canonical") else None)
            if url:
                assert not re.match(r"^(https?:)?//", url), f"{page}: {tag} {url}"
    css = "".join(p.read_text(encoding="utf-8") for p in site_dir.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_hreflang_links_are_absolute_pairs(site_dir: Path):
    html = (site_dir / "quy-che" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert links["vi"].endswith("/quy-che/") and links["en"].endswith("/en/quy-che/")
    assert all(re.match(r"^https?://", href) for href in links.values())
    back = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"',
                           (site_dir / "en" / "quy-che" / "index.html").read_text(encoding="utf-8")))
    assert back["vi"] == links["vi"] and back["en"] == links["en"]


def test_every_page_has_a_description_and_hreflang_pairs(site_dir: Path):
    for page in html_files(site_dir):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert m and len(m.group(1)) > 40, page
        langs = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="https?://', html))
        assert langs == {"vi", "en", "x-default"}, page


def test_a_sitemap_per_language_and_robots(site_dir: Path):
    vi = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    en = (site_dir / "en" / "sitemap.xml").read_text(encoding="utf-8")
    vi_locs, en_locs = re.findall(r"<loc>([^<]+)</loc>", vi), re.findall(r"<loc>([^<]+)</loc>", en)
    assert len(vi_locs) == len(en_locs) > 25
    assert not [u for u in vi_locs if "/en/" in u] and all("/en/" in u for u in en_locs)
    assert vi.count('hreflang="x-default"') == len(vi_locs)
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", robots, re.M)
    assert re.search(r"^Sitemap: https?://\S+/en/sitemap\.xml$", robots, re.M)


def test_a_useful_404_page_in_each_language(site_dir: Path):
    vi = (site_dir / "404.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vi and "<h1>Không tìm thấy trang này</h1>" in vi and '<div lang="en">' in vi
    assert '<html lang="en"' in en and "<h1>Page not found</h1>" in en and '<div lang="vi">' in en
    for html in (vi, en):
        assert re.search(r'href="[^"]*quy-che/"', html) and re.search(r'href="[^"]*en/quy-che/"', html)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_home_page_tasks_link_to_their_guides(site_dir: Path, prefix: str):
    html = (site_dir / prefix / "index.html").read_text(encoding="utf-8")
    tasks = next(p for p in re.findall(r"<p>.*?</p>", html, re.S) if "huong-dan/quen-mat-khau/" in p)
    linked = re.findall(r'<a href="huong-dan/([a-z-]+)/(#[a-z-]+)?">', tasks)
    assert linked == [("dang-nhap-lan-dau", ""), ("quen-mat-khau", ""), ("gui-van-ban", ""),
                      ("tep-dinh-kem", "#tep-qua-lon")]


def test_english_decision_and_regulation_wording(site_dir: Path):
    decision = htmltext.main_text(site_dir / "en" / "quyet-dinh" / "index.html")
    assert decision.count("Pursuant to ") == 4 and "Based on" not in decision
    assert "made up of 6 chapters and 14 articles" in decision and "06 chapters" not in decision
    text = htmltext.main_text(site_dir / "en" / "quy-che" / "index.html")
    assert "General Provisions" in text and "General Rules" not in text
    assert "01 type" not in text and "teachername.hni@moet.edu.vn, where teachername stands for" in text


def test_english_table_of_contents_separates_chapter_numbers_from_titles(site_dir: Path):
    html = (site_dir / "en" / "quy-che" / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<a href="#chuong-\d" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>',
                        html)
    assert len(labels) >= 6 and labels[1] == "Chapter II. Rules on Providing and Administering Email"
    assert all(re.match(r"Chapter [IVX]+\. \S", label) for label in labels)


# Vietnamese letters that English never uses; names and document numbers are allowed to keep theirs.
VIETNAMESE = re.compile("[ăâđêôơư\u0300-\u0323"
                        "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
NAMES = ("24/QĐ-THTA", "Long Biên", "Nguyễn Thị Thúy Vân", "Sở GD&ĐT", "Phòng GD&ĐT", "Tiếng Việt")


def test_english_pages_have_no_vietnamese_tooltips_or_labels(site_dir: Path):
    found = []
    for page in html_files(site_dir / "en"):
        for tag, attrs in htmltext.parse(page).tags:
            for name in ("title", "aria-label", "alt", "placeholder"):
                value = attrs.get(name) or ""
                for allowed in NAMES:
                    value = value.replace(allowed, "")
                if VIETNAMESE.search(value):
                    found.append((page.relative_to(site_dir).as_posix(), tag, name, attrs.get(name)))
    assert found == []


@pytest.mark.parametrize("prefix,present,absent", [
    ("", ("Chuyển đến nội dung chính", "Lên đầu trang", "Đang tải chỉ mục tìm kiếm…", "Tìm thấy # trang phù hợp",
          "Thêm # đoạn phù hợp trong trang này"),
     ("Initializing search", "Trở lại mục lục", ">Bỏ qua<", "từ khác trong trang", "tài liệu liên quan")),
    ("en/", ("Skip to content", "Back to top", "Initializing search", "# more on this page"), ("Lên đầu trang",)),
])
def test_theme_interface_strings_are_in_the_page_language(site_dir: Path, prefix: str, present: tuple[str, ...],
                                                         absent: tuple[str, ...]):
    html = (site_dir / prefix / "huong-dan" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    text = html + " ".join(config["translations"].values())  # search result strings live in Material's config
    assert [s for s in present if s not in text] == []
    assert [s for s in absent if s in text] == []


def test_english_regulation_explains_the_vietnamese_point_letters(site_dir: Path):
    en = htmltext.main_text(site_dir / "en" / "quy-che" / "index.html")
    assert "Vietnamese has no letter f, so point e is followed by point g" in en and "between d and e" in en
    assert 'class="hb-alphabet-note"' not in (site_dir / "quy-che" / "index.html").read_text(encoding="utf-8")
