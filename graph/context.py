"""Run knobs and services for one graph invocation (LangGraph's ``context_schema``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.services import Services
from tools.settings import AgentSettings


@dataclass(frozen=True)
class Context:
    services: Services
    model: str = "zero-shot"  # registry entry that drafts and revises
    agent: AgentSettings = field(default_factory=AgentSettings)
    figures_dir: Path | None = None  # where code figures are written as PNG; None keeps none

    @classmethod
    def from_services(cls, services: Services, model: str | None = None) -> Context:
        settings = services.settings
        return cls(
            services=services,
            model=model or settings.models.default,
            agent=settings.agent,
            figures_dir=settings.data_path / "figures",
        )
