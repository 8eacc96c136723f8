"""The command line that starts one bwrap sandbox: mounts, namespaces, and the root-side launcher.

Why a launcher and not plain ``bwrap``: run by root, bwrap maps the sandbox's uid to host root
(``--uid 65534`` is only a name inside), so the sandbox owns every root-owned inode it can reach;
on this machine a sandbox could ``chmod 600 /dev/null`` *on the host*. So when we are root, a small
``/bin/sh`` script first joins the sandbox's cgroups, then ``setpriv`` drops to a dedicated unprivileged
host uid before exec'ing bwrap. That uid also makes ``RLIMIT_NPROC`` count (root ignores it) and
lets the host find every process of a sandbox by uid.

Keys: the kernel keyring is not namespaced, and a process inherits its parent's session keyring across
``setpriv``; a key in the launcher's session keyring is "possessed", so readable and writable, by whatever it
starts. So ``keyctl session -`` (keyutils) joins a fresh anonymous session keyring just before bwrap: it holds
nothing, and it is freed with the sandbox's last process. The seccomp filter (``syscalls.py``) then keeps the
sandbox off the keyring calls altogether.

An unprivileged bwrap cannot reach root-only paths such as an interpreter under ``/root/.pyenv``
(``/root`` is 0700). For those the launcher runs in a private mount namespace (``unshare -m``)
where a tmpfs covers the blocking directory and the needed path is bind-mounted back through an
fd opened before the cover; nothing else of that directory becomes visible, and the host's mount
table is untouched.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shlex
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.sandbox import interpreter
from tools.sandbox.kernel import CAPTURE_DIR
from tools.sandbox.protocol import SandboxUnavailableError
from tools.sandbox.syscalls import filter_bpf
from tools.settings import SandboxSettings

SANDBOX_UID = 65534  # "nobody" inside the sandbox
HOST_UID_BASE = 1_900_000_000  # far from login, systemd-dynamic and container uid ranges; < 2**31 for bwrap
HOST_UID_SPAN = 100_000_000
KERNEL_INSIDE = "/opt/labbot/kernel.py"
KERNEL_SOURCE = Path(__file__).with_name("kernel.py")
CARRY_INSIDE = "/opt/labbot/carry.py"  # beside the kernel, which loads it by path
CARRY_SOURCE = Path(__file__).with_name("carry.py")
SHM_MB = 8  # /dev/shm holds only multiprocessing's semaphores; its own cap keeps it out of the disk-fill game
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
FIRST_LAUNCHER_FD = 3
LAST_LAUNCHER_FD = 9  # dash keeps fds 10+ for itself


@dataclass(frozen=True, slots=True)
class Tools:
    bwrap: str
    sh: str
    keyctl: str
    setpriv: str | None
    unshare: str | None

    @classmethod
    def find(cls) -> Tools:
        def which(name: str) -> str | None:
            return shutil.which(name, path=SYSTEM_PATH)

        bwrap, sh, keyctl = which("bwrap"), which("sh"), which("keyctl")
        if bwrap is None or sh is None:
            raise SandboxUnavailableError("bubblewrap (bwrap) is not installed: apt-get install bubblewrap")
        if keyctl is None:
            raise SandboxUnavailableError(
                "keyctl is needed for a sandbox's own session keyring: apt-get install keyutils"
            )
        return cls(bwrap, sh, keyctl, which("setpriv"), which("unshare"))


def new_host_uid() -> int:
    return HOST_UID_BASE + secrets.randbelow(HOST_UID_SPAN)


def sandbox_environment() -> dict[str, str]:
    """The whole environment inside: nothing of the host's (no tokens, no proxies), one thread per BLAS."""
    return {
        "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",  # glibc reserves 64 MiB of address space per arena; RLIMIT_AS counts it
    }


@dataclass(frozen=True, slots=True)
class LaunchFiles:
    """What bwrap reads from fds as it starts: the seccomp filter and the kernel's source (with carry.py).

    Passed as fds rather than paths, so no host path of the repo shows inside (``--file`` copies the source
    into the sandbox's own root, which is then made read-only). The fds are ≥ 10, clear of the launcher
    script's 3–9; the launching process closes them once bwrap has started.
    """

    seccomp: int
    kernel: int
    carry: int

    @classmethod
    def create(cls) -> LaunchFiles:
        opened: list[int] = []
        try:
            opened.append(_memfd("labbot-seccomp", filter_bpf()))
            opened.append(_memfd("labbot-kernel", KERNEL_SOURCE.read_bytes()))
            opened.append(_memfd("labbot-carry", CARRY_SOURCE.read_bytes()))
            return cls(*opened)
        except BaseException:
            for fd in opened:
                os.close(fd)
            raise

    @property
    def fds(self) -> tuple[int, int, int]:
        return self.seccomp, self.kernel, self.carry

    def close(self) -> None:
        for fd in self.fds:
            os.close(fd)


def _memfd(name: str, data: bytes) -> int:
    memfd = os.memfd_create(name, os.MFD_CLOEXEC)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(memfd, view) :]
        os.lseek(memfd, 0, os.SEEK_SET)
        return fcntl.fcntl(memfd, fcntl.F_DUPFD_CLOEXEC, LAST_LAUNCHER_FD + 1)
    finally:
        os.close(memfd)


def _system_mounts() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / top
        if path.is_symlink():
            args += ["--symlink", str(path.readlink()), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    # the loader cache (speed) and fontconfig's config (matplotlib asks fc-list); nothing else of /etc
    etc = ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--ro-bind-try", "/etc/fonts", "/etc/fonts"]
    return [*args, *etc]


def kernel_limits(settings: SandboxSettings) -> str:
    limits = ("memory_mb", "cpu_s", "file_size_mb", "max_processes", "output_bytes", "preload")
    return json.dumps({name: getattr(settings, name) for name in limits})


def bwrap_argv(settings: SandboxSettings, bwrap: str, files: LaunchFiles) -> list[str]:
    environment = [arg for name, value in sandbox_environment().items() for arg in ("--setenv", name, value)]
    mib = 1024 * 1024
    return [
        bwrap,
        "--unshare-all",  # user, ipc, pid, net (loopback only), uts, cgroup
        "--unshare-user",
        "--disable-userns",  # no nested user namespace, hence no capabilities to regain inside
        "--uid", str(SANDBOX_UID),
        "--gid", str(SANDBOX_UID),
        "--hostname", "sandbox",
        "--die-with-parent",
        "--as-pid-1",  # the kernel is init: bwrap's own reaper would be orphaned, a zombie, when the kernel exits
        "--new-session",  # setsid: no controlling terminal, so no TIOCSTI into ours (CVE-2017-5226)
        "--cap-drop", "ALL",
        "--seccomp", str(files.seccomp),  # syscalls.py: loaded last, before the kernel starts
        "--clearenv",
        *environment,
        *_system_mounts(),
        "--file", str(files.kernel), KERNEL_INSIDE,
        "--file", str(files.carry), CARRY_INSIDE,
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", str(SHM_MB * mib), "--tmpfs", "/dev/shm",
        "--remount-ro", "/dev",  # bwrap's /dev is an unbounded tmpfs otherwise
        "--size", str(settings.tmp_size_mb * mib), "--tmpfs", "/tmp",
        # fd-level output of a cell (C code, subprocesses); RLIMIT_FSIZE caps each of the two files
        "--size", str((2 * settings.file_size_mb + 1) * mib), "--tmpfs", CAPTURE_DIR,
        # after the tmpfs mounts, so an install under /tmp is not hidden by the sandbox's /tmp (nor writable in it)
        *interpreter.mounts(writable=("/tmp", "/dev/shm", CAPTURE_DIR)),
        "--remount-ro", "/",  # bwrap's root (and the /etc, /opt it made for binds) is an unbounded tmpfs too
        "--chdir", "/tmp",
        "--",
        sys.executable, "-I", "-B", KERNEL_INSIDE, kernel_limits(settings),
    ]  # fmt: skip


def bind_sources(argv: list[str]) -> list[Path]:
    sources = []
    for index, arg in enumerate(argv):
        if arg in ("--ro-bind", "--ro-bind-try", "--bind", "--bind-try", "--dev-bind") and index + 1 < len(argv):
            sources.append(Path(argv[index + 1]))
    return sources


def first_blocker(path: Path) -> Path | None:
    """The first directory on the way to ``path`` that a stranger may not enter (``path`` itself included)."""
    current = Path("/")
    for part in path.parts[1:]:
        current = current / part
        try:
            mode = current.stat().st_mode
        except OSError:
            return None  # bwrap reports a missing path itself (or skips it for --ro-bind-try)
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return current
    return None


def _reveal_script(hidden: list[Path]) -> list[str]:
    """sh lines that make root-only ``hidden`` paths reachable in a private mount namespace (see module doc)."""
    if len(hidden) > LAST_LAUNCHER_FD - FIRST_LAUNCHER_FD + 1:
        raise SandboxUnavailableError(f"too many root-only paths to reveal to the sandbox: {hidden}")
    fds = range(FIRST_LAUNCHER_FD, FIRST_LAUNCHER_FD + len(hidden))
    lines = [f"exec {fd}<{shlex.quote(str(path))}" for fd, path in zip(fds, hidden, strict=True)]
    covers = dict.fromkeys(blocker for path in hidden if (blocker := first_blocker(path)) is not None)
    lines += [f"mount -t tmpfs -o mode=0755,size=1m labbot-launch {shlex.quote(str(cover))}" for cover in covers]
    for fd, path in zip(fds, hidden, strict=True):
        quoted = shlex.quote(str(path))
        if path.is_dir():
            lines.append(f"mkdir -p {quoted}")
        else:
            lines += [f"mkdir -p {shlex.quote(str(path.parent))}", f": > {quoted}"]
        lines += [f"mount --no-canonicalize --bind /proc/self/fd/{fd} {quoted}", f"exec {fd}<&-"]
    return lines


def launcher_argv(tools: Tools, bwrap: list[str], host_uid: int | None, procs_files: list[Path]) -> list[str]:
    """Wrap ``bwrap``: inside the cgroups, as ``host_uid``, in a fresh session keyring, root-only sources reachable."""
    command = [tools.keyctl, "session", "-", *bwrap]  # "-": an anonymous keyring, no name to find it by
    if host_uid is not None:
        if tools.setpriv is None:
            raise SandboxUnavailableError("setpriv (util-linux) is needed to run the sandbox as an unprivileged uid")
        uid = str(host_uid)
        command = [tools.setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--", *command]
    blocked = [path for path in bind_sources(bwrap) if host_uid is not None and first_blocker(path) is not None]
    # the interpreter's many paths are revealed through its few roots (fds 3–9 are all the script has)
    roots = interpreter.roots()
    hidden = list(dict.fromkeys(next((r for r in roots if p.is_relative_to(r)), p) for p in blocked))
    script = ["set -e", *(f"echo $$ > {shlex.quote(str(procs))}" for procs in procs_files), *_reveal_script(hidden)]
    if len(script) == 1:
        return command
    wrapped = [tools.sh, "-c", "\n".join([*script, 'exec "$@"']), "labbot-launch", *command]
    if not hidden:
        return wrapped
    if tools.unshare is None:
        raise SandboxUnavailableError(f"unshare (util-linux) is needed to reveal {hidden} to the sandbox")
    return [tools.unshare, "--mount", "--propagation", "private", "--", *wrapped]
