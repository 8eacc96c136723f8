"""The bwrap backend itself: its command line, who it runs as, its cgroups, crashes, and leaving nothing behind."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import signal
import subprocess
import sys
import sysconfig
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.contracts.test_sandbox import LIMITS, host_leftovers, host_processes, probed
from tools.sandbox import interpreter, open_sandbox
from tools.sandbox.bwrap import BwrapSandbox, BwrapSandboxProvider, Containment
from tools.sandbox.cgroups import discover
from tools.sandbox.launch import (
    CARRY_INSIDE,
    HOST_UID_BASE,
    HOST_UID_SPAN,
    KERNEL_INSIDE,
    LaunchFiles,
    Tools,
    bind_sources,
    bwrap_argv,
    first_blocker,
    launcher_argv,
    sandbox_environment,
)
from tools.sandbox.protocol import SandboxUnavailableError
from tools.settings import SandboxSettings, Settings

SETTINGS = LIMITS


def limits(**changes: float) -> SandboxSettings:
    return LIMITS.model_copy(update=changes)


as_root = pytest.mark.skipif(os.geteuid() != 0, reason="cgroups and the unprivileged host uid need a root launcher")


@pytest.fixture
async def sandbox() -> AsyncIterator[BwrapSandbox]:
    box = await BwrapSandboxProvider(SETTINGS).open()
    yield box
    await box.close()
    assert host_leftovers(box) == []


def processes_of(uid: int | None) -> list[int]:
    return [pid for pid, owner in host_processes().items() if owner == uid]


def exit_code(argv: list[str]) -> int:
    return subprocess.run(argv, capture_output=True, check=False).returncode


def kernel_pid(uid: int | None) -> int:
    return next(
        pid
        for pid in processes_of(uid)
        if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(sys.executable.encode())
    )


def existing(paths: list[str]) -> list[str]:
    return [path for path in paths if Path(path).exists()]


def poll(condition: Callable[[], bool], within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


async def until(condition: Callable[[], bool], within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


def test_open_sandbox_maps_bwrap_to_its_provider() -> None:
    assert isinstance(open_sandbox(Settings(sandbox=SETTINGS)), BwrapSandboxProvider)


def test_the_command_line_isolates_and_binds_only_what_python_needs(settings: Settings) -> None:
    argv = bwrap_argv(SETTINGS, "/usr/bin/bwrap", LaunchFiles(10, 11, 12))
    for flag in ("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session"):
        assert flag in argv
    assert "--clearenv" in argv and "--share-net" not in argv
    assert argv[argv.index("--cap-drop") + 1] == "ALL" and argv[argv.index("--uid") + 1] == "65534"
    tmp = next(i for i, arg in enumerate(argv) if argv[i : i + 2] == ["--tmpfs", "/tmp"])
    assert argv[tmp - 2 : tmp] == ["--size", str(16 * 2**20)]
    secret_places = [REPO, Path.home(), settings.data_path]
    for source in bind_sources(argv):
        assert not any(place.is_relative_to(source) for place in secret_places), source
        inside_venv = source.is_relative_to(Path(sys.prefix))  # the interpreter's view, wherever the venv lives
        assert not source.is_relative_to(REPO) or inside_venv or source == REPO / "tools/sandbox/kernel.py"
    assert argv.index("--remount-ro") > argv.index("--dev") and argv[-6:-4] == ["--", sys.executable]
    kernel_file = argv.index("--file")
    assert argv[argv.index("--seccomp") + 1] == "10" and argv[kernel_file + 1 : kernel_file + 6] == [
        "11",
        KERNEL_INSIDE,
        "--file",
        "12",
        CARRY_INSIDE,
    ]
    site_packages = Path(sysconfig.get_paths()["purelib"])
    bound = {source.name for source in bind_sources(argv) if source.parent == site_packages}
    assert {"numpy", "scipy", "pandas", "statsmodels", "lifelines", "sklearn", "matplotlib"} <= bound
    assert not {"slack_bolt", "openai", "langgraph", "pyseccomp.py", "_pytest"} & bound, bound


def test_an_interpreter_under_the_sandboxes_tmp_is_a_read_only_mount(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A checkout under /tmp puts .venv under the sandbox's writable /tmp: its root must not be a directory there.

    (The contract's test_nothing_outside_tmp_can_be_written checks the real thing from such a checkout.)"""
    venv, base = Path("/tmp/checkout/.venv"), Path("/opt/python")
    monkeypatch.setattr(interpreter, "roots", lambda: [base, venv])
    args = list(interpreter.mounts.__wrapped__(writable=("/tmp", "/dev/shm")))
    assert args[:4] == ["--size", str(interpreter.SEALED_ROOT_BYTES), "--tmpfs", str(venv)]  # before its binds
    assert args[-2:] == ["--remount-ro", str(venv)]  # after them
    assert str(base) not in [args[i + 1] for i, arg in enumerate(args) if arg in ("--tmpfs", "--remount-ro")]


@as_root
def test_a_root_launcher_drops_to_a_fresh_uid_inside_its_cgroups() -> None:
    tools = Tools.find()
    procs = [Path("/sys/fs/cgroup/pids/x/cgroup.procs")]
    argv = launcher_argv(tools, bwrap_argv(SETTINGS, tools.bwrap, LaunchFiles(10, 11, 12)), 1_900_000_123, procs)
    assert "--reuid=1900000123" in argv and "--clear-groups" in argv
    assert f"echo $$ > {procs[0]}" in next(arg for arg in argv if arg.startswith("set -e"))
    if first_blocker(Path(sys.base_prefix)) is not None:  # e.g. /root/.pyenv under a 0700 /root
        assert argv[:4] == [tools.unshare, "--mount", "--propagation", "private"]


IDENTITY_PROBE = r"""
import ctypes, errno, json, os, socket, stat
status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines())
libc = ctypes.CDLL(None, use_errno=True)
def attempt(action):
    try:
        action()
        return 'ok'
    except OSError as e:
        return errno.errorcode[e.errno]
def unshare_user():
    if libc.unshare(0x10000000) != 0:
        raise OSError(ctypes.get_errno(), 'unshare')
print(json.dumps({
    'uid': os.getuid(),
    'caps': [status[k].strip() for k in ('CapEff', 'CapPrm', 'CapBnd')],
    'no_new_privs': status['NoNewPrivs'].strip(),
    'hostname': socket.gethostname(),
    'writable': sorted(line.split()[4] for line in open('/proc/self/mountinfo') if 'rw' in line.split()[5].split(',')),
    'nested_userns': attempt(unshare_user),
    'mknod': attempt(lambda: os.mknod('/tmp/null', 0o666 | stat.S_IFCHR, os.makedev(1, 3))),
    'hardlink': attempt(lambda: os.link('/usr/bin/env', '/tmp/env')),
    'chmod_dev_null': attempt(lambda: os.chmod('/dev/null', 0o666)),
    'pids': sorted(p for p in os.listdir('/proc') if p.isdigit()),
    'environment': sorted(os.environ),
}))
"""


async def test_inside_no_privilege_no_writable_system_and_a_clean_environment(sandbox: BwrapSandbox) -> None:
    found = probed(await sandbox.run(IDENTITY_PROBE))
    assert isinstance(found, dict)
    assert found["uid"] == 65534 and found["caps"] == ["0000000000000000"] * 3 and found["no_new_privs"] == "1"
    assert found["hostname"] == "sandbox" and found["pids"] == ["1", "2", "3"]  # supervisor (init), template, this cell
    devices = {f"/dev/{name}" for name in ("null", "zero", "full", "random", "urandom", "tty", "pts")}
    assert set(found["writable"]) <= {"/tmp", "/dev/shm", "/run/labbot-output", "/proc"} | devices, found["writable"]
    assert found["nested_userns"] in {"EPERM", "ENOSPC"} and found["mknod"] == "EPERM"
    assert found["hardlink"] == "EXDEV"
    assert set(found["environment"]) - {"PWD"} == set(sandbox_environment())
    assert exit_code(["unshare", "--user", "true"]) == 0  # positive control: the host may nest user namespaces


@as_root
async def test_a_sandbox_cannot_touch_host_device_nodes(sandbox: BwrapSandbox) -> None:
    """A root-launched bwrap lets the sandbox own host inodes: chmod of the host's /dev/null succeeds there.

    Positive control run with the *same* mode (0666), so the host's /dev/null is never changed.
    """
    control = [Tools.find().bwrap, "--unshare-all", "--unshare-user", "--uid", "65534", "--ro-bind", "/", "/"]
    control += ["--dev", "/dev", "/bin/sh", "-c", "stat -c %a /dev/null | grep -qx 666 && chmod 666 /dev/null"]
    assert exit_code(control) == 0
    found = probed(await sandbox.run(IDENTITY_PROBE))
    assert isinstance(found, dict) and found["chmod_dev_null"] == "EPERM"


@as_root
async def test_pids_and_memory_cgroups_are_in_force(sandbox: BwrapSandbox) -> None:
    uid = sandbox.current_host_uid
    assert uid is not None and HOST_UID_BASE <= uid < HOST_UID_BASE + HOST_UID_SPAN
    pids_dir, memory_dir = (Path(d) for d in sandbox.current_cgroup_dirs)
    assert (pids_dir / "pids.max").read_text().strip() == "32"
    assert int((memory_dir / "memory.limit_in_bytes").read_text()) == 512 * 2**20
    members = {int(pid) for pid in (pids_dir / "cgroup.procs").read_text().split()}
    assert members == set(processes_of(uid)) and len(members) == 4  # bwrap, supervisor, template, idle cell
    bomb = "import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            time.sleep(60)\n"
    bomb += "        n += 1\nexcept OSError as e:\n    print(n, e.errno)"
    forked, errno = (int(v) for v in (await sandbox.run(bomb)).stdout.split())
    assert forked < 32 and errno == 11  # EAGAIN
    await sandbox.close()
    assert not pids_dir.exists() and not memory_dir.exists() and processes_of(uid) == []


@as_root
async def test_the_memory_cgroup_stops_a_bomb_spread_over_processes() -> None:
    settings = limits(memory_mb=256, timeout_s=10)
    bomb = (
        "import os, time\nfor _ in range(4):\n    if os.fork() == 0:\n"
        "        block = b'1' * (120 * 2**20)\n        time.sleep(2)\n        os._exit(0)\n"
        "print(sorted(os.waitstatus_to_exitcode(os.wait()[1]) for _ in range(4)))"
    )  # each child stays under RLIMIT_AS (numpy, preloaded, counts in it); together they are over the cgroup's.
    # Each holds its written block a while, so the four overlap however slowly a busy machine runs them.
    async with await BwrapSandboxProvider(settings).open() as box:
        memory_dir = Path(box.current_cgroup_dirs[1])
        result = await box.run(bomb)
        assert result.ok, result.error
        assert "-9" in result.stdout  # SIGKILLed by the OOM killer
        assert "oom_kill 0" not in (memory_dir / "memory.oom_control").read_text()
        assert (await box.run("print('alive')")).stdout == "alive\n"


async def test_scratch_space_stops_at_its_limits(sandbox: BwrapSandbox) -> None:
    fill = (
        "import errno, json\ndef fill(prefix, files):\n    written = 0\n    try:\n        for i in range(1024):\n"
        "            with open(f'{prefix}{i % files}', 'ab') as f:\n                f.write(b'0' * 2**20)\n"
        "            written += 1\n    except OSError as e:\n        return [written, errno.errorcode[e.errno]]\n"
        "print(json.dumps([fill('/tmp/one', 1), fill('/tmp/many', 64), fill('/dev/shm/x', 64)]))"
    )
    one_file, tmp, shm = probed(await sandbox.run(fill))
    assert one_file == [8, "EFBIG"]  # file_size_mb
    assert tmp[1] == "ENOSPC" and tmp[0] <= 16 - 8  # tmp_size_mb, with the 8 MiB file still there
    assert shm[1] == "ENOSPC" and shm[0] <= 8


async def test_a_crash_is_reported_and_the_next_run_starts_fresh(sandbox: BwrapSandbox) -> None:
    await sandbox.run("x = 1")
    crashed = await sandbox.run("import ctypes\nctypes.string_at(0)")  # a segfault in C code
    assert crashed.error is not None and crashed.error.name == "SandboxCrashed" and "SIGSEGV" in crashed.error.value
    assert host_leftovers(sandbox) == []
    fresh = await sandbox.run("print('x' in globals())")
    assert fresh.stdout == "False\n" and fresh.stderr.startswith("[sandbox restarted: the previous interpreter died")


async def test_timeout_is_said_in_the_next_result() -> None:
    settings = limits(timeout_s=0.5)
    async with await BwrapSandboxProvider(settings).open() as box:
        timed_out = await box.run("import time\ntime.sleep(100)")
        assert timed_out.error is not None and timed_out.error.name == "TimeoutError"
        after = await box.run("print(1)")
        assert after.stdout == "1\n" and "ran past 0.5 s" in after.stderr


async def test_the_cpu_seconds_limit_kills_with_sigxcpu() -> None:
    async with await BwrapSandboxProvider(limits(cpu_s=1, timeout_s=15)).open() as box:  # the CPU limit comes first
        result = await box.run("while True:\n    pass")
        assert result.error is not None and result.error.name == "SandboxCrashed"
        assert "SIGXCPU" in result.error.value and "1 CPU seconds" in result.error.value


@as_root
async def test_a_kernel_killed_between_cells_is_replaced(sandbox: BwrapSandbox) -> None:
    uid = sandbox.current_host_uid
    os.kill(kernel_pid(uid), signal.SIGKILL)
    assert await until(lambda: processes_of(uid) == [], 3)
    await asyncio.sleep(0.1)
    result = await sandbox.run("print('alive')")
    assert result.stdout == "alive\n" and "died between cells" in result.stderr


async def test_a_forged_reply_reaches_only_the_cells_own_report(sandbox: BwrapSandbox) -> None:
    forge = (
        "import os\nfor fd in map(int, os.listdir('/proc/self/fd')):\n    try:\n"
        "        if fd > 2 and os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
        '            os.write(fd, b\'{"id": -1, "stdout": "forged"}\\n\')\n    except OSError:\n        pass'
    )
    await sandbox.run("kept = 2")
    result = await sandbox.run(forge)  # the only pipe a cell holds is its own report's: it says what it likes of itself
    assert "forged" not in result.stdout and result.error is None
    assert (await sandbox.run("print(kept)")).stdout == "2\n"  # the same sandbox, and what carried is intact


async def test_a_sandbox_that_cannot_start_says_so_and_leaves_nothing() -> None:
    box = BwrapSandbox(SETTINGS, dataclasses.replace(Tools.find(), bwrap="/bin/false"))
    with pytest.raises(SandboxUnavailableError, match="did not start"):
        await box.start()
    assert host_leftovers(box) == [] and existing(box.cgroup_dirs) == []


async def test_close_stops_a_running_cell_leaves_nothing_and_is_final(sandbox: BwrapSandbox) -> None:
    uid = sandbox.current_host_uid
    cell = asyncio.create_task(
        sandbox.run("import subprocess, time\nsubprocess.Popen(['sleep', '1000'])\ntime.sleep(100)")
    )
    assert await until(lambda: len(processes_of(uid)) >= 5 or os.geteuid() != 0, 5)  # bwrap, kernel (3), sleep
    started = time.monotonic()
    await sandbox.close()
    await sandbox.close()
    assert time.monotonic() - started < 1
    interrupted = await cell
    assert interrupted.error is not None and "closed" in interrupted.error.value
    assert host_leftovers(sandbox) == [] and existing(sandbox.cgroup_dirs) == []
    with pytest.raises(RuntimeError, match="closed"):
        await sandbox.run("1")


HOST_SCRIPT = """
import asyncio, json
from tools.sandbox.bwrap import BwrapSandboxProvider
from tools.settings import SandboxSettings
async def main():
    box = await BwrapSandboxProvider(SandboxSettings()).open()
    print(json.dumps([box.current_host_uid, box.current_cgroup_dirs]), flush=True)
    await box.run("import subprocess, time\\nsubprocess.Popen(['sleep', '1000'])\\ntime.sleep(1000)")
asyncio.run(main())
"""


@as_root
def test_the_sandbox_dies_with_the_process_that_opened_it() -> None:
    with subprocess.Popen([sys.executable, "-c", HOST_SCRIPT], cwd=REPO, stdout=subprocess.PIPE, text=True) as host:
        assert host.stdout is not None
        uid, cgroup_dirs = json.loads(host.stdout.readline())
        try:
            assert poll(lambda: len(processes_of(uid)) >= 4, 10)  # bwrap, kernel (2), sleep
        finally:
            host.kill()
    assert poll(lambda: processes_of(uid) == [], 3)  # bwrap's --die-with-parent
    for directory in cgroup_dirs:  # the killed process could not remove its cgroups; they must be empty
        Path(directory).rmdir()


def test_containment_is_reported() -> None:
    provider = BwrapSandboxProvider(SETTINGS)
    report = provider.containment()
    if os.geteuid() == 0:
        assert report.unprivileged_host_uid and report.cgroups == ("pids", "memory")
    weak = Containment(False, (), ("pids (no writable cgroup hierarchy)",))
    assert any("NOT in force" in line for line in weak.describe())
    assert any("only RLIMIT_NPROC" in line for line in weak.describe())


def test_cgroup_discovery_without_cgroupfs_finds_nothing(tmp_path: Path) -> None:
    assert discover(tmp_path) == {}
