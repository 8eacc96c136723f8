from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tools.settings import Settings


def test_defaults_are_the_embedded_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABBOT_DATA_DIR")
    settings = Settings()
    assert settings.data_dir == Path("~/.local/share/labbot")
    assert settings.data_path == Path.home() / ".local/share/labbot"
    assert (settings.search.backend, settings.embeddings.backend) == ("sqlite", "minilm")


def test_environment_prefix_and_nested_sections(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LABBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LABBOT_SEARCH__BACKEND", "pinecone")
    monkeypatch.setenv("LABBOT_SEARCH__K", "7")
    settings = Settings()
    assert settings.index_dir == tmp_path / "index"
    assert settings.search.backend == "pinecone" and settings.search.k == 7


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LABBOT_SEARCH__RRF_K=10\nOPENAI_API_KEY=sk-from-dotenv\n")
    settings = Settings()  # the test runs in tmp_path
    assert settings.search.rrf_k == 10
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == "sk-from-dotenv"


def test_secrets_accept_conventional_names_and_never_print(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-canary-123")
    monkeypatch.setenv("LABBOT_PINECONE_API_KEY", "pc-canary-456")
    settings = Settings()
    assert settings.slack_bot_token is not None and settings.slack_bot_token.get_secret_value() == "xoxb-canary-123"
    rendered = f"{settings!r} {settings} {settings.model_dump()} {settings.model_dump_json()}"
    assert "canary" not in rendered


@pytest.mark.parametrize(
    ("name", "value"),
    [("LABBOT_SEARCH__BACKEND", "elastic"), ("LABBOT_SEARCH__K", "0"), ("LABBOT_SEARCH__COLOUR", "blue")],
)
def test_invalid_settings_fail_loudly(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_every_field_is_described() -> None:
    undocumented = [name for name, field in Settings.model_fields.items() if not field.description]
    for section in (Settings.model_fields["search"].annotation, Settings.model_fields["embeddings"].annotation):
        assert section is not None
        undocumented += [f"{section.__name__}.{n}" for n, f in section.model_fields.items() if not f.description]
    assert undocumented == []
