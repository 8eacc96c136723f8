"""pids and memory cgroups around one sandbox: the limits bubblewrap itself does not set.

A sandbox's cgroups are created *under the launching process's own cgroup* in each hierarchy, so
the sandbox stays inside whatever limits the service itself runs under. cgroup v1 (one hierarchy
per controller) is used when mounted; on cgroup v2 only a delegated subtree works (the parent must
already list the controllers in ``cgroup.subtree_control``): enabling them ourselves would break
v2's no-internal-processes rule for the cgroup this process lives in.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

CONTROLLERS = ("pids", "memory")
KILL_DEADLINE_S = 3.0


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """Where a controller lives for this process: its own cgroup directory, and the cgroup version."""

    parent: Path
    version: int


def _own_cgroups(proc_cgroup: str) -> dict[str, str]:
    """controller (or "" for v2) → this process's cgroup path, from /proc/self/cgroup."""
    own: dict[str, str] = {}
    for line in proc_cgroup.splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            own[controller] = path
    return own


def _cgroup_mounts(mountinfo: str) -> dict[str, tuple[Path, str]]:
    """controller (or "" for v2) → (mount point, root of the mount), from /proc/self/mountinfo."""
    mounts: dict[str, tuple[Path, str]] = {}
    for line in mountinfo.splitlines():
        fields, _, tail = line.partition(" - ")
        parts, tail_parts = fields.split(), tail.split()
        if len(parts) < 5 or len(tail_parts) < 3:
            continue
        kind, options = tail_parts[0], tail_parts[2].split(",")
        if kind == "cgroup2":
            mounts.setdefault("", (Path(parts[4]), parts[3]))
        elif kind == "cgroup":
            for controller in CONTROLLERS:
                if controller in options:
                    mounts.setdefault(controller, (Path(parts[4]), parts[3]))
    return mounts


def _inside(mount: tuple[Path, str], own_path: str) -> Path:
    point, root = mount
    relative = os.path.relpath(own_path, root) if own_path.startswith(root) else own_path.lstrip("/")
    return point if relative == "." else point / relative


def discover(proc: Path = Path("/proc/self")) -> dict[str, Hierarchy]:
    """The hierarchy each of pids and memory can be limited in, for a process whose /proc entry is ``proc``."""
    try:
        own = _own_cgroups((proc / "cgroup").read_text())
        mounts = _cgroup_mounts((proc / "mountinfo").read_text())
    except OSError:
        return {}
    found: dict[str, Hierarchy] = {}
    for controller in CONTROLLERS:
        if controller in mounts and controller in own:
            found[controller] = Hierarchy(_inside(mounts[controller], own[controller]), 1)
        elif "" in mounts and "" in own:
            parent = _inside(mounts[""], own[""])
            try:
                delegated = controller in (parent / "cgroup.subtree_control").read_text().split()
            except OSError:
                delegated = False
            if delegated:
                found[controller] = Hierarchy(parent, 2)
    return found


def _limit_files(controller: str, version: int, max_processes: int, memory_bytes: int) -> list[tuple[str, int, bool]]:
    """(file, value, required) to write in a new cgroup; swap limits are optional (absent without swap accounting)."""
    if controller == "pids":
        return [("pids.max", max_processes, True)]
    if version == 1:
        return [("memory.limit_in_bytes", memory_bytes, True), ("memory.memsw.limit_in_bytes", memory_bytes, False)]
    return [("memory.max", memory_bytes, True), ("memory.swap.max", 0, False)]


@dataclass
class SandboxCgroups:
    """The cgroups of one sandbox launch. ``missing`` says which controllers could not be set up, and why."""

    dirs: dict[str, Path] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, name: str, max_processes: int, memory_bytes: int) -> SandboxCgroups:
        cgroups = cls()
        hierarchies = discover()
        for controller in CONTROLLERS:
            hierarchy = hierarchies.get(controller)
            if hierarchy is None:
                cgroups.missing[controller] = "no writable cgroup hierarchy with this controller"
                continue
            directory = hierarchy.parent / name
            shared = directory in cgroups.dirs.values()  # v2: one cgroup carries both controllers
            try:
                if not shared:
                    directory.mkdir()
                for filename, value, required in _limit_files(
                    controller, hierarchy.version, max_processes, memory_bytes
                ):
                    try:
                        (directory / filename).write_text(str(value))
                    except OSError:
                        if required:
                            raise
            except OSError as error:
                cgroups.missing[controller] = f"{directory}: {error.strerror or error}"
                if not shared:
                    _rmdir(directory)
                continue
            cgroups.dirs[controller] = directory
        return cgroups

    @property
    def procs_files(self) -> list[Path]:
        """cgroup.procs of each distinct cgroup: the launcher writes its own pid to each before exec'ing bwrap."""
        return [directory / "cgroup.procs" for directory in dict.fromkeys(self.dirs.values())]

    def pids(self) -> set[int]:
        found: set[int] = set()
        for procs in self.procs_files:
            try:
                found.update(int(pid) for pid in procs.read_text().split())
            except OSError:
                continue
        return found

    def oom_killed(self) -> bool:
        """Whether the kernel's OOM killer fired inside the memory cgroup."""
        directory = self.dirs.get("memory")
        if directory is None:
            return False
        for filename in ("memory.oom_control", "memory.events"):  # v1, v2
            try:
                lines = (directory / filename).read_text().splitlines()
            except OSError:
                continue
            counts = dict(line.split() for line in lines if len(line.split()) == 2)
            return int(counts.get("oom_kill", "0")) > 0
        return False

    async def kill_all(self, spare: int | None = None) -> None:
        """SIGKILL every process in the cgroups but ``spare`` until none is left (later forks fall to later passes)."""
        deadline = time.monotonic() + KILL_DEADLINE_S
        # the cgroup files are read off the event loop (an async server must not block on them)
        while (pids := (await asyncio.to_thread(self.pids)) - {spare}) and time.monotonic() < deadline:
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            await asyncio.sleep(0.01)

    async def remove(self) -> None:
        """rmdir each cgroup; a cgroup whose last process is still exiting refuses briefly (EBUSY)."""
        for directory in dict.fromkeys(self.dirs.values()):
            for _ in range(int(KILL_DEADLINE_S / 0.01)):
                if await asyncio.to_thread(_rmdir, directory):
                    break
                await asyncio.sleep(0.01)
        self.dirs.clear()


def _rmdir(directory: Path) -> bool:
    try:
        directory.rmdir()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True
