"""The second build stack installs from its own pinned list (.ci/requirements-materialx.txt) with the project
installed --no-deps (pyproject.toml pins mkdocs-material, whose package would overwrite materialx's): every
runtime pin of pyproject.toml must be in that list, at the same version, or the second stack tests other
code than the first."""

from __future__ import annotations

import re
import tomllib

from .support.project import ROOT

FIRST_STACK_ONLY = {"mkdocs-material"}  # the theme the second stack replaces


def test_the_second_stack_pins_what_the_project_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {}
    for pin in project["dependencies"]:
        name, version = pin.split("==")
        wanted[name.strip().lower().replace("_", "-")] = version.strip()
    listed = {}
    for line in (ROOT / ".ci" / "requirements-materialx.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
        if m:
            listed[m.group(1).lower().replace("_", "-")] = m.group(2)
    differ = {n: (v, listed.get(n)) for n, v in wanted.items() if n not in FIRST_STACK_ONLY and listed.get(n) != v}
    assert differ == {}
    assert "properdocs" in listed and "mkdocs-materialx" in listed and "mkdocs-material" not in listed
