"""labbot train --target selector: a real MiniLM cross-encoder, resumable, registered, picked by --model."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from graph.context import Context
from graph.reranking import reordered, selector_for
from graph.schemas import Passage
from graph.selection import rank_sentences
from tests.training.conftest import ANSWERS, RESTATES, StopAt, assert_model_card, tiny_pairs
from tools.embeddings.minilm import MiniLMEmbedder
from tools.models import open_registry
from tools.services import build_services
from tools.settings import Settings
from training.selector import SelectorConfig, train_selector
from training.selector_data import Pair, write_pairs
from training.train import TrainingError

pytestmark = pytest.mark.slow  # ~30 s: MiniLM fine-tuned for a few dozen steps on the CPU


def passage(text: str, paper: str = "starter:x", score: float = 0.8) -> Passage:
    return Passage(key=f"{paper}#0", paper_id=paper, title=paper, section="abstract", text=text, score=score)


async def test_a_trained_selector_is_registered_and_reorders_the_shortlist(
    settings: Settings, tmp_path: Path, embedder: MiniLMEmbedder
) -> None:
    dataset = tiny_pairs(tmp_path)
    config = SelectorConfig("tiny", dataset, epochs=6, batch_size=4, learning_rate=1e-3, eval_fraction=0.2)
    with pytest.raises(KeyboardInterrupt):
        train_selector(settings, config, callbacks=[StopAt(6)])
    assert any((settings.data_path / "selectors" / "tiny" / "checkpoints").glob("checkpoint-*"))
    result = train_selector(settings, config)
    assert result.resumed and result.eval_loss < result.eval_loss_base

    entry = open_registry(settings).get("sel-tiny")
    assert entry.selector_path == Path("selectors/tiny/model") and not entry.writes_prose
    assert entry.dataset_hash and dataset.name.endswith(entry.dataset_hash[:12])
    assert_model_card(settings.data_path / "selectors" / "tiny", entry, "cross-encoder-bce")

    question = "We used Mann-Whitney tests but the reviewer objects, what now?"
    text = f"{RESTATES} {ANSWERS}".format(topic="Mann-Whitney tests")
    other = passage("Reviewers of Mann-Whitney tests often object to the choice of test.", "starter:y")
    ranked = await rank_sentences(embedder, question, question, [passage(text), other])
    first_of_x = next(c for c in ranked if c.passage.paper_id == "starter:x")
    assert first_of_x.sentence.startswith("The reviewer")  # the embedder prefers the restatement
    services = build_services(settings)
    zero_shot = Context.from_services(services)
    tuned = Context.from_services(services, model="sel-tiny")
    assert selector_for(zero_shot) is None  # zero-shot keeps the embedder's order, untouched
    selector = selector_for(tuned)
    assert selector is not None
    again = await reordered(selector, question, ranked, shortlist=12)
    mine = [c for c in again if c.passage.paper_id == "starter:x"]
    assert mine[0].sentence.startswith("Plot")
    # within each paper the same scores, handed out in a new order: the papers quoted stay the embedder's call
    assert sorted((c.passage.paper_id, c.score) for c in again) == sorted((c.passage.paper_id, c.score) for c in ranked)
    await services.aclose()


def test_models_lists_the_selector_and_too_little_data_is_refused(settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "250"})
    one = write_pairs([Pair("q?", "A sentence long enough to be quoted here.", 1.0, "seed")], [], tmp_path, "one", {})
    with pytest.raises(TrainingError, match="at least 4 pairs"):
        train_selector(settings, SelectorConfig("one", one))
    dataset = tiny_pairs(tmp_path)
    result = runner.invoke(
        app, ["train", "--target", "selector", "--dataset", str(dataset), "--name", "cli", "--epochs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "sel-cli" in result.output
    listed = runner.invoke(app, ["models"])
    row = next(line for line in listed.output.splitlines() if "sel-cli" in line)
    assert "selector selectors/cli/model" in row and dataset.name.rsplit("-", 1)[1][:12] in row
