"""Building for publication: a failed build never replaces the site that is already there.

The site is built into a temporary folder beside site/; only when the build succeeds is it swapped
in (rename, then delete the old one). With --offline, a second build made with Material's offline
plugin (file:// links, search included) is zipped into dist/ for sharing on a drive or USB stick."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .site import GENERATED_DIRS

OFFLINE_ZIP = Path("dist") / "so-tay-thu-dien-tu-offline.zip"
# What a build reads: content, hand-written pages and the MkDocs configuration.
SOURCES = ("regulations", "guides", "quizzes", "docs", "mkdocs.yml")


def copy_sources(root: Path, dest: Path, ignore: tuple[str, ...] = ()) -> Path:
    """A copy of the project's sources without the pages the plugin generates into docs/, for builds
    that must leave the project alone (tests that break content, benchmarks that enlarge it)."""
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED_DIRS, *ignore))
        else:
            shutil.copy2(src, dest / name)
    return dest


def mkdocs_build(root: Path, out: Path, env: dict[str, str] | None = None) -> bool:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
    return result.returncode == 0


def swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def zip_folder(folder: Path, zip_path: Path, top: str) -> None:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, f"{top}/{path.relative_to(folder).as_posix()}")


def build(root: Path, offline: bool = False, site: str = "site") -> int:
    target = root / site
    fresh = root / f".{site}-new"
    if fresh.exists():
        shutil.rmtree(fresh)
    if not mkdocs_build(root, fresh):
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"✗ Xây dựng thất bại: {site}/ cũ được giữ nguyên.", file=sys.stderr)
        return 1
    if offline:
        copy = root / f".{site}-offline"
        if copy.exists():
            shutil.rmtree(copy)
        if not mkdocs_build(root, copy, {"HANDBOOK_OFFLINE": "true"}):
            shutil.rmtree(copy, ignore_errors=True)
            shutil.rmtree(fresh, ignore_errors=True)
            print(f"✗ Bản offline thất bại: {site}/ cũ được giữ nguyên.", file=sys.stderr)
            return 1
        zip_folder(copy, root / OFFLINE_ZIP, "so-tay-thu-dien-tu")
        shutil.rmtree(copy)
        print(f"✓ Bản dùng không cần mạng: {OFFLINE_ZIP} (giải nén, mở index.html)")
    swap_in(fresh, target)
    print(f"✓ Đã xây dựng trang vào {site}/ — chép thư mục này lên máy chủ web.")
    return 0
