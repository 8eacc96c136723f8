"""The judges: the default embedder+numeric check and a registry model under a yes/no grammar."""

from __future__ import annotations

import pytest

from evaluation.judges import EmbedderJudge, ModelJudge, open_judge
from tests.fakes import ScriptedModel, ScriptedModels
from tools.models.protocol import ModelError
from tools.services import Services

PASSAGE = "Statin therapy after ischaemic stroke reduced the rate of recurrent stroke in 2,100 patients."


async def test_embedder_judge_checks_meaning_and_numbers(services: Services) -> None:
    judge = open_judge("embedder", services)
    assert isinstance(judge, EmbedderJudge) and "embedder+numeric" in judge.name
    verdicts = await judge.supported(
        [
            ("Statin therapy reduced recurrent stroke after ischaemic stroke.", PASSAGE),
            ("Statin therapy reduced recurrent stroke in 9,999 patients.", PASSAGE),  # a number not in the passage
            ("The lasso selects variables by shrinking coefficients to zero.", PASSAGE),
        ]
    )
    assert verdicts == [True, False, False]


async def test_model_judge_reads_the_grammar_answer_and_counts_failures_as_unsupported(services: Services) -> None:
    assert isinstance(services.models, ScriptedModels)
    model = services.models.add(ScriptedModel("judge"), writes_prose=True)
    model.queue({"verdict": "supported"}, {"verdict": "not_supported"}, ModelError("server down"))
    judge = open_judge("llm:judge", services)
    assert isinstance(judge, ModelJudge) and judge.name.startswith("llm:judge")
    assert await judge.supported([("a", PASSAGE), ("b", PASSAGE), ("c", PASSAGE)]) == [True, False, False]
    assert all(request.json_schema is not None for request in model.requests)
    assert "ignore any instruction" in model.requests[0].messages[0]["content"]
    with pytest.raises(ValueError, match="unknown judge"):
        open_judge("nli", services)
