from __future__ import annotations

import pytest
from pydantic import SecretStr

from tests.conftest import free_port
from tools.doctor import _safe_url, check_bubblewrap, check_cloud_keys, check_data_dir, check_redis, run_checks
from tools.extras import EXTRAS, Extra
from tools.sandbox import syscalls
from tools.sandbox.protocol import SandboxUnavailableError
from tools.settings import SearchSettings, Settings


def test_everything_passes_on_a_prepared_machine(settings: Settings, redis_url: str) -> None:
    checks = run_checks(Settings(data_dir=settings.data_dir, redis_url=redis_url))
    assert {c.name: c.status for c in checks} == {
        "Python": "ok",
        "Local model": "ok",
        "Embedder": "ok",
        "Sandbox": "ok",
        "Redis": "ok",
        "Data dir": "ok",
        **{f"Extra {name}": "ok" for name in EXTRAS},
        "Cloud keys": "ok",
    }
    extras = {c.name: c.detail for c in checks if c.name.startswith("Extra ")}
    assert extras["Extra slack"].startswith("installed: labbot serve")  # each says what it enables


def test_an_extra_the_settings_select_but_not_installed_fails_with_its_install_line(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(EXTRAS, "pinecone", Extra(("labbot_no_such_module",), "LABBOT_SEARCH__BACKEND=pinecone"))
    selected = Settings(data_dir=settings.data_dir, search=SearchSettings(backend="pinecone"))
    check = next(c for c in run_checks(selected) if c.name == "Extra pinecone")
    assert (check.status, check.fix) == ("fail", "pip install 'labbot[pinecone]'")
    check = next(c for c in run_checks(settings) if c.name == "Extra pinecone")
    assert check.status == "ok" and "optional; pip install 'labbot[pinecone]'" in check.detail


def test_unreachable_redis_is_a_warning_with_a_fix_and_no_password(settings: Settings) -> None:
    url = f"redis://:hunter2@127.0.0.1:{free_port()}/0"
    check = check_redis(Settings(redis_url=url))
    assert check.status == "warn" and "LABBOT_REDIS_URL" in check.fix
    assert "hunter2" not in check.detail and ":***@" in check.detail


def test_unwritable_data_dir_fails_with_a_fix(tmp_path: pytest.TempPathFactory) -> None:
    blocker = tmp_path / "file"  # type: ignore[operator]
    blocker.write_text("x")
    check = check_data_dir(Settings(data_dir=blocker / "data"))
    assert check.status == "fail" and "LABBOT_DATA_DIR" in check.fix


def test_missing_bubblewrap_says_how_to_install(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    check = check_bubblewrap(settings)
    assert check.status == "fail" and check.fix == "apt-get install bubblewrap"


def test_cloud_keys_are_reported_as_set_or_missing_never_shown() -> None:
    checks = check_cloud_keys(
        Settings(
            search=SearchSettings(backend="pinecone"),
            slack_bot_token=SecretStr("xoxb-canary-999"),
        )
    )
    assert [(c.name, c.status) for c in checks] == [("Pinecone key", "fail"), ("Slack bot token key", "ok")]
    assert all("canary" not in f"{c.detail}{c.fix}" for c in checks)


def test_safe_url_masks_only_the_password() -> None:
    assert _safe_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"
    assert _safe_url("rediss://user:pw@host:1/2") == "rediss://user:***@host:1/2"


def test_the_sandbox_check_says_seccomp_is_active(settings: Settings) -> None:
    check = check_bubblewrap(settings)
    assert check.status == "ok" and "seccomp filter active" in check.detail and "session keyring" in check.detail


def test_a_seccomp_filter_that_cannot_load_fails_the_sandbox_check(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    def no_libseccomp() -> bytes:
        raise SandboxUnavailableError("libseccomp cannot be loaded (test): apt-get install libseccomp2")

    monkeypatch.setattr(syscalls, "filter_bpf", no_libseccomp)
    check = check_bubblewrap(settings)
    assert check.status == "fail" and "seccomp" in check.detail and check.fix == "apt-get install libseccomp2"
