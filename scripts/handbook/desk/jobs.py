"""The desk's long-running work (a preview build, publishing): one at a time, in a background thread,
its log kept line by line so the page can show it while it runs."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Job:
    id: str
    kind: str  # "preview" | "publish"
    lines: list[str] = field(default_factory=list)
    done: bool = False
    ok: bool | None = None

    def say(self, line: str) -> None:
        self.lines.append(line)


class Jobs:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.all: dict[str, Job] = {}
        self.running: Job | None = None

    def start(self, kind: str, work: Callable[[Job], bool]) -> Job | None:
        """Run `work` in the background; None when another job is still running."""
        with self._lock:
            if self.running is not None and not self.running.done:
                return None
            job = Job(secrets.token_urlsafe(9), kind)
            self.all[job.id] = job
            self.running = job

        def run() -> None:
            try:
                job.ok = bool(work(job))
            except Exception as exc:  # the log must say what stopped it; the desk keeps serving
                job.say(f"✗ {type(exc).__name__}: {exc}")
                job.ok = False
            finally:
                job.done = True

        threading.Thread(target=run, name=f"desk-{kind}", daemon=True).start()
        return job

    def get(self, ident: str | None) -> Job | None:
        return self.all.get(ident or "")
