"""Building for publication: a failed build never replaces the site that is already there.

`build()` holds the project lock (a second build waits for the first, then builds; nothing interleaves),
runs `mkdocs build --strict` exactly as a maintainer would (every warning stops it, and is shown), into a
fresh temporary folder beside the published one, and only when that succeeds swaps it in with renames.
site/ may be a symbolic link to the web server's folder: the build is then deployed into its target.
With --offline, a second build made with Material's offline plugin (file:// links, search included) is
zipped into dist/ (written to a temporary file, then renamed).

`publish()` is what the desk's "Xuất bản" and `handbook build --deploy` do: the build above with the offline
zip, then the deploy command the school configured (school.yml `publish.deploy`, a list of arguments run
without a shell, so it works on Windows too). When the deploy fails, site/ and the zip are put back as they
were before, so what is published and what site/ holds never disagree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import fsutil
from .routes import GENERATED_DIRS

OFFLINE_ZIP = Path("dist") / "so-tay-thu-dien-tu-offline.zip"
# What a build reads: content, hand-written pages and the MkDocs configuration.
SOURCES = ("regulations", "guides", "quizzes", "docs", "mkdocs.yml", "mkdocs.materialx.yml")
# The second build stack (ProperDocs + mkdocs-materialx, in its own virtual environment) is chosen with
# HANDBOOK_STACK=materialx; `python -m mkdocs` would there run plain MkDocs (a dependency of the plugins).
STACKS = {"material": ("mkdocs", "mkdocs.yml"), "materialx": ("properdocs", "mkdocs.materialx.yml")}


def build_command(root: Path) -> list[str]:
    """The build command of the stack named by HANDBOOK_STACK (default: MkDocs + Material)."""
    tool, config = STACKS[os.environ.get("HANDBOOK_STACK", "material")]
    return [sys.executable, "-m", tool, "build", "--strict", "-f", str(root / config)]


def copy_sources(root: Path, dest: Path, ignore: tuple[str, ...] = ()) -> Path:
    """A copy of the project's sources without the pages the plugin generates into docs/, for builds
    that must leave the project alone (tests that break content, benchmarks that enlarge it, previews)."""
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED_DIRS, ".handbook-generated.json",
                                                                           *ignore))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@dataclass
class BuildResult:
    ok: bool
    log: list[str] = field(default_factory=list)  # MkDocs' warnings and errors, and our own messages


def mkdocs_build(root: Path, out: Path, env: dict[str, str] | None = None,
                 echo: Callable[[str], None] | None = None) -> BuildResult:
    """`mkdocs build --strict` of the project into `out`: what the maintainers' command does, not less.
    `echo` receives each line of MkDocs' output as it comes (the desk shows them)."""
    command = [*build_command(root), "--clean", "-d", str(out)]
    process = subprocess.Popen(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                               errors="replace")
    lines: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        line = line.rstrip("\n")
        lines.append(line)
        if echo:
            echo(line)
    ok = process.wait() == 0
    notable = [ln for ln in lines if ln.startswith(("WARNING", "ERROR", "Error", "Aborted", "  "))]
    return BuildResult(ok, notable if not ok else [ln for ln in lines if ln.startswith("WARNING")])


def deploy_target(target: Path) -> Path:
    """Where the site really goes: site/ itself, or the folder a site/ symbolic link points to."""
    return target.resolve() if target.is_symlink() else target


def zip_folder(folder: Path, zip_path: Path, top: str) -> None:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=zip_path.parent, prefix=f".{zip_path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    z.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
        os.replace(tmp, zip_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(root: Path, offline: bool = False, site: str = "site", say: Callable[[str], None] = print,
          echo: Callable[[str], None] | None = None) -> int:
    """Build the site for publication; 0 on success. Messages go to `say`, MkDocs' lines to `echo`."""
    try:
        with fsutil.project_lock(root, on_wait=lambda: say("… đang chờ một lệnh khác (xây dựng, nhập) chạy xong")):
            return _build(root, offline, site, say, echo)
    except fsutil.Busy as exc:
        say(f"✗ Chưa xây dựng: {exc}.")
        return 1


def _build(root: Path, offline: bool, site: str, say: Callable[[str], None],
           echo: Callable[[str], None] | None) -> int:
    target = deploy_target(root / site)
    if target.exists() and not target.is_dir():
        say(f"✗ {site}: không phải thư mục; không xây dựng.")
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(f".{target.name}-build-*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)  # (we hold the lock: no other build is running)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-build-"))
    except OSError as exc:
        say(f"✗ Không tạo được thư mục tạm cạnh {target}: {exc.strerror or exc}. Trang cũ được giữ nguyên.")
        return 1
    try:
        fresh = work / "site"
        result = mkdocs_build(root, fresh, echo=echo)
        if not result.ok:
            for line in result.log:
                say(line)
            say(f"✗ Xây dựng thất bại (dòng WARNING/ERROR ở trên là lý do): {site}/ cũ được giữ nguyên.")
            return 1
        if offline:
            copy = work / "offline"
            result = mkdocs_build(root, copy, {"HANDBOOK_OFFLINE": "true"}, echo=echo)
            if not result.ok:
                for line in result.log:
                    say(line)
                say(f"✗ Bản offline thất bại: {site}/ cũ được giữ nguyên.")
                return 1
            zip_folder(copy, root / OFFLINE_ZIP, "so-tay-thu-dien-tu")
            say(f"✓ Bản dùng không cần mạng: {OFFLINE_ZIP.as_posix()} (giải nén, mở index.html)")
        fsutil.swap_in(fresh, target)
    except OSError as exc:
        say(f"✗ Không ghi được {target}: {exc.strerror or exc}. Trang cũ được giữ nguyên.")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    where = f"{site}/ → {target}" if target != root / site else f"{site}/"
    say(f"✓ Đã xây dựng trang vào {where} — chép thư mục này lên máy chủ web.")
    return 0


def deploy(root: Path, command: tuple[str, ...] | list[str], say: Callable[[str], None]) -> int:
    """Run the school's deploy command in the project folder (no shell); each line of its output goes to `say`."""
    say(f"→ Đưa trang lên máy chủ: {' '.join(command)}")
    try:
        process = subprocess.Popen(list(command), cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace")
    except OSError as exc:
        say(f"✗ Không chạy được lệnh {command[0]!r}: {exc.strerror or exc}")
        return 1
    assert process.stdout is not None
    for line in process.stdout:
        say(line.rstrip("\n"))
    code = process.wait()
    if code:
        say(f"✗ Lệnh đưa trang lên máy chủ dừng với mã {code}.")
    return code


def publish(root: Path, command: tuple[str, ...], site: str = "site", say: Callable[[str], None] = print,
            echo: Callable[[str], None] | None = None) -> int:
    """Build site/ and the offline zip, then deploy; 0 on success. A failed deploy puts back the site/ and the
    zip that were there before it (a failed build never replaced them)."""
    target = deploy_target(root / site)
    zip_path = root / OFFLINE_ZIP
    keep = Path(tempfile.mkdtemp(dir=target.parent if target.parent.exists() else root, prefix=f".{target.name}-keep-"))
    try:
        if target.is_dir():
            shutil.copytree(target, keep / "site", symlinks=True)
        if zip_path.exists():
            shutil.copy2(zip_path, keep / "offline.zip")
        code = build(root, offline=True, site=site, say=say, echo=echo)
        if code or not command:
            if not command and not code:
                say("Chưa cấu hình lệnh đưa lên máy chủ (publish.deploy trong regulations/school.yml): "
                    f"chép thư mục {site}/ lên máy chủ web.")
            return code
        code = deploy(root, command, say)
        if code:
            with fsutil.project_lock(root):
                if (keep / "site").exists():
                    fsutil.swap_in(keep / "site", target)
                if (keep / "offline.zip").exists():
                    os.replace(keep / "offline.zip", zip_path)
                else:
                    zip_path.unlink(missing_ok=True)
            say(f"✗ Chưa xuất bản: {site}/ và bản offline được trả lại như trước.")
            return code
        say("✓ Đã xuất bản.")
        return 0
    finally:
        shutil.rmtree(keep, ignore_errors=True)
