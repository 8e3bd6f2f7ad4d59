"""The leadership desk's routes: each reads the project through the core (load_project, versions,
changes, reviews, publish) and shows it; writes happen under the project lock, atomically, to files the
model names (an item key → its guide or quiz file; a year → its en.yml), never to a path from a request."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import fsutil, publish, reviews, schemas
from ..changes import compare
from ..parser import parse_text
from ..problems import ContentError, Problem, errors
from ..project import Project, is_year, load_project
from ..publish import copy_sources, mkdocs_build
from ..textfile import decode
from ..versions import import_text
from ..yamlfile import loads
from . import edits, views
from .jobs import Job, Jobs
from .security import Guard, Session, Sessions, Upload, csrf_ok
from .word import is_docx, read_docx

MAX_UPLOAD = 5 * 1024 * 1024
STATIC = Path(__file__).parent / "static"
REVIEW_CODES = (*reviews.CODES, "unknown-cite")


class Desk:
    """The state of one running desk: its project, sessions, background jobs and the latest preview."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.jobs = Jobs()
        self.preview: Path | None = None

    def project(self) -> Project:
        return load_project(self.root)


def _session(request: Request) -> Session:
    session: Session = request.state.session
    return session


async def _form(request: Request, **limits: Any) -> FormData:
    """The posted form, refused (403) unless it carries this session's CSRF token."""
    form = await request.form(max_files=limits.get("max_files", 0), max_fields=limits.get("max_fields", 400))
    if not csrf_ok(_session(request), form.get("csrf")):
        raise HTTPException(403, "CSRF")
    return form


def _problem_lines(problems: list[Problem]) -> dict[int, list[Problem]]:
    by_line: dict[int, list[Problem]] = {}
    for p in problems:
        by_line.setdefault(p.line, []).append(p)
    return by_line


def _blocking(project: Project) -> list[Problem]:
    """What stops a build, other than the reviews and citations the review pages deal with."""
    return [p for p in errors(project.problems) if p.code not in REVIEW_CODES]


# -- pages -----------------------------------------------------------------------------------------
def home(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    latest = project.latest
    return views.page(request, "home.html.j2", section="home", project=project, latest=latest,
                      entries=views.entries(project),
                      pending=sum(len(v.translation.pending) for v in project.versions),
                      blocking=_blocking(project), root=project.root)


def import_form(request: Request) -> Response:
    return views.page(request, "import.html.j2", section="import", refused=None, upload=None)


def _refuse(request: Request, message_key: str, status: int, **values: Any) -> Response:
    return views.page(request, "import.html.j2", status, section="import", upload=None,
                      refused=(message_key, values))


async def import_upload(request: Request) -> Response:
    length = request.headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > MAX_UPLOAD + 64 * 1024:
        return _refuse(request, "desk.import.too_large", 413, mb=MAX_UPLOAD // 1024 // 1024)
    form = await _form(request, max_files=1, max_fields=4)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _refuse(request, "desk.import.no_file", 400)
    name = upload.filename
    if any(c in name for c in "/\\\0") or ".." in name or any(ord(c) < 32 for c in name):
        return _refuse(request, "desk.import.bad_name", 400)
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in ("docx", "txt"):
        return _refuse(request, "desk.import.bad_type", 415, name=name)
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _refuse(request, "desk.import.too_large", 413, mb=MAX_UPLOAD // 1024 // 1024)
    zipped = data.startswith(b"PK\x03\x04")
    if kind == "docx" and not is_docx(data) or kind == "txt" and zipped:
        return _refuse(request, "desk.import.not_what_it_says", 415, name=name)
    numbered: dict[int, str] = {}
    try:
        if kind == "docx":
            word = read_docx(data, name)
            text, problems, numbered = word.text, list(word.problems), word.numbered
        else:
            text, problems = decode(data, name).text, []
    except ContentError as exc:
        return views.page(request, "import.html.j2", 200, section="import", refused=None,
                          upload=Upload(name, kind, "", exc.problems, {}), upload_id=None, by_line={},
                          lines=[], year="")
    reg, found = parse_text(text, name)
    problems += found
    record = Upload(name, kind, text, problems, numbered)
    ok = reg is not None and not errors(problems)
    upload_id = _session(request).keep_upload(record) if ok else None
    return views.page(request, "import.html.j2", 200, section="import", refused=None,
                      upload=record, upload_id=upload_id, by_line=_problem_lines(problems),
                      lines=text.split("\n"), year=(reg.school_year if reg and reg.school_year else ""))


async def import_write(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(_import_write, request, form)


def _import_write(request: Request, form: FormData) -> Response:
    desk: Desk = request.app.state.desk
    upload = _session(request).uploads.get(str(form.get("upload", "")))
    if upload is None:
        return _refuse(request, "desk.import.expired", 400)
    year = str(form.get("year", "")).strip()
    effective = str(form.get("effective", "")).strip() or None
    result = import_text(desk.root, upload.text, upload.name, year, bool(form.get("overwrite")), effective)
    project = desk.project()
    version = project.version(year) if result.folder else None
    if version is not None:
        _session(request).uploads.clear()
    return views.page(request, "imported.html.j2", 200,
                      section="import", result=result, version=version, upload=upload, root=desk.root,
                      entries=views.entries(project) if version else [], year=year)


def changes_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    with_previous = [v for v in project.versions if v.previous is not None]
    year = request.query_params.get("nam")
    version = project.version(year) if year else (with_previous[-1] if with_previous else None)
    if version is None or version.previous is None:
        return views.page(request, "changes.html.j2", section="changes", version=None, changes=[], years=[],
                          label=views.label)
    return views.page(request, "changes.html.j2", section="changes", version=version,
                      changes=compare(version.previous.regulation, version.regulation),
                      years=[v.year for v in with_previous], label=views.label)


def review_list(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    return views.page(request, "review-list.html.j2", section="review", project=project,
                      entries=views.entries(project), title=views.title, why=views.why)


def _entry(project: Project, key: str) -> views.Entry | None:
    return next((e for e in views.entries(project) if e.item.key == key), None)


def _fingerprints(project: Project, item: reviews.Item) -> str:
    assert project.latest is not None
    return ",".join(f"{c}={fp}" for c, fp in sorted(reviews.fingerprints(project.latest.regulation, item).items()))


def review_item(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    key = request.path_params["key"]
    entry = _entry(project, key)
    if entry is None:
        item = views.find_item(project, key)
        if item is None:
            raise HTTPException(404)
        _session(request).flash.append("desk.review.nothing_to_do")
        return RedirectResponse("/ra-soat", 303)
    lang = request.state.lang
    return views.page(request, "review-item.html.j2", section="review", entry=entry, item=entry.item,
                      name=views.title(project, entry.item, lang), points=views.points(project, entry, lang),
                      step=views.step_of(project, entry.item), guide=views.guide_of(project, entry.item),
                      question=views.question_of(project, entry.item), latest=project.latest,
                      nonce=_session(request).nonce(key), seen=_fingerprints(project, entry.item),
                      file=project.path(entry.item.file), label=views.label)


def _next_item(project: Project) -> str:
    keys = [e.item.key for e in views.entries(project)]
    return f"/ra-soat/{keys[0]}" if keys else "/ra-soat"


def _record(desk: Desk, project: Project, item: reviews.Item) -> list[str]:
    """Record this one item's review (the other records stay exactly as they are); refusals as messages."""
    latest = project.latest
    if latest is None or project.reviews is None:
        return [p.render(desk.root) for p in project.problems if p.code == "review-records"] or ["review-records"]
    recorded, done, refused = reviews.record(project.review_items(), latest.regulation, project.reviews,
                                             [item.key])
    if done:
        records = {**project.reviews, item.key: recorded[item.key]}
        fsutil.write_text(desk.root / reviews.RECORDS, reviews.dump(records))
    return refused


def _item_form(request: Request, form: FormData) -> tuple[Desk, str]:
    """The desk and the item a review form is about, once its one-time nonce is taken (403 otherwise)."""
    key = request.path_params["key"]
    if not _session(request).take_nonce(key, str(form.get("nonce", ""))):
        raise HTTPException(403, "nonce")
    return request.app.state.desk, key


async def review_keep(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(_review_keep, request, form)


def _review_keep(request: Request, form: FormData) -> Response:
    desk, key = _item_form(request, form)
    with fsutil.project_lock(desk.root):
        project = desk.project()
        item = views.find_item(project, key)
        if item is None:
            raise HTTPException(404)
        if str(form.get("seen", "")) != _fingerprints(project, item):
            _session(request).flash.append("desk.review.text_changed")
            return RedirectResponse(f"/ra-soat/{key}", 303)
        refused = _record(desk, project, item)
    if refused:
        _session(request).flash.append("desk.review.refused")
        return RedirectResponse(f"/ra-soat/{key}", 303)
    _session(request).flash.append("desk.review.kept")
    return RedirectResponse(_next_item(desk.project()), 303)


def review_edit(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    key = request.path_params["key"]
    entry = _entry(project, key)
    if entry is None:
        raise HTTPException(404)
    text = entry.item.file.read_text(encoding="utf-8")
    return _edit_page(request, project, entry, edits.fields(text, entry.item), {}, [], 200)


def _edit_page(request: Request, project: Project, entry: views.Entry, fields: list[edits.Field],
               values: dict[str, str], problems: list[Problem], status: int) -> Response:
    lang = request.state.lang
    return views.page(request, "review-edit.html.j2", status, section="review", entry=entry, item=entry.item,
                      name=views.title(project, entry.item, lang), points=views.points(project, entry, lang),
                      fields=fields, values=values, problems=problems, nonce=_session(request).nonce(entry.item.key),
                      file=project.path(entry.item.file), root=project.root, latest=project.latest,
                      label=views.label)


def _check_edit(desk: Desk, project: Project, item: reviews.Item, new_text: str) -> list[Problem]:
    """The edited file against its folder's schema, then the whole project check on a copy with the edit in
    place: only problems the edit would bring are returned (the others are there already)."""
    try:
        data = loads(new_text, item.file)
    except ContentError as exc:
        return exc.problems
    found = schemas.validate(data, item.file.parent / "schema.json", item.file)
    if found:
        return found
    rel = item.file.resolve().relative_to(desk.root)
    before = {(p.where(desk.root), p.code, p.message) for p in project.load_errors}
    with tempfile.TemporaryDirectory(prefix="handbook-desk-check-") as tmp:
        copy = copy_sources(desk.root, Path(tmp) / "p")
        fsutil.write_text(copy / rel, new_text)
        after = load_project(copy)
        return [Problem(item.file, p.line, p.message, p.code) for p in after.load_errors
                if p.where(copy) == rel.as_posix() and (p.where(copy), p.code, p.message) not in before]


async def review_save(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(_review_save, request, form)


def _review_save(request: Request, form: FormData) -> Response:
    desk, key = _item_form(request, form)
    values = {k: str(v) for k, v in form.multi_items() if isinstance(v, str)}
    with fsutil.project_lock(desk.root):
        project = desk.project()
        entry = _entry(project, key)
        if entry is None:
            raise HTTPException(404)
        item = entry.item
        text = item.file.read_text(encoding="utf-8")
        fields = edits.fields(text, item)
        submitted = {f.name: values.get("f:" + f.name, f.value) for f in fields}
        new_text, changed = edits.edit(text, item, submitted)
        problems = _check_edit(desk, project, item, new_text) if changed else []
        if problems:
            return _edit_page(request, project, entry, fields, submitted, problems, 200)
        if changed:
            fsutil.write_text(item.file, new_text)
            project = desk.project()
            item = views.find_item(project, key) or item
        refused = _record(desk, project, item)
    if refused:
        project = desk.project()
        entry = _entry(project, key) or entry
        fields = edits.fields(item.file.read_text(encoding="utf-8"), entry.item)
        return _edit_page(request, project, entry, fields, {}, [Problem(item.file, item.line, m, "review")
                                                                 for m in refused], 200)
    _session(request).flash.append("desk.review.saved" if changed else "desk.review.kept")
    return RedirectResponse(_next_item(desk.project()), 303)


def translate_list(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    lang = request.state.lang
    versions = [(v, views.pending(v, lang)) for v in reversed(project.versions) if v.translation.pending]
    return views.page(request, "translate.html.j2", section="translate", versions=versions, problem=None)


async def translate_save(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(_translate_save, request, form)


def _translate_save(request: Request, form: FormData) -> Response:
    desk: Desk = request.app.state.desk
    year, unit, english = str(form.get("year", "")), str(form.get("unit", "")), edits.clean(str(form.get("en", "")))
    with fsutil.project_lock(desk.root):
        project = desk.project()
        version = project.version(year) if is_year(year) else None
        if version is None or unit not in version.translation.pending:
            raise HTTPException(404)
        if not english:
            _session(request).flash.append("desk.translate.empty")
            return RedirectResponse(f"/dich#{unit}", 303)
        file = version.folder / "en.yml"  # the model names the file; the request only names the unit
        new_text = edits.set_translation(file.read_text(encoding="utf-8"), unit, english, file)
        data = loads(new_text, file)
        if not isinstance(data, dict) or data.get(unit) != english:
            raise HTTPException(500, "translation")
        fsutil.write_text(file, new_text)
    _session(request).flash.append("desk.translate.saved")
    return RedirectResponse("/dich", 303)


# -- preview and publish ---------------------------------------------------------------------------
def publish_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    project = desk.project()
    job = desk.jobs.get(request.query_params.get("job"))
    return views.page(request, "publish.html.j2", section="publish", project=project, job=job,
                      problems=errors(project.problems), preview=desk.preview is not None,
                      deploy=project.school.deploy if project.school else (), root=desk.root)


def _preview(desk: Desk, job: Job) -> bool:
    out = Path(tempfile.mkdtemp(prefix="handbook-desk-preview-"))
    job.say("→ mkdocs build --strict")
    with fsutil.project_lock(desk.root):
        result = mkdocs_build(desk.root, out / "site", echo=job.say)
    if not result.ok:
        shutil.rmtree(out, ignore_errors=True)
        return False
    old, desk.preview = desk.preview, out / "site"
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)
    job.say("✓")
    return True


def _publish(desk: Desk, job: Job) -> bool:
    project = desk.project()
    if not project.ok:
        for p in errors(project.problems):
            job.say(p.render(desk.root))
        job.say("✗")
        return False
    command = project.school.deploy if project.school else ()
    return publish.publish(desk.root, command, say=job.say, echo=job.say) == 0


async def start_job(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    await _form(request)
    kind = "preview" if request.url.path == "/xem-truoc" else "publish"
    job = desk.jobs.start(kind, lambda j: _preview(desk, j) if kind == "preview" else _publish(desk, j))
    if job is None:
        _session(request).flash.append("desk.publish.busy")
        return RedirectResponse("/xuat-ban", 303)
    return RedirectResponse(f"/xuat-ban?job={job.id}", 303)


def job_log(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    job = desk.jobs.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404)
    sent = request.query_params.get("from", "0")
    start = int(sent) if sent.isdigit() else 0
    return JSONResponse({"lines": job.lines[start:], "next": len(job.lines), "done": job.done, "ok": job.ok,
                         "kind": job.kind})


def preview_file(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    if desk.preview is None:
        raise HTTPException(404)
    base = desk.preview.resolve()
    target = (base / request.path_params["path"]).resolve()
    if not target.is_relative_to(base):
        raise HTTPException(404)
    if target.is_dir():
        if not request.url.path.endswith("/"):
            return RedirectResponse(request.url.path + "/", 301)
        target = target / "index.html"
    if not target.is_file():
        raise HTTPException(404)
    return FileResponse(target)


def no_icon(request: Request) -> Response:
    return Response(status_code=204)


def preview_root(request: Request) -> Response:
    return RedirectResponse("/xem-truoc/", 301)


async def error_page(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if not hasattr(request.state, "session"):
        return Response(str(status), status_code=status)
    return views.page(request, "error.html.j2", status, section="", code=status)


def create_app(root: Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> Starlette:
    routes = [
        Route("/", home),
        Route("/nhap", import_form, methods=["GET"]),
        Route("/nhap", import_upload, methods=["POST"]),
        Route("/nhap/ghi", import_write, methods=["POST"]),
        Route("/thay-doi", changes_page),
        Route("/ra-soat", review_list),
        Route("/ra-soat/{key:path}/van-dung", review_keep, methods=["POST"]),
        Route("/ra-soat/{key:path}/sua", review_edit, methods=["GET"]),
        Route("/ra-soat/{key:path}/sua", review_save, methods=["POST"]),
        Route("/ra-soat/{key:path}", review_item),
        Route("/dich", translate_list, methods=["GET"]),
        Route("/dich", translate_save, methods=["POST"]),
        Route("/xuat-ban", publish_page, methods=["GET"]),
        Route("/xuat-ban", start_job, methods=["POST"]),
        Route("/xem-truoc", start_job, methods=["POST"]),
        Route("/xem-truoc", preview_root, methods=["GET"]),
        Route("/tien-trinh/{job}", job_log),
        Route("/favicon.ico", no_icon),
        Route("/xem-truoc/{path:path}", preview_file),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    desk = Desk(root)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if desk.preview is not None:  # the preview is a temporary folder: gone with the desk
            shutil.rmtree(desk.preview.parent, ignore_errors=True)

    app = Starlette(routes=routes, exception_handlers={HTTPException: error_page, Exception: error_page},
                    lifespan=lifespan)
    app.state.desk = desk
    app.add_middleware(Guard, host=host, port=port, token=token, sessions=Sessions())
    return app
