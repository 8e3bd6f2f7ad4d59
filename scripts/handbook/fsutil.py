"""Writing files so that nothing is ever half-written, and one writer at a time.

Every file the handbook writes goes through here: the new content is written to a temporary file in
the same folder and renamed over the old one (a rename within a folder is atomic on every system the
school uses), so an interrupted command leaves either the old file or the new one, never a mix.
Commands that change the project (import, review, build, the desk) hold the project lock, so two of
them never interleave: the second waits, then refuses with a message if the first takes too long."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".handbook.lock"
LOCK_WAIT = 900.0  # seconds a command waits for another one to finish (a build takes seconds)
# What a typo can cost: no source file the school writes comes near these sizes.
MAX_SOURCE_BYTES = 4 * 1024 * 1024


class Busy(Exception):
    """Another command holds the project lock for longer than we wait."""


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping the old file's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def new_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside `target` to fill; on success it replaces `target` (the old one, if
    any, is removed only after the new one is in place); on failure it is removed and `target` stays."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-new-"))
    try:
        yield fresh
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_in(fresh, target)


def swap_in(fresh: Path, target: Path) -> None:
    """Put the folder `fresh` where `target` is, by two renames; then remove the old content."""
    if not target.exists():
        os.replace(fresh, target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-old-"))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(fresh, target)
    except BaseException:
        os.replace(old, target)  # put the old one back
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def project_lock(root: Path, wait: float = LOCK_WAIT, on_wait: object = None) -> Iterator[None]:
    """Hold the project lock while changing the project. `on_wait` (a callable) is told once when we
    have to wait for another command."""
    # Imported here: filelock brings asyncio with it (5 MiB), which a build (that never locks) does not need.
    from filelock import FileLock, Timeout  # noqa: PLC0415

    lock = FileLock(root / LOCK_FILE, timeout=wait)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if callable(on_wait):
            on_wait()
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise Busy(f"một lệnh khác đang chạy trong {root} (khóa {LOCK_FILE}) quá {int(wait)} giây") from None
    try:
        yield
    finally:
        lock.release()
