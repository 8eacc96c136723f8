"""One contract, every Sandbox backend: notebook behaviour, then escapes and bombs (reliability §3.4, §6 rows 7–8).

Each containment probe is a piece of code whose printed JSON says what it managed to do; where it is
meaningful the same probe first runs on the host (the positive control), so that a pass means the
sandbox stopped it, not that the probe was broken. After every bomb the host is checked for leftovers.
"""

from __future__ import annotations

import base64
import ctypes
import importlib.util
import json
import os
import platform
import re
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import REPO
from tests.standins.e2b import E2BStandIn
from tools.sandbox import ExecResult, Sandbox, SandboxProvider, open_sandbox
from tools.sandbox.bwrap import BwrapSandbox
from tools.sandbox.e2b import _figures as e2b_figures
from tools.settings import SandboxSettings, Settings

BACKENDS = ["bwrap", "e2b"]
TIMEOUT_S = 3.0
OUTPUT_BYTES = 4096
LIMITS = SandboxSettings(  # small, so that every bomb meets its limit quickly
    timeout_s=TIMEOUT_S,
    cpu_s=30,
    memory_mb=512,
    max_processes=32,
    file_size_mb=8,
    tmp_size_mb=16,
    output_bytes=OUTPUT_BYTES,
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MARKER = re.compile(r"…\[output truncated: (\d+) bytes cut\]")


def host_processes() -> dict[int, int]:
    """pid → real uid of every process on this host (zombies included)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            uid_line = next(line for line in status.splitlines() if line.startswith("Uid:"))
            found[int(entry.name)] = int(uid_line.split()[1])
    return found


def host_leftovers(sandbox: Sandbox) -> list[str]:
    """What past launches of ``sandbox`` left on this host: processes of their host uids, their cgroups.

    A remote backend leaves nothing here by construction. The current kernel of a live bwrap sandbox is not a leftover.
    """
    if not isinstance(sandbox, BwrapSandbox):
        return []
    past = set(sandbox.host_uids) - {sandbox.current_host_uid}
    found = [f"pid {pid} as uid {uid}" for pid, uid in host_processes().items() if uid in past]
    current = set(sandbox.current_cgroup_dirs)
    found += [f"cgroup {d}" for d in sandbox.cgroup_dirs if d not in current and Path(d).exists()]
    return found + [f"keys: {line}" for line in keys_of(past)]


def keys_of(uids: set[int]) -> list[str]:
    """Lines of /proc/key-users (every user's key count) for these host uids, once the kernel's key GC has run."""
    deadline = time.monotonic() + 2  # a keyring is freed with its last process, asynchronously
    while True:
        lines = [line for line in Path("/proc/key-users").read_text().splitlines() if int(line.split(":")[0]) in uids]
        if not lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.02)


def host_processes_with(marker: str) -> list[int]:
    pids = []
    for pid in host_processes():
        try:
            if marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(pid)
        except OSError:
            continue
    return pids


def on_host(probe: str) -> Any:
    """The positive control: the same probe as an ordinary host process, with this process's environment."""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def probed(result: ExecResult) -> Any:  # parsed JSON
    assert result.error is None, result.error
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(params=BACKENDS)
def sandbox_provider(request: pytest.FixtureRequest) -> Iterator[SandboxProvider]:
    if request.param != "e2b":
        yield open_sandbox(Settings(sandbox=LIMITS.model_copy(update={"backend": request.param})))
        return
    # The real e2b client against a loopback stand-in that runs each E2B sandbox in a bwrap sandbox; the host
    # checks above cannot see those, so every one is checked here: killed, and nothing of it left behind.
    with E2BStandIn(LIMITS) as stand_in:
        yield open_sandbox(stand_in.settings(LIMITS))
        assert stand_in.live_sandboxes() == []
        assert [left for box in stand_in.bwrap_sandboxes for left in host_leftovers(box)] == []


@pytest.fixture
async def sandbox(sandbox_provider: SandboxProvider) -> AsyncIterator[Sandbox]:
    box = await sandbox_provider.open()
    yield box
    await box.close()
    assert host_leftovers(box) == []


async def timed(sandbox: Sandbox, code: str) -> tuple[ExecResult, float]:
    started = time.monotonic()
    result = await sandbox.run(code)
    return result, time.monotonic() - started


def host_can_fork() -> bool:
    return subprocess.run(["true"], check=False).returncode == 0


async def assert_recovers(sandbox: Sandbox) -> None:
    assert host_leftovers(sandbox) == []
    assert host_can_fork()
    result = await sandbox.run("print('alive')")
    assert result.ok and result.stdout.endswith("alive\n"), result


# ---- notebook behaviour -------------------------------------------------------------------------------------------


async def test_stdout_and_stderr_from_python_c_code_and_subprocesses(sandbox: Sandbox) -> None:
    code = (
        "import os, subprocess, sys\n"
        "print('from print')\n"
        "print('to stderr', file=sys.stderr)\n"
        "os.write(1, b'from fd 1\\n')\n"
        "subprocess.run(['echo', 'from a child'], check=True);\n"
        "print('last')"
    )
    result = await sandbox.run(code)
    assert result.ok and not result.truncated
    assert result.stdout.splitlines() == ["from print", "from fd 1", "from a child", "last"]  # in order
    assert result.stderr == "to stderr\n"
    assert result.duration_s > 0


async def test_error_has_name_value_and_a_traceback_of_the_cell(sandbox: Sandbox) -> None:
    result = await sandbox.run("print('before')\ndef ratio():\n    return 1 / 0\nratio()")
    assert result.stdout == "before\n"
    assert result.error is not None
    assert (result.error.name, result.error.value) == ("ZeroDivisionError", "division by zero")
    assert "return 1 / 0" in result.error.traceback and "ratio()" in result.error.traceback
    assert "kernel.py" not in result.error.traceback  # the interpreter's own frames are trimmed
    syntax = await sandbox.run("def broken(:\n    pass")
    assert syntax.error is not None and syntax.error.name == "SyntaxError"


async def test_state_persists_across_cells(sandbox: Sandbox) -> None:
    await sandbox.run("x = 41\nimport math\nopen('/tmp/note.txt', 'w').write('kept')")
    result = await sandbox.run("print(x + 1, math.pi > 3, open('/tmp/note.txt').read())")
    assert result.stdout == "42 True kept\n"


async def test_the_value_of_a_final_expression_is_shown(sandbox: Sandbox) -> None:
    result = await sandbox.run("values = [3, 1, 2]\nsorted(values)")
    assert result.stdout == "[1, 2, 3]\n"
    assert (await sandbox.run("None")).stdout == ""
    assert (await sandbox.run("sorted(values);")).stdout == ""  # IPython's rule: a final ; hides the value


async def test_matplotlib_figures_come_back_as_png(sandbox: Sandbox) -> None:
    code = "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.title('squares')\n"
    code += "plt.figure()\nplt.bar(['a'], [1])"
    result = await sandbox.run(code)
    assert result.ok, result.error
    assert len(result.figures) == 2
    assert all(figure.startswith(PNG_SIGNATURE) and len(figure) > 1000 for figure in result.figures)
    assert (await sandbox.run("x = 1")).figures == []  # figures are closed once returned


async def test_sandboxes_share_nothing(sandbox_provider: SandboxProvider) -> None:
    first, second = await sandbox_provider.open(), await sandbox_provider.open()
    try:
        await first.run("secret = 'alice'\nopen('/tmp/alice.txt', 'w').write('alice')")
        result = await second.run("import os\nprint('secret' in globals(), os.path.exists('/tmp/alice.txt'))")
        assert result.stdout == "False False\n"
    finally:
        await first.close()
        await second.close()


# ---- output flood -------------------------------------------------------------------------------------------------


async def test_100_mb_of_output_is_cut_to_the_cap_with_a_marker(sandbox: Sandbox) -> None:
    code = "import sys\nchunk = 'x' * 1_000_000\nfor _ in range(100):\n"
    code += "    sys.stdout.write(chunk)\n    sys.stderr.write(chunk)"
    result, elapsed = await timed(sandbox, code)
    assert result.ok and result.truncated
    for stream in (result.stdout, result.stderr):
        assert len(stream.encode()) <= OUTPUT_BYTES + 64
        match = MARKER.search(stream)
        assert match is not None and stream.endswith(match.group(0) + "\n")
        kept = stream[: match.start()].removesuffix("\n")  # the marker starts a line of its own
        assert set(kept) == {"x"} and int(match.group(1)) == 100_000_000 - len(kept)
    assert elapsed < TIMEOUT_S


async def test_a_subprocess_flood_is_cut_too(sandbox: Sandbox) -> None:
    result = await sandbox.run("import subprocess\nsubprocess.run('yes | head -c 5000000', shell=True)\nNone")
    assert result.truncated and len(result.stdout.encode()) <= OUTPUT_BYTES + 64
    assert result.stdout.startswith("y\ny\n") and MARKER.search(result.stdout)


# ---- denial of service (§6 row 8): each is stopped within timeout + 1 s and leaves nothing behind ---------------


async def test_cpu_spin_times_out_and_the_sandbox_recovers(sandbox: Sandbox) -> None:
    await sandbox.run("x = 1")
    result, elapsed = await timed(sandbox, "while True:\n    pass")
    assert result.error is not None and result.error.name == "TimeoutError"
    assert TIMEOUT_S - 0.1 < elapsed < TIMEOUT_S + 1
    await assert_recovers(sandbox)


async def test_fork_bomb_is_stopped(sandbox: Sandbox) -> None:
    bomb = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass"
    result, elapsed = await timed(sandbox, bomb)
    assert result.error is not None and result.error.name in {"TimeoutError", "SandboxCrashed"}
    assert elapsed < TIMEOUT_S + 1
    await assert_recovers(sandbox)


async def test_memory_bomb_fails_and_the_host_is_unharmed(sandbox: Sandbox) -> None:
    at_once, elapsed = await timed(sandbox, "block = bytearray(64 * 1024**3)")
    assert at_once.error is not None and at_once.error.name in {"MemoryError", "SandboxCrashed"}
    growing, elapsed = await timed(
        sandbox, "def grow():\n    kept = []\n    while True:\n        kept.append(bytearray(10**7))\ngrow()"
    )
    assert growing.error is not None and growing.error.name in {"MemoryError", "SandboxCrashed"}
    assert elapsed < TIMEOUT_S + 1
    await assert_recovers(sandbox)


async def test_disk_fill_stays_off_the_host_disk(sandbox: Sandbox) -> None:
    code = (
        "import errno, json, os\nwritten, failure = 0, None\ntry:\n"
        "    for i in range(1024):\n"
        "        with open(f'/tmp/fill{i % 64}', 'ab') as f:\n            f.write(b'0' * 2**20)\n        written += 1\n"
        "except OSError as e:\n    failure = errno.errorcode[e.errno]\n"
        "print(json.dumps([written, failure]))"
    )
    free_before = shutil.disk_usage("/").free
    result, elapsed = await timed(sandbox, code)
    written_mb, failure = probed(result)
    assert free_before - shutil.disk_usage("/").free < 256 * 2**20
    assert failure in {"ENOSPC", "EFBIG"} or written_mb == 1024
    assert elapsed < TIMEOUT_S + 1
    await assert_recovers(sandbox)


async def test_processes_left_running_do_not_survive_the_cell(sandbox: Sandbox) -> None:
    marker = f"1000.{secrets.randbelow(10**6)}"
    code = (
        "import os, subprocess, time\n"
        f"child = subprocess.Popen(['sleep', '{marker}'])\n"
        "forked = os.fork()\nif forked == 0:\n    time.sleep(1000)\n"
        "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        f"        os.execvp('sleep', ['sleep', '{marker}'])\n    os._exit(0)\n"
        "print(child.pid, forked)"
    )
    started = await sandbox.run(code)
    assert started.ok, started.error
    pids = [int(pid) for pid in started.stdout.split()]
    check = (
        "import json, os\nalive = []\nfor pid in " + repr(pids) + ":\n    try:\n        os.kill(pid, 0)\n"
        "        alive.append(pid)\n    except ProcessLookupError:\n        pass\n"
        "for pid in [p for p in os.listdir('/proc') if p.isdigit()]:\n    try:\n"
        f"        if b'{marker}' in open(f'/proc/{{pid}}/cmdline', 'rb').read():\n            alive.append(pid)\n"
        "    except OSError:\n        pass\nprint(json.dumps(alive))"
    )
    assert probed(await sandbox.run(check)) == []
    assert host_processes_with(marker) == []


# ---- escapes (§6 row 7), each with its positive control ------------------------------------------------------------


@pytest.fixture
def loopback_server() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


async def test_no_network_not_even_the_hosts_loopback(sandbox: Sandbox, loopback_server: int) -> None:
    probe = (
        "import json, socket\nresults = {}\n"
        f"for name, address in [('loopback', ('127.0.0.1', {loopback_server})), ('internet', ('1.1.1.1', 53))]:\n"
        "    try:\n        socket.create_connection(address, timeout=2).close()\n        results[name] = 'connected'\n"
        "    except OSError as e:\n        results[name] = type(e).__name__\n"
        "try:\n    socket.getaddrinfo('example.com', 80)\n    results['dns'] = 'resolved'\n"
        "except OSError as e:\n    results['dns'] = type(e).__name__\n"
        "try:\n    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('1.1.1.1', 53))\n"
        "    results['udp'] = 'sent'\nexcept OSError as e:\n    results['udp'] = type(e).__name__\n"
        "print(json.dumps(results))"
    )
    assert on_host(probe)["loopback"] == "connected"
    results = probed(await sandbox.run(probe))
    assert isinstance(results, dict)
    assert not {"connected", "resolved", "sent"} & set(results.values()), results


ENV_PROBE = """
import json, os
canary = os.environ.get('PROBE_CANARY') or {canary!r}
found = ['os.environ'] if any(canary in value for value in os.environ.values()) else []
for pid in [p for p in os.listdir('/proc') if p.isdigit()] + ['self']:
    tasks = [f'/proc/{{pid}}']
    try:
        tasks += [f'/proc/{{pid}}/task/{{t}}' for t in os.listdir(f'/proc/{{pid}}/task')]
    except OSError:
        pass
    for base in tasks:
        for name in ('environ', 'cmdline'):
            try:
                if canary.encode() in open(f'{{base}}/{{name}}', 'rb').read():
                    found.append(f'{{base}}/{{name}}')
            except OSError:
                pass
print(json.dumps(found))
"""


async def test_host_environment_secrets_are_invisible(
    sandbox_provider: SandboxProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = f"sk-canary-{secrets.token_hex(12)}"
    monkeypatch.setenv("OPENAI_API_KEY", canary)
    monkeypatch.setenv("SLACK_BOT_TOKEN", canary)
    probe = ENV_PROBE.format(canary=canary)
    assert "os.environ" in on_host(probe) and "/proc/self/environ" in on_host(probe)
    box = await sandbox_provider.open()  # opened after the secrets are set: nothing may carry them in
    try:
        assert probed(await box.run(probe)) == []
    finally:
        await box.close()


async def test_host_files_are_invisible(sandbox: Sandbox, settings: Settings) -> None:
    token = secrets.token_hex(8)
    home_canary = Path.home() / f".labbot-sandbox-canary-{token}"
    data_canary = settings.data_path / "secret.db"
    data_canary.parent.mkdir(parents=True)
    data_canary.write_text(token)
    home_canary.write_text(token)
    targets = [home_canary, data_canary, REPO / "README.md", REPO / ".env", Path("/etc/shadow"), Path("/etc/passwd")]
    probe = (
        "import json, os\nresults = {}\n"
        f"for path in {[str(t) for t in targets]!r}:\n"
        "    try:\n        results[path] = open(path).read()[:64]\n    except OSError as e:\n"
        "        results[path] = type(e).__name__\n"
        f"try:\n    results['listing'] = sorted(os.listdir({str(Path.home())!r}))\nexcept OSError as e:\n"
        "    results['listing'] = type(e).__name__\nprint(json.dumps(results))"
    )
    try:
        control = on_host(probe)
        assert isinstance(control, dict) and control[str(home_canary)] == token == control[str(data_canary)]
        results = probed(await sandbox.run(probe))
        assert isinstance(results, dict)
        assert all(results[str(target)] in {"FileNotFoundError", "PermissionError"} for target in targets), results
        assert home_canary.name not in str(results["listing"])
    finally:
        home_canary.unlink()


async def test_nothing_outside_tmp_can_be_written(sandbox: Sandbox, tmp_path: Path) -> None:
    venv_probe = Path(sys.prefix) / f"labbot-probe-{secrets.token_hex(4)}"
    targets = ["/usr/labbot-probe", str(venv_probe), "/etc/labbot-probe", "/labbot-probe", "/dev/labbot-probe"]
    targets += ["/opt/labbot/kernel.py", str(Path(sys.prefix) / "pyvenv.cfg"), "/proc/sys/kernel/hostname"]
    probe = (
        "import json\nresults = {}\n"
        f"for path in {[*targets, '/tmp/labbot-probe']!r}:\n"
        "    try:\n        with open(path, 'a') as f:\n            f.write('x')\n        results[path] = 'written'\n"
        "    except OSError as e:\n        results[path] = type(e).__name__\nprint(json.dumps(results))"
    )
    host_file = tmp_path / "probe"
    host_file.write_text("x")  # positive control: the probe's way of writing works on the host
    results = probed(await sandbox.run(probe))
    assert isinstance(results, dict)
    assert results.pop("/tmp/labbot-probe") == "written"
    assert "written" not in results.values(), results
    assert not venv_probe.exists()


TIOCSTI_PROBE = """
import errno, fcntl, json, os, termios
def inject(fd):
    try:
        fcntl.ioctl(fd, termios.TIOCSTI, b'#')
        return 'injected'
    except OSError as e:
        return errno.errorcode[e.errno]
results = {f'fd{fd}': inject(fd) for fd in (0, 1, 2)}
try:
    results['/dev/tty'] = inject(os.open('/dev/tty', os.O_RDWR))
except OSError as e:
    results['/dev/tty'] = errno.errorcode[e.errno]
print(json.dumps(results))
"""


async def test_no_keystroke_injection_into_a_terminal(sandbox: Sandbox) -> None:
    import fcntl
    import termios

    leader, follower = os.openpty()  # positive control: TIOCSTI does inject into a terminal on this host
    try:
        fcntl.ioctl(follower, termios.TIOCSTI, b"#")
    finally:
        os.close(leader)
        os.close(follower)
    results = probed(await sandbox.run(TIOCSTI_PROBE))
    assert isinstance(results, dict) and "injected" not in results.values(), results


# ---- the kernel keyring (issue 16): the launcher's keys out of reach, nothing planted for later, nothing left ------

x86_64 = pytest.mark.skipif(platform.machine() != "x86_64", reason="the probes call system calls by x86_64 number")
KEYCTL, ADD_KEY = 250, 248
KEY_SPEC_SESSION_KEYRING = -3
KEYRING_PROBE = """
import ctypes, errno, json
libc = ctypes.CDLL(None, use_errno=True)
def outcome(result):
    return 'ok' if result >= 0 else errno.errorcode[ctypes.get_errno()]
key, canary, planted = {key}, {canary!r}, {planted!r}
buffer = ctypes.create_string_buffer(256)
print(json.dumps({{
    'listed': canary in open('/proc/keys').read(),
    'read': outcome(libc.syscall(250, 11, key, buffer, 256)),  # KEYCTL_READ
    'overwrite': outcome(libc.syscall(250, 2, key, b'overwritten', 11)),  # KEYCTL_UPDATE
    'search': outcome(libc.syscall(250, 10, -3, b'user', canary.encode(), 0)),  # KEYCTL_SEARCH the session keyring
    'plant': outcome(libc.syscall(248, b'user', planted.encode(), b'from a sandbox', 14, -3)),
    'stolen': canary.encode() in buffer.raw or b'secret' in buffer.raw,
}}))
"""


def _keyctl(*args: Any) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    result = int(libc.syscall(KEYCTL, *args))
    if result < 0:
        raise OSError(ctypes.get_errno(), "keyctl")
    return result


@pytest.fixture
def launcher_key() -> Iterator[tuple[int, str]]:
    """A root-owned key in a session keyring of this process (and so of every sandbox launched from it).

    Requested before the sandbox provider, so the E2B stand-in's threads are started inside it too.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    keyring = _keyctl(1, f"labbot-test-{secrets.token_hex(4)}".encode())  # KEYCTL_JOIN_SESSION_KEYRING
    canary = f"labbot-canary-{secrets.token_hex(6)}"
    key = int(libc.syscall(ADD_KEY, b"user", canary.encode(), b"secret", 6, KEY_SPEC_SESSION_KEYRING))
    assert key > 0, ctypes.get_errno()
    yield key, canary
    _keyctl(7, keyring)  # KEYCTL_CLEAR: no key of this test stays behind


@x86_64
async def test_the_launchers_keyring_is_out_of_reach_and_nothing_planted_survives(
    launcher_key: tuple[int, str], sandbox_provider: SandboxProvider
) -> None:
    key, canary = launcher_key
    planted = f"labbot-planted-{secrets.token_hex(6)}"
    probe = KEYRING_PROBE.format(key=key, canary=canary, planted=f"{planted}-host")
    control = on_host(probe)  # a child of the launcher possesses the key: it lists, reads, overwrites, plants
    assert control == {"listed": True, "read": "ok", "overwrite": "ok", "search": "ok", "plant": "ok", "stolen": True}
    first = await sandbox_provider.open()
    try:
        found = probed(await first.run(KEYRING_PROBE.format(key=key, canary=canary, planted=planted)))
    finally:
        await first.close()
    assert found["listed"] is False and found["stolen"] is False, found
    assert "ok" not in {found[name] for name in ("read", "overwrite", "search", "plant")}, found
    second = await sandbox_provider.open()  # another answer: nothing of the first one's keyring
    try:
        listing = probed(await second.run("import json\nprint(json.dumps(open('/proc/keys').read()))"))
    finally:
        await second.close()
    assert planted not in listing and canary not in listing and len(listing.splitlines()) <= 1, listing


async def test_launches_leave_no_keys_behind(sandbox_provider: SandboxProvider) -> None:
    """Each launch's session keyring goes with its last process (host_leftovers looks for any key of its uid)."""
    for _ in range(3):
        box = await sandbox_provider.open()
        assert probed(await box.run("import json\nprint(json.dumps(open('/proc/keys').read().count('_ses')))")) == 1
        await box.close()
        assert host_leftovers(box) == []


# ---- the seccomp filter (issue 16): each call denied inside, each one reachable on the host -----------------------

SYSCALL_PROBE = """
import ctypes, errno, json, socket
libc = ctypes.CDLL(None, use_errno=True)
def outcome(number, *args):
    result = libc.syscall(number, *args)
    return 'ok' if result >= 0 else errno.errorcode[ctypes.get_errno()]
def family(number, kind):
    try:
        socket.socket(number, kind).close()
        return 'ok'
    except OSError as e:
        return errno.errorcode[e.errno]
N = None
print(json.dumps({
    'keyctl': outcome(250, 0, -3, 0),
    'add_key': outcome(248, N, N, N, 0, -3),
    'request_key': outcome(249, N, N, N, 0),
    'io_uring_setup': outcome(425, 0, N),
    'io_uring_enter': outcome(426, -1, 0, 0, 0, N, 0),
    'io_uring_register': outcome(427, -1, 0, N, 0),
    'bpf': outcome(321, 0, N, 0),
    'ptrace': outcome(101, 2, 0, 0, 0),
    'process_vm_readv': outcome(310, 0, N, 0, N, 0, 0),
    'process_vm_writev': outcome(311, 0, N, 0, N, 0, 0),
    'pidfd_getfd': outcome(438, -1, 0, 0),
    'mount': outcome(165, N, N, N, 0, N),
    'umount2': outcome(166, N, 0),
    'pivot_root': outcome(155, N, N),
    'chroot': outcome(161, N),
    'open_tree': outcome(428, -1, N, 0),
    'move_mount': outcome(429, -1, N, -1, N, 0),
    'fsopen': outcome(430, N, 0),
    'fsconfig': outcome(431, -1, 0, N, N, 0),
    'fsmount': outcome(432, -1, 0, 0),
    'fspick': outcome(433, -1, N, 0),
    'mount_setattr': outcome(442, -1, N, 0, N, 0),
    'unshare': outcome(272, 0),
    'setns': outcome(308, -1, 0),
    'clone_newuser': outcome(56, 0x10000000 | 0x00010000, 0, N, N, 0),  # with CLONE_THREAD: EINVAL if allowed
    'clone3': outcome(435, N, 0),
    'perf_event_open': outcome(298, N, 0, -1, -1, 0),
    'userfaultfd': outcome(323, 0xFFFFFFFF),
    'tiocsti': outcome(16, -1, 0x5412, N),
    'tiocsti_high_bits': outcome(16, -1, 0x100005412, N),
    'tioclinux': outcome(16, -1, 0x541C, N),
    'af_vsock': family(40, socket.SOCK_STREAM),
    'af_netlink': family(16, socket.SOCK_RAW),
    'af_packet': family(17, socket.SOCK_RAW),
    'benign_af_inet': family(2, socket.SOCK_DGRAM),
    'benign_af_unix': family(1, socket.SOCK_STREAM),
    'benign_ioctl': outcome(16, -1, 0x5413, N),  # TIOCGWINSZ on a bad fd
}))
"""
BENIGN = {"benign_af_inet": "ok", "benign_af_unix": "ok", "benign_ioctl": "EBADF"}
SOCKETS = ("af_vsock", "af_netlink", "af_packet")


@x86_64
async def test_each_denied_system_call_fails_inside_and_only_inside(sandbox: Sandbox) -> None:
    control = on_host(SYSCALL_PROBE)
    found = probed(await sandbox.run(SYSCALL_PROBE))
    assert isinstance(found, dict) and set(found) == set(control)
    for name, outcome in found.items():
        if name in BENIGN:
            assert outcome == control[name] == BENIGN[name], (name, outcome)
        elif name in SOCKETS:  # as Flatpak: a family the kernel does not have
            assert outcome == "EAFNOSUPPORT" and control[name] == "ok", (name, outcome, control[name])
        elif name == "clone3":  # glibc then falls back to clone, whose flags the filter can see
            assert outcome == "ENOSYS" and control[name] != "ENOSYS", (name, outcome)
        else:
            assert outcome == "EPERM" and control[name] != "EPERM", (name, outcome, control[name])


# ---- forged figures (issue 16): only whole PNGs within the caps come back ------------------------------------------

FORGED_FIGURES = """
import base64, struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
def png(shade):  # a real 1x1 PNG, made without matplotlib
    header = struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, shade]))
    return b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', header) + chunk(b'IDAT', pixels) + chunk(b'IEND', b'')
html = b'<html><script>alert(1)</script>' + b'x' * 5_000_000 + b'</html>'
forged = [html[:1000], b'\\x89PNG\\r\\n\\x1a\\n' + html[:1000], html, png(1)[:-6] + b'broken', html]
forged += [png(shade) for shade in range(20)]
kernel = sys.modules['__main__']  # the worker's own module: a cell can replace what it calls
kernel.collect_figures = lambda: ([base64.b64encode(f).decode() for f in forged], '')
"""


async def test_forged_figures_are_dropped_and_counted(sandbox: Sandbox) -> None:
    result = await sandbox.run(FORGED_FIGURES)
    assert len(result.figures) == 16 and all(f.startswith(PNG_SIGNATURE) and len(f) < 200 for f in result.figures)
    assert result.stderr.count("dropped: not a") == 3 and result.stderr.count("dropped: over") == 2, result.stderr
    assert "4 more figures dropped: at most 16 per cell" in result.stderr


def test_e2b_display_data_is_checked_as_png_too() -> None:
    """On E2B a cell can display any bytes as image/png (IPython's display); they meet the same checks."""
    html = base64.b64encode(b"<html>" + b"x" * 100 + b"</html>").decode()
    real = base64.b64encode(png_bytes()).decode()
    figures, notes = e2b_figures([SimpleNamespace(png=value) for value in (html, "not base64!", real)])
    assert figures == [png_bytes()] and len(notes) == 2


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


# ---- the kernel's reply (issue 16): a cell cannot speak for the kernel, now or for later cells ---------------------

SUPERVISOR_PROBE = """
import errno, json
results = {}
for path, mode in [('/proc/1/fd/1', 'wb'), ('/proc/1/fd/0', 'rb'), ('/proc/1/mem', 'rb'), ('/proc/1/environ', 'rb')]:
    try:
        open(path, mode).close()
        results[path] = 'opened'
    except OSError as e:
        results[path] = errno.errorcode[e.errno]
print(json.dumps(results))
"""
FORGE_REPLIES = """
import json, os
line = {"ready": True, "nonce": "guessed", "stdout": "FORGED\\n", "stderr": "", "error": None, "figures": []}
written = 0
for fd in map(int, os.listdir('/proc/self/fd')):
    try:
        if fd > 2 and os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):
            for request in range(1, 8):
                os.write(fd, (json.dumps(line | {"id": request}) + "\\n").encode())
            written += 1
    except OSError:
        pass
print('wrote to', written, 'pipes')
"""
STEAL_NONCE = """
import json, os, sys
frame = sys._getframe()
while 'nonce' not in frame.f_locals:
    frame = frame.f_back
kernel = frame.f_locals['self']
forged = {"nonce": frame.f_locals['nonce'], "stdout": "FORGED\\n", "stderr": "", "error": None, "figures": []}
kernel.channel.send(forged)  # answers this cell; the real reply is left queued for the next one
"""
LINGERING_THREAD = """
import os, threading, time
def later():
    time.sleep(0.5)
    for _ in range(100):
        os.write(1, b'FORGED\\n')
        time.sleep(0.01)
threading.Thread(target=later, daemon=True).start()
"""


async def test_the_host_pipe_is_out_of_reach(sandbox: Sandbox) -> None:
    results = probed(await sandbox.run(SUPERVISOR_PROBE))
    assert isinstance(results, dict) and "opened" not in results.values(), results


@pytest.mark.parametrize("attack", [FORGE_REPLIES, STEAL_NONCE, LINGERING_THREAD], ids=["forge", "steal", "thread"])
async def test_a_cell_cannot_forge_replies_for_later_cells(sandbox: Sandbox, attack: str) -> None:
    await sandbox.run(attack)  # what it says of itself is its own output; what follows must be real
    later = [await sandbox.run("import time\ntime.sleep(1)\nprint('real')") for _ in range(2)]
    assert not any("FORGED" in result.stdout for result in later), later
    assert later[-1].stdout == "real\n" and later[-1].ok, later


# ---- the interpreter's view (issue 16): the analysis libraries, nothing else installed -----------------------------

VIEW_PROBE = """
import errno, importlib.util, json, os, sys, sysconfig
base = sysconfig.get_paths(vars={{'base': sys.base_prefix, 'platbase': sys.base_prefix}})['purelib']
results = {{name: importlib.util.find_spec(name) is not None for name in {names!r}}}
for path in {paths!r}:
    try:
        open(path, 'rb').close()
        results[path] = 'read'
    except OSError as e:
        results[path] = errno.errorcode[e.errno]
try:
    results['base site-packages'] = len(os.listdir(base))
except OSError as e:
    results['base site-packages'] = errno.errorcode[e.errno]
mountinfo = open('/proc/self/mountinfo').read().replace({venv!r}, '')
results['mountinfo'] = [word for word in ({repo!r}, 'slack_bolt', 'site-packages/openai') if word in mountinfo]
print(json.dumps(results))
"""
ANALYSIS = ["numpy", "scipy", "pandas", "statsmodels", "lifelines", "sklearn", "matplotlib"]
OTHERS = ["slack_bolt", "langgraph", "openai", "pytest", "pyseccomp", "tools"]


async def test_only_the_analysis_libraries_are_visible(sandbox: Sandbox) -> None:
    others = [importlib.util.find_spec(name) for name in OTHERS]
    paths = [str(spec.origin) for spec in others if spec is not None and spec.origin]
    # the interpreter's own prefix is mounted where it lives (inside the checkout when .venv is there)
    probe = VIEW_PROBE.format(names=ANALYSIS + OTHERS, paths=paths, repo=str(REPO), venv=sys.prefix)
    control = on_host(probe)
    assert all(control[name] for name in ANALYSIS + OTHERS) and all(control[path] == "read" for path in paths)
    assert control["base site-packages"] > 0  # this host's base prefix has packages of its own
    found = probed(await sandbox.run(probe))
    assert all(found[name] for name in ANALYSIS), found
    assert not any(found[name] for name in OTHERS), {name: found[name] for name in OTHERS}
    assert all(found[path] == "ENOENT" for path in paths) and found["base site-packages"] == 0
    assert found["mountinfo"] == []  # neither the repo's path nor other packages' show in the mount table


# ---- later cells (issue 16): nothing a cell does to its interpreter reaches the cells after it ---------------------

LATER_CELL_ATTACKS = {
    "print redefined": (
        "import builtins, os\nbuiltins.print = lambda *args, **kwargs: os.write(1, b'FORGED\\n')\n"
        "def print(*args, **kwargs):\n    os.write(1, b'FORGED\\n')"
    ),
    "builtins patched": (
        "import builtins\nfor name in ('sum', 'round', 'repr', 'str'):\n"
        "    setattr(builtins, name, lambda *args, **kwargs: 'FORGED')"
    ),
    "numpy.mean patched": "import numpy\nnumpy.mean = lambda *args, **kwargs: 'FORGED'",
    "a module replaced in sys.modules": (
        "import sys, types\nfake = types.ModuleType('statistics')\nfake.mean = lambda data: 'FORGED'\n"
        "sys.modules['statistics'] = fake"
    ),
    "sys.stdout replaced": (
        "import io, os, sys\nclass Liar(io.TextIOBase):\n    def write(self, text):\n"
        "        os.write(2, b'') ; return os.write(1, b'FORGED\\n') and len(text)\n"
        "sys.stdout = sys.__stdout__ = Liar()\nos.dup2(os.open('/dev/null', os.O_WRONLY), 1)"
    ),
    "the kernel's own objects patched": (
        "import os, sys\nkernel = sys.modules['__main__']\n"
        "for name in dir(kernel):\n    item = getattr(kernel, name)\n"
        "    if isinstance(item, type) and 'write' in vars(item):\n"
        "        item.write = lambda self, *args: os.write(1, b'FORGED\\n')\n"
        "kernel.stream_text = lambda *args: ('FORGED\\n', False)"
    ),
    "a trace hook": (
        "import sys, threading\ndef tracer(frame, event, arg):\n    frame.f_globals['value'] = 'FORGED'\n"
        "    return tracer\nsys.settrace(tracer)\nsys.setprofile(tracer)\nthreading.settrace(tracer)"
    ),
    "a timer signal": (
        "import os, signal\nsignal.signal(signal.SIGALRM, lambda *args: os.write(1, b'FORGED\\n'))\n"
        "signal.setitimer(signal.ITIMER_REAL, 0.2, 0.05)"
    ),
    "an atexit hook": "import atexit, os\natexit.register(os.write, 1, b'FORGED\\n')",
    # its forged state may set what carries (as an assignment could: ``carried`` stays), but runs no code
    "a fake result frame": (
        "import json, os\nstate = {'imports': ['print(\"FORGED\")', 'import os; os.write(1, b\"FORGED\")'],\n"
        "         'values': {'carried': ['int', 41], 'value': ['str', 'FORGED']}}\n"
        "frame = {'nonce': 'guessed', 'stdout': 'FORGED\\n', 'stderr': '', 'error': None, "
        "'figures': [], 'dropped': [0, 0], 'state': state}\n"
        "for fd in map(int, os.listdir('/proc/self/fd')):\n    try:\n"
        "        if fd > 2 and os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
        "            os.write(fd, (json.dumps(frame) + '\\n').encode())\n    except OSError:\n        pass"
    ),
}
HONEST_CELL = (
    "import numpy, statistics, sys, time\nvalue = 'real'\ntime.sleep(0.4)\n"
    "print(value, sum([1, 2]), round(2.5), numpy.mean([1, 2, 3]), statistics.mean([1, 2, 3]), repr(7), carried + 1)\n"
    "print(sys.gettrace() is None, sys.getprofile() is None)"
)
HONEST_OUTPUT = "real 3 2 2.0 2 7 42\nTrue True\n"


async def test_a_cell_cannot_change_what_later_cells_print(sandbox: Sandbox) -> None:
    """Each attack, then an honest cell in the same sandbox (its state carried: ``carried`` is still there)."""
    assert (await sandbox.run("carried = 41")).ok
    fabricated = {}
    for name, attack in LATER_CELL_ATTACKS.items():
        await sandbox.run(attack)  # what it reports of itself is its own business
        honest = await sandbox.run(HONEST_CELL)
        if (honest.stdout, honest.error) != (HONEST_OUTPUT, None) or "restarted" in honest.stderr:
            fabricated[name] = (honest.stdout, honest.error, honest.stderr[:200])
    assert fabricated == {}


async def test_data_and_imports_carry_to_the_next_cell_and_code_says_why_not(sandbox: Sandbox) -> None:
    made = await sandbox.run(
        "import numpy as np\nimport pandas as pd\nfrom statistics import mean\n"
        "frame = pd.DataFrame({'dose': [1.0, 2.5], 'arm': pd.Categorical(['a', 'b']), 'note': ['x', None]},\n"
        "                     index=pd.Index(['p1', 'p2'], name='patient'))\n"
        "series = pd.Series([1, None], dtype='Int64', name='count')\narray = np.arange(6).reshape(2, 3)\n"
        "nested = {'k': [1, (2, 3.5), {4}], 'b': b'x', 'none': None, 'z': 1 + 2j, 'n': np.float64(0.5)}\n"
        "def helper():\n    return 1"
    )
    assert made.ok, made.error
    used = await sandbox.run(
        "print(frame.loc['p2', 'dose'], frame['arm'].cat.categories.tolist(), frame.index.name)\n"
        "print(frame['note'].tolist(), series.isna().tolist(), str(series.dtype), array.sum(), array.shape)\n"
        "print(nested, mean([1, 3]), np.pi > 3)\nhelper()"
    )
    assert used.stdout.splitlines()[:3] == [
        "2.5 ['a', 'b'] patient",
        "['x', None] [False, True] Int64 15 (2, 3)",
        "{'k': [1, (2, 3.5), {4}], 'b': b'x', 'none': None, 'z': (1+2j), 'n': np.float64(0.5)} 2 True",
    ], used
    # a notebook backend keeps the function itself; one that carries only data says why it is gone
    assert used.error is None or "only data values and imports carry" in used.error.value, used.error
