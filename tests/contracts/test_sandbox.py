"""One contract, every Sandbox backend: notebook behaviour, then escapes and bombs (reliability §3.4, §6 rows 7–8).

Each containment probe is a piece of code whose printed JSON says what it managed to do; where it is
meaningful the same probe first runs on the host (the positive control), so that a pass means the
sandbox stopped it, not that the probe was broken. After every bomb the host is checked for leftovers.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.standins.e2b import E2BStandIn
from tools.sandbox import ExecResult, Sandbox, SandboxProvider, open_sandbox
from tools.sandbox.bwrap import BwrapSandbox
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
    return found + [f"cgroup {d}" for d in sandbox.cgroup_dirs if d not in current and Path(d).exists()]


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
