"""The query table: what staff type, and the result that must come FIRST (what Enter opens).

Written the way staff type on a phone: without diacritics, stopped mid-word, with the Vietnamese
input method off (raw Telex or VNI), with one typo, in capitals; English on /en/. Each row names the
page and anchor that must be the best result; a tuple accepts any of its members (only where the
handbook holds the same thing twice, e.g. a glossary term and the step that explains it).

The expectations follow one reading of "what staff mean":
- a query that is a glossary term, an article heading, a guide title or a step title (or one part
  of it, split at commas, colons, brackets) lands there;
- a query that names a task (the start of a guide title: "gui van ban", "quen mat khau") lands on
  the guide;
- "Điều 13", "điều 13 điểm e", "chương 3", "Article 10 paragraph 4" land on that unit;
- words found only in body text land where they stand together, the regulation before a guide
  that quotes it."""

from __future__ import annotations

Expected = str | tuple[str, ...]

# --- Vietnamese site (/) ------------------------------------------------------------------------
TASKS = [  # a task named: its guide, or the step of a guide
    ("quen mat khau", "/huong-dan/quen-mat-khau/"),
    ("gui van ban", "/huong-dan/gui-van-ban/"),
    ("gui van ban chinh thuc", "/huong-dan/gui-van-ban/"),
    ("nhan van ban", "/huong-dan/nhan-van-ban/"),
    ("thu hoi van ban", "/huong-dan/thu-hoi-khi-gui/"),
    ("nhan thong bao thu hoi", "/huong-dan/thu-hoi-khi-nhan/"),
    ("dang nhap lan dau", "/huong-dan/dang-nhap-lan-dau/"),
    ("dang nhap hop thu", "/huong-dan/dang-nhap-lan-dau/"),
    ("kiem tra hop thu", "/huong-dan/kiem-tra-hop-thu/"),
    ("tep dinh kem", "/huong-dan/tep-dinh-kem/"),
    ("dinh kem", "/huong-dan/tep-dinh-kem/"),
    ("giu an toan hop thu", "/huong-dan/bao-ve-hop-thu/"),
    ("tuan dau tien", "/huong-dan/tuan-dau-tien/"),
    ("the tra cuu nhanh", "/huong-dan/the-tra-cuu-nhanh/"),
    ("cac dia chi thu dien tu cua truong", "/huong-dan/dia-chi-cua-truong/"),
    ("doi mat khau", "/huong-dan/dang-nhap-lan-dau/#doi-mat-khau"),
    ("huy bo van ban", "/huong-dan/thu-hoi-khi-nhan/#huy-bo-van-ban"),
    ("xin y kien hieu truong", "/huong-dan/nhan-van-ban/#xin-y-kien-hieu-truong"),
    ("tep lon hon 10mb", "/huong-dan/tep-dinh-kem/#tep-qua-lon"),
    ("kiem tra dung luong", "/huong-dan/tep-dinh-kem/#kiem-tra-dung-luong"),
    ("chon dinh dang tep", "/huong-dan/tep-dinh-kem/#chon-dinh-dang"),
    ("mo hop thu ngoai gio", "/huong-dan/kiem-tra-hop-thu/#mo-ngoai-gio"),
    ("tranh virus", "/huong-dan/bao-ve-hop-thu/#tranh-virus-thu-rac"),
    ("luu tru thu", "/huong-dan/bao-ve-hop-thu/#luu-tru-thu"),
    ("bao cho can bo cong nghe thong tin", "/huong-dan/quen-mat-khau/#bao-can-bo-cntt"),
    ("chuyen van ban den bo phan", "/huong-dan/nhan-van-ban/#chuyen-bo-phan"),
    ("tiep nhan van ban", "/huong-dan/nhan-van-ban/#tiep-nhan"),
    ("phe duyet thong bao thu hoi", "/huong-dan/thu-hoi-khi-gui/#phe-duyet-thong-bao"),
    ("theo doi sau khi gui", "/huong-dan/thu-hoi-khi-gui/#theo-doi"),
    ("dia chi duoc cong khai", "/huong-dan/dia-chi-cua-truong/#dia-chi-cong-khai"),
    ("dung hop thu dung muc dich", "/huong-dan/bao-ve-hop-thu/#dung-dung-muc-dich"),
    ("giu bi mat mat khau", "/huong-dan/bao-ve-hop-thu/#giu-mat-khau"),
]

TERMS = [  # a glossary term
    ("mat khau", "/thuat-ngu/#mat-khau"),
    ("ky so", "/thuat-ngu/#ky-so"),
    ("thu rac", "/thuat-ngu/#thu-rac"),
    ("virus", "/thuat-ngu/#virus-tep-exe-com"),
    ("exe", "/thuat-ngu/#virus-tep-exe-com"),
    ("hop thu", "/thuat-ngu/#hop-thu-dien-tu"),
    ("hop thu dien tu", "/thuat-ngu/#hop-thu-dien-tu"),
    ("nhom thu dien tu", "/thuat-ngu/#nhom-thu-dien-tu"),
    ("ban giam hieu", "/thuat-ngu/#ban-giam-hieu"),
    ("bgh", "/thuat-ngu/#ban-giam-hieu"),
    ("hieu truong", "/thuat-ngu/#hieu-truong"),
    ("noi nhan", "/thuat-ngu/#noi-nhan"),
    ("dung luong", "/thuat-ngu/#dung-luong"),
    ("cbgvnv", "/thuat-ngu/#cbgvnv"),
    ("cbgv", "/thuat-ngu/#cbgv"),
    ("thu hoi", "/thuat-ngu/#thu-hoi-thong-bao-thu-hoi"),
    ("thong bao thu hoi", "/thuat-ngu/#thu-hoi-thong-bao-thu-hoi"),
    ("ben nhan", "/thuat-ngu/#ben-gui-ben-nhan"),
    ("dinh dang tai lieu mo", "/thuat-ngu/#dinh-dang-tai-lieu-mo"),
    ("tinh xac thuc", "/thuat-ngu/#tinh-toan-ven-tinh-xac-thuc"),
    ("van ban dien tu", "/thuat-ngu/#van-ban-dien-tu-van-ban-giay"),
    ("so gd dt ha noi", "/thuat-ngu/#so-gd-dt-ha-noi"),
    ("phong gd", "/thuat-ngu/#phong-gd-dt-quan-long-bien"),
    ("ubnd quan long bien", "/thuat-ngu/#ubnd-quan-long-bien"),
    ("nam hoc", "/thuat-ngu/#nam-hoc"),
    ("dia chi thu dien tu cua truong", "/thuat-ngu/#dia-chi-thu-dien-tu-cua-truong"),
    ("can bo phu trach cong nghe thong tin", "/thuat-ngu/#can-bo-phu-trach-cong-nghe-thong-tin"),
    ("thu dien tu", "/thuat-ngu/#thu-dien-tu"),
]

REGULATION = [  # a unit of the Quy chế or the Decision, by number, heading or its own words
    ("dieu 13", "/quy-che/#dieu-13"),
    ("dieu 9", "/quy-che/#dieu-9"),
    ("dieu 1", "/quy-che/#dieu-1"),
    ("dieu 13 e", "/quy-che/#dieu-13-e"),
    ("dieu 13 diem e", "/quy-che/#dieu-13-e"),
    ("diem d dieu 8", "/quy-che/#dieu-8-d"),
    ("dieu 10 doan 4", "/quy-che/#dieu-10-4"),
    ("chuong 3", "/quy-che/#chuong-3"),
    ("quy trinh gui thu dien tu", "/quy-che/#dieu-10"),
    ("quy trinh nhan thu", "/quy-che/#dieu-11"),
    ("trach nhiem cua ban giam hieu", "/quy-che/#dieu-12"),
    ("thoi gian mo hop thu", "/quy-che/#dieu-9"),
    ("to chuc thuc hien", "/quy-che/#dieu-14"),
    ("nguyen tac chung", "/quy-che/#dieu-4"),
    ("giai thich tu ngu", "/quy-che/#dieu-1"),
    ("pham vi doi tuong ap dung", "/quy-che/#dieu-2"),
    ("to chuc he thong", "/quy-che/#dieu-5"),
    ("hanh vi pha hoai", "/quy-che/#dieu-4-d"),
    ("nang cap ha tang", "/quy-che/#dieu-12-b"),
    ("ky thuat tin hoc", "/quy-che/#dieu-13-g"),
    ("c1thanham", "/quy-che/#dieu-6-2"),
    ("ththanham", "/quy-che/#dieu-6-3"),
    ("can cu thong tu", "/quyet-dinh/#qd-can-cu-1"),
    ("thong tu 37", "/quyet-dinh/#qd-can-cu-1"),
    ("thuy van", "/quyet-dinh/#qd-chu-ky"),
]

SYNONYMS = [  # regulations/synonyms.yml: what staff say for what the text says
    ("mat ma", "/thuat-ngu/#mat-khau"),
    ("pass", "/thuat-ngu/#mat-khau"),
    ("email", "/thuat-ngu/#thu-dien-tu"),
    ("spam", "/thuat-ngu/#thu-rac"),
    ("hom thu", "/thuat-ngu/#hop-thu-dien-tu"),
    ("chu ky so", "/thuat-ngu/#ky-so"),
    ("vi rut", "/thuat-ngu/#virus-tep-exe-com"),
    ("virut", "/thuat-ngu/#virus-tep-exe-com"),
    ("hieu pho", "/thuat-ngu/#ban-giam-hieu"),
    ("file dinh kem", "/huong-dan/tep-dinh-kem/"),
    ("tai khoan", "/thuat-ngu/#hop-thu-dien-tu"),
    # The step says it in these words, Điều 9 (found through the synonym) in its own.
    ("gio lam viec", ("/huong-dan/kiem-tra-hop-thu/#mo-trong-gio-lam-viec", "/quy-che/#dieu-9")),
]

PREFIXES = [  # stopped mid-word: only the last syllable is a prefix
    ("quen mat kh", "/huong-dan/quen-mat-khau/"),
    ("gui van b", "/huong-dan/gui-van-ban/"),
    ("dang nha", "/huong-dan/dang-nhap-lan-dau/"),
    ("tep dinh k", "/huong-dan/tep-dinh-kem/"),
    ("thu hoi van b", "/huong-dan/thu-hoi-khi-gui/"),
    ("kiem tra hop t", "/huong-dan/kiem-tra-hop-thu/"),
    ("ky s", "/thuat-ngu/#ky-so"),
    ("mat kha", "/thuat-ngu/#mat-khau"),
    ("nhom th", "/thuat-ngu/#nhom-thu-dien-tu"),
    ("thu ra", "/thuat-ngu/#thu-rac"),
    ("ban giam h", "/thuat-ngu/#ban-giam-hieu"),
    ("tuan dau t", "/huong-dan/tuan-dau-tien/"),
]

TELEX = [  # the input method switched off: raw Telex, alone or mixed with plain letters
    ("maatj khaaur", "/thuat-ngu/#mat-khau"),
    ("maajt khaaru", "/thuat-ngu/#mat-khau"),
    ("quene maatj khaaur", "/huong-dan/quen-mat-khau/"),
    ("guwir vawn banr", "/huong-dan/gui-van-ban/"),
    ("kys soos", "/thuat-ngu/#ky-so"),
    ("thuw racs", "/thuat-ngu/#thu-rac"),
    ("ddinhs kemf", "/huong-dan/tep-dinh-kem/"),
    ("hieeuj truowngr", "/thuat-ngu/#hieu-truong"),
    ("thu hooif", "/thuat-ngu/#thu-hoi-thong-bao-thu-hoi"),
    ("nhaanj vawn banr", "/huong-dan/nhan-van-ban/"),
    ("ddawng nhaapj lanf ddaauf", "/huong-dan/dang-nhap-lan-dau/"),
    ("mat khaaur", "/thuat-ngu/#mat-khau"),
    ("quen maatj khau", "/huong-dan/quen-mat-khau/"),
    ("gui vawn ban", "/huong-dan/gui-van-ban/"),
    ("ddieeuf 13", "/quy-che/#dieu-13"),
]

VNI = [
    ("ma65t kha63u", "/thuat-ngu/#mat-khau"),
    ("mat65 khau63", "/thuat-ngu/#mat-khau"),
    ("gu7i3 va8n ba3n", "/huong-dan/gui-van-ban/"),
    ("ky1 so61", "/thuat-ngu/#ky-so"),
    ("que6n ma65t kha63u", "/huong-dan/quen-mat-khau/"),
    ("thu7 ra1c", "/thuat-ngu/#thu-rac"),
    ("d9ang8 nha65p", "/huong-dan/dang-nhap-lan-dau/"),
    ("quen ma65t khau", "/huong-dan/quen-mat-khau/"),
    ("hie65u tru7o7ng3", "/thuat-ngu/#hieu-truong"),
]

TYPOS = [  # one slip in a syllable of four letters or more
    ("mat khua", "/thuat-ngu/#mat-khau"),
    ("quen mat khaua", "/huong-dan/quen-mat-khau/"),
    ("dihn kem", "/huong-dan/tep-dinh-kem/"),
    ("hieu truogn", "/thuat-ngu/#hieu-truong"),
    ("thogn bao thu hoi", "/thuat-ngu/#thu-hoi-thong-bao-thu-hoi"),
    ("dang nhapp lan dau", "/huong-dan/dang-nhap-lan-dau/"),
    ("kiemm tra hop thu", "/huong-dan/kiem-tra-hop-thu/"),
    ("virsu", "/thuat-ngu/#virus-tep-exe-com"),
    ("tep dinnh kem", "/huong-dan/tep-dinh-kem/"),
]

WRITTEN = [  # capitals, diacritics as typed, half-accented, old/new tone placement, NFD
    ("QUEN MAT KHAU", "/huong-dan/quen-mat-khau/"),
    ("Gửi Văn Bản", "/huong-dan/gui-van-ban/"),
    ("MẬT KHẨU", "/thuat-ngu/#mat-khau"),
    ("mật khau", "/thuat-ngu/#mat-khau"),
    ("quên mật khẩu", "/huong-dan/quen-mat-khau/"),
    ("đăng nhập lần đầu", "/huong-dan/dang-nhap-lan-dau/"),
    ("Điều 13", "/quy-che/#dieu-13"),
    ("huỷ bỏ văn bản", "/huong-dan/thu-hoi-khi-nhan/#huy-bo-van-ban"),
    ("uỷ ban nhân dân", "/thuat-ngu/#ubnd-quan-long-bien"),
    ("Thuý Vân", "/quyet-dinh/#qd-chu-ky"),
    ("m\u0061\u0323\u0302t kh\u0061\u0302\u0309u", "/thuat-ngu/#mat-khau"),  # NFD: marks typed apart
    ("Thu Hồi", "/thuat-ngu/#thu-hoi-thong-bao-thu-hoi"),
]

VIETNAMESE: list[tuple[str, Expected]] = [*TASKS, *TERMS, *REGULATION, *SYNONYMS, *PREFIXES, *TELEX, *VNI,
                                          *TYPOS, *WRITTEN]

# --- English site (/en/) ------------------------------------------------------------------------
ENGLISH: list[tuple[str, Expected]] = [
    ("forgot password", "/en/huong-dan/quen-mat-khau/"),
    ("forgotten password", "/en/huong-dan/quen-mat-khau/"),
    ("FORGOT PASSWORD", "/en/huong-dan/quen-mat-khau/"),
    ("forgot passw", "/en/huong-dan/quen-mat-khau/"),
    ("password", "/en/thuat-ngu/#mat-khau"),
    ("passwrod", "/en/thuat-ngu/#mat-khau"),
    ("change password", "/en/huong-dan/dang-nhap-lan-dau/#doi-mat-khau"),
    ("keep password secret", "/en/huong-dan/bao-ve-hop-thu/#giu-mat-khau"),
    ("recall", "/en/huong-dan/thu-hoi-khi-gui/"),
    ("recalling", "/en/huong-dan/thu-hoi-khi-gui/"),
    ("recall notice", "/en/thuat-ngu/#thu-hoi-thong-bao-thu-hoi"),
    ("delete recalled document", "/en/huong-dan/thu-hoi-khi-nhan/#huy-bo-van-ban"),
    ("attachment", "/en/huong-dan/tep-dinh-kem/"),
    ("attachments", "/en/huong-dan/tep-dinh-kem/"),
    ("10MB", "/en/huong-dan/tep-dinh-kem/#tep-qua-lon"),
    ("virus", "/en/thuat-ngu/#virus-tep-exe-com"),
    ("viruses", "/en/thuat-ngu/#virus-tep-exe-com"),
    ("avoid viruses", "/en/huong-dan/bao-ve-hop-thu/#tranh-virus-thu-rac"),
    ("spam", "/en/thuat-ngu/#thu-rac"),
    ("email group", "/en/thuat-ngu/#nhom-thu-dien-tu"),
    ("email", "/en/thuat-ngu/#thu-dien-tu"),
    ("mailbox", "/en/thuat-ngu/#hop-thu-dien-tu"),
    ("checking mailbox", "/en/huong-dan/kiem-tra-hop-thu/"),
    ("check my mailbox", "/en/huong-dan/kiem-tra-hop-thu/"),
    ("working hours", "/en/huong-dan/kiem-tra-hop-thu/#mo-trong-gio-lam-viec"),
    ("school email address", "/en/huong-dan/dia-chi-cua-truong/"),
    ("Article 13", "/en/quy-che/#dieu-13"),
    ("article 13 point e", "/en/quy-che/#dieu-13-e"),
    ("article 10 paragraph 4", "/en/quy-che/#dieu-10-4"),
    ("chapter 3", "/en/quy-che/#chuong-3"),
    ("implementation", "/en/quy-che/#dieu-14"),
    ("responsibilities of staff", "/en/quy-che/#dieu-13"),
    ("times for opening the mailbox", "/en/quy-che/#dieu-9"),
    ("digital signature", "/en/thuat-ngu/#ky-so"),
    ("digitally sign", "/en/thuat-ngu/#ky-so"),
    ("first login", "/en/huong-dan/dang-nhap-lan-dau/"),
    ("receiving an official document", "/en/huong-dan/nhan-van-ban/"),
    ("principal", "/en/thuat-ngu/#hieu-truong"),
    ("school leadership board", "/en/thuat-ngu/#ban-giam-hieu"),
    ("staff member in charge of IT", "/en/thuat-ngu/#can-bo-phu-trach-cong-nghe-thong-tin"),
    ("open document format", "/en/thuat-ngu/#dinh-dang-tai-lieu-mo"),
    ("quick reference card", "/en/huong-dan/the-tra-cuu-nhanh/"),
    ("first week", "/en/huong-dan/tuan-dau-tien/"),
    ("new staff", "/en/huong-dan/tuan-dau-tien/"),
    ("paper document", "/en/thuat-ngu/#van-ban-dien-tu-van-ban-giay"),
    ("integrity", "/en/thuat-ngu/#tinh-toan-ven-tinh-xac-thuc"),
    ("Hanoi Department of Education", "/en/thuat-ngu/#so-gd-dt-ha-noi"),
    ("mật khẩu", "/en/thuat-ngu/#mat-khau"),
    ("mat khau", "/en/thuat-ngu/#mat-khau"),
    ("decision 24", "/en/quyet-dinh/"),
]

# Two syllables that must be found together: the best result holds them side by side (the issue:
# "bao mat" opened on "bảo quản mật khẩu", "hieu truong" on "giám hiệu … trường").
ADJACENT = ["bao mat", "hieu truong", "bao quan", "van ban giay", "an toan", "cong khai"]
