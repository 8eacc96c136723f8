"""The smallest read-only view of this Python that runs the analysis libraries, for bwrap.

Not the whole prefix: the interpreter binary (and the venv's links to it), the standard library with the
base installation's own site-packages covered by an empty directory, ``libpython``, the venv's
``pyvenv.cfg``, and in the venv's site-packages only the files of the analysis libraries and of what they
require (from their installed metadata). Everything keeps its host path, because the venv's config and
links name the base prefix; so the paths seen in ``/proc/self/mountinfo`` are the ones the sandbox sees
anyway. labbot itself, its other dependencies and anything else installed are absent.

A root of the interpreter that lies under one of the sandbox's own writable tmpfs mounts (a checkout under
``/tmp``, whose ``.venv`` is then under the sandbox's ``/tmp``) gets a tmpfs of its own, made read-only once
its pieces are bound in: otherwise the directories bwrap creates for those pieces would be writable ones of
the sandbox's ``/tmp``, beside the interpreter.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import sys
import sysconfig
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SEALED_ROOT_BYTES = 1024 * 1024  # holds only the directories bwrap makes for the binds inside it
ANALYSIS_LIBRARIES = ("numpy", "scipy", "pandas", "statsmodels", "lifelines", "scikit-learn", "matplotlib")


def roots() -> list[Path]:
    """Outermost directories of the interpreter outside /usr: what a root-only parent must be revealed for."""
    wanted = [Path(sys.base_prefix), Path(sys.prefix), Path(os.path.realpath(sys.executable)).parent.parent]
    kept: list[Path] = []
    for path in sorted(set(wanted), key=lambda p: len(p.parts)):
        if not path.is_relative_to("/usr") and not any(path.is_relative_to(k) for k in kept):
            kept.append(path)
    return kept


def distributions(names: tuple[str, ...] = ANALYSIS_LIBRARIES) -> list[importlib.metadata.Distribution]:
    """The installed distributions ``names`` need, requirements followed (extras not)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    waiting = list(names)
    while waiting:
        name = canonicalize_name(waiting.pop())
        if name in found:
            continue
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # an optional platform dependency; the import inside says so if it matters
        found[name] = distribution
        for line in distribution.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                waiting.append(requirement.name)
    return list(found.values())


def library_paths(names: tuple[str, ...] = ANALYSIS_LIBRARIES) -> list[Path]:
    """Top-level entries of site-packages that belong to those distributions (byte-code caches file by file)."""
    paths: set[Path] = set()
    for distribution in distributions(names):
        base = Path(str(distribution.locate_file("")))
        for file in distribution.files or []:
            parts = file.parts
            if parts[0] == "..":
                continue  # console scripts in the venv's bin
            paths.add(base / Path(*parts[:2]) if parts[0] == "__pycache__" else base / parts[0])
    return sorted(paths)


def _executable() -> list[str]:
    """sys.executable as it is reached: each link recreated, the binary at the end bound."""
    args: list[str] = []
    path = Path(sys.executable)
    while path.is_symlink():
        target = path.readlink()
        args += ["--symlink", str(target), str(path)]
        path = path.parent / target
    return [*args, "--ro-bind", str(path.resolve()), str(path.resolve())]


@functools.cache
def mounts(writable: tuple[str, ...] = ()) -> tuple[str, ...]:
    """bwrap arguments for the view; they go after the sandbox's tmpfs mounts ``writable`` (see launch.py)."""
    sealed = [str(root) for root in roots() if any(root.is_relative_to(top) for top in writable)]
    args = [arg for root in sealed for arg in ("--size", str(SEALED_ROOT_BYTES), "--tmpfs", root)]
    paths = sysconfig.get_paths()
    base = {"base": sys.base_prefix, "platbase": sys.base_prefix, "installed_base": sys.base_prefix}
    base_paths = sysconfig.get_paths(vars=base)
    stdlib = Path(paths["stdlib"])
    libpython = Path(str(sysconfig.get_config_var("LIBDIR"))) / str(sysconfig.get_config_var("INSTSONAME"))
    args += ["--ro-bind", str(stdlib), str(stdlib), "--ro-bind-try", str(libpython), str(libpython)]
    covers = [p for p in dict.fromkeys([base_paths["purelib"], base_paths["platlib"]]) if Path(p).is_dir()]
    for covered in covers:  # the base installation's own packages: an empty directory instead
        args += ["--tmpfs", covered]
    if sys.prefix != sys.base_prefix:
        config = Path(sys.prefix) / "pyvenv.cfg"
        args += ["--ro-bind", str(config), str(config)]
    args += _executable()
    for path in library_paths():
        args += ["--ro-bind-try", str(path), str(path)]
    for covered in [*covers, *sealed]:  # read-only once the libraries (when they live there) are bound in
        args += ["--remount-ro", covered]
    return tuple(args)
