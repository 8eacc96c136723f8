"""Run knobs and services for one graph invocation (LangGraph's ``context_schema``).

Front-ends build a Context with the services they hold. LangGraph's server (``langgraph dev``, Studio,
``langgraph_sdk``) can only send JSON: it builds ``Context(**json)``, so ``services`` defaults to the
process's own (built once from the environment) and is left out of the JSON schema its forms are made from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import GetPydanticSchema
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import core_schema

from tools.services import Services, process_services
from tools.settings import AgentSettings

# a live object, not data: pydantic checks its type without walking into it, and no JSON schema shows it
LIVE_OBJECT = GetPydanticSchema(lambda source, _handler: core_schema.is_instance_schema(Services))


@dataclass(frozen=True)
class Context:
    services: Annotated[Services, LIVE_OBJECT, SkipJsonSchema()] = field(default_factory=process_services)
    model: str = "zero-shot"  # registry entry that drafts (and revises and judges unless told otherwise)
    revise_model: str | None = None
    judge_model: str | None = None
    agent: AgentSettings = field(default_factory=AgentSettings)
    figures_dir: Path | None = None  # where code figures are written as PNG; None keeps none
    figure_retention_s: float = 7 * 24 * 3600  # older answers' figure directories are deleted
    collections: tuple[str, ...] | None = None  # library collections to search ("" = global); None: all
    retrieval: bool = True  # False: answer without searching the library (evaluation's no-retrieval conditions)

    def model_for(self, stage: str) -> str:
        """Each graph stage may use its own registry entry: revise and judge fall back to the drafter."""
        if stage == "revise":
            return self.revise_model or self.model
        if stage == "judge evidence":
            return self.judge_model or self.model
        return self.model

    @classmethod
    def from_services(cls, services: Services, model: str | None = None) -> Context:
        settings = services.settings
        return cls(
            services=services,
            model=model or services.models.default(),
            revise_model=None if model else settings.models.revise,
            judge_model=settings.models.judge,
            agent=settings.agent,
            figures_dir=settings.data_path / "figures",
            figure_retention_s=settings.sandbox.figure_retention_h * 3600,
        )
