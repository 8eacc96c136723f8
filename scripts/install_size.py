"""Packages and installed size that labbot's base, or base plus extras, pulls in, resolved against this venv.

    .venv/bin/python scripts/install_size.py                 # the base
    .venv/bin/python scripts/install_size.py slack,train     # the base and these extras
    .venv/bin/python scripts/install_size.py '' old.toml     # another pyproject.toml's base

Sizes are the installed files of the versions in this environment (torch: its CPU build).
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def closure(requirements: list[str]) -> dict[str, md.Distribution]:
    found: dict[str, md.Distribution] = {}
    visited: set[tuple[str, frozenset[str]]] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in visited:
            continue
        visited.add(key)
        dist = md.distribution(requirement.name)
        found[key[0]] = dist
        for line in dist.requires or []:
            needed = Requirement(line)
            extras = requirement.extras or {""}
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                needed.marker = None
                todo.append(needed)
    return found


def main() -> None:
    extras = [e for e in (sys.argv[1] if len(sys.argv) > 1 else "").split(",") if e]
    pyproject = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parents[1] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text())["project"]
    requirements = [*project["dependencies"], *(r for e in extras for r in project["optional-dependencies"][e])]
    dists = closure(requirements)
    size = sum(f.locate().stat().st_size for d in dists.values() for f in d.files or [] if Path(f.locate()).exists())
    print(f"{len(dists)} packages, {size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
