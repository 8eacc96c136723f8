"""deploy/: every manifest parses, and the fields that matter are what the README promises.

No Docker engine or cluster runs here, so this is the check: the image is multi-stage, runs as a
non-root user and has a health check; compose has its services with health checks; the Kubernetes
Deployments run non-root with probes and resources, their PodDisruptionBudgets select them, KEDA
scales the worker on arq's real queue, secrets are only referenced, and every setting named is one
labbot knows. `labbot health` itself runs against Redis below.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from arq.constants import default_queue_name
from pydantic import BaseModel, SecretStr
from redis.asyncio import Redis

from bot.health import front_door_heartbeat, health_key, probe
from tools.settings import Settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
K8S = DEPLOY / "k8s"
SECRET_WORDS = re.compile(r"TOKEN|SECRET|KEY|PASSWORD|DATABASE_URL|REDIS_URL")


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


def k8s_objects() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(K8S.rglob("*.yaml")):
        for doc in documents(path):
            if "kind" in doc and doc["kind"] != "Kustomization":
                yield path, doc


def of_kind(kind: str, folder: Path = K8S / "base") -> list[dict[str, Any]]:
    return [doc for path, doc in k8s_objects() if doc["kind"] == kind and path.parent == folder]


def known_variables() -> set[str]:
    """Every environment variable Settings reads (the README's settings table, as names)."""
    names = set()
    for name, field in Settings.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            names |= {f"LABBOT_{name.upper()}__{sub.upper()}" for sub in field.annotation.model_fields}
        elif field.annotation == SecretStr | None:
            names |= {name.upper(), f"LABBOT_{name.upper()}"}
        else:
            names.add(f"LABBOT_{name.upper()}")
    return names


def test_every_yaml_file_in_deploy_parses() -> None:
    files = sorted(DEPLOY.rglob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        assert documents(path), f"{path} is empty"


# ---- the image ---------------------------------------------------------------------------------------------


def dockerfile_stages() -> list[list[str]]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    stages: list[list[str]] = []
    for line in lines:
        if line.startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(line)
    return stages


def test_the_image_is_multi_stage_non_root_and_checks_its_health() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 2 and stages[0][0].endswith(" AS build") and stages[-1][0].endswith(" AS runtime")
    runtime = stages[-1]
    assert any(line.startswith("COPY --from=build ") for line in runtime), "only the built venv is copied"
    assert not any("build-essential" in line for line in runtime), "no compilers in the runtime image"
    users = [line.split()[1] for line in runtime if line.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("0", "root")
    health = [line for line in runtime if line.startswith("HEALTHCHECK ")]
    assert len(health) == 1 and '["labbot", "health"]' in health[0]
    base = re.search(r"ARG PYTHON_IMAGE=(\S+)", (DEPLOY / "Dockerfile").read_text())
    assert base is not None and re.fullmatch(r"python:3\.11\.\d+-slim-\w+", base.group(1)), "a pinned base image"


# ---- compose -----------------------------------------------------------------------------------------------


def test_compose_runs_bot_worker_redis_postgres_and_an_optional_model_server() -> None:
    compose = documents(DEPLOY / "compose.yaml")[0]
    services = compose["services"]
    assert set(services) == {"bot", "worker", "redis", "postgres", "llama"}
    assert services["llama"]["profiles"] == ["llama"], "the model server only with --profile llama"
    for name, service in services.items():
        assert service["healthcheck"]["test"][0] == "CMD", f"{name} has a health check"
        image = service["image"]
        assert ":" in image and not image.endswith(":latest"), f"{name}: a pinned image tag"
    assert services["bot"]["healthcheck"]["test"][1:] == ["labbot", "health", "--role", "bot"]
    assert services["worker"]["healthcheck"]["test"][1:] == ["labbot", "health", "--role", "worker"]
    for name in ("bot", "worker"):
        service = services[name]
        assert set(service["depends_on"]) == {"redis", "postgres"}
        assert all(dep["condition"] == "service_healthy" for dep in service["depends_on"].values())
        environment = service["environment"]
        assert environment["LABBOT_DATABASE_URL"].startswith("postgresql://")
        assert set(environment) <= known_variables()
        assert not [key for key in environment if SECRET_WORDS.search(key) and "URL" not in key], "secrets via env_file"


# ---- Kubernetes --------------------------------------------------------------------------------------------


def deployments() -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in of_kind("Deployment")}


@pytest.mark.parametrize("component", ["bot", "worker"])
def test_deployments_run_non_root_with_probes_and_resources(component: str) -> None:
    deployment = deployments()[f"labbot-{component}"]
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    (container,) = pod["containers"]
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False and security["readOnlyRootFilesystem"] is True
    assert security["capabilities"]["drop"] == ["ALL"]
    for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe_name]["exec"]["command"] == ["labbot", "health", "--role", component]
    resources = container["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"]) and "memory" in resources["limits"]
    assert container["args"] == ["serve" if component == "bot" else "worker"]
    mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
    assert {"/data", "/tmp"} <= mounts, "a read-only root needs writable /tmp and data dir"


def test_secrets_are_only_referenced_and_settings_are_real() -> None:
    assert not [doc for _, doc in k8s_objects() if doc["kind"] == "Secret"], "no Secret objects in git"
    (config,) = of_kind("ConfigMap")
    labbot_keys = {key for key in config["data"] if key.startswith("LABBOT_")}
    assert labbot_keys <= known_variables()
    assert not [key for key in config["data"] if SECRET_WORDS.search(key)], "nothing secret in the ConfigMap"
    for deployment in deployments().values():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["envFrom"] == [{"configMapRef": {"name": "labbot-config"}}]
        for variable in container["env"]:
            assert set(variable) == {"name", "valueFrom"}, f"{variable['name']}: by reference only"
            assert variable["valueFrom"]["secretKeyRef"]["name"] == "labbot-secrets"
            assert variable["name"] in known_variables()


def test_each_pod_disruption_budget_selects_its_deployment() -> None:
    budgets = of_kind("PodDisruptionBudget")
    labels = {name: d["spec"]["template"]["metadata"]["labels"] for name, d in deployments().items()}
    assert len(budgets) == len(labels) == 2
    for budget in budgets:
        selector = budget["spec"]["selector"]["matchLabels"]
        matched = [name for name, pod in labels.items() if selector.items() <= pod.items()]
        assert matched == [budget["metadata"]["name"]]
        assert deployments()[matched[0]]["spec"]["selector"]["matchLabels"] == selector
        assert budget["spec"]["minAvailable"] == 1


def test_keda_scales_the_worker_on_the_arq_queue() -> None:
    (scaled,) = of_kind("ScaledObject")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "labbot-worker"
    assert not of_kind("HorizontalPodAutoscaler"), "KEDA owns the worker's HPA"
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "redis" and trigger["metadata"]["listName"] == default_queue_name
    (config,) = of_kind("ConfigMap")
    assert trigger["metadata"]["addressFromEnv"] in config["data"]
    (auth,) = of_kind("TriggerAuthentication")
    assert trigger["authenticationRef"]["name"] == auth["metadata"]["name"]
    assert auth["spec"]["secretTargetRef"][0]["name"] == "labbot-secrets"


def test_kustomizations_name_existing_files_and_pinned_images() -> None:
    for path in K8S.rglob("kustomization.yaml"):
        kustomization = documents(path)[0]
        for entry in kustomization.get("resources", []):
            assert (path.parent / entry).exists(), f"{path}: {entry}"
        for patch in kustomization.get("patches", []):
            assert "path" not in patch or (path.parent / patch["path"]).is_file()
        for image in kustomization.get("images", []):
            assert re.fullmatch(r"\d+\.\d+\.\d+", image["newTag"]), f"{path}: a pinned image tag"
    base_images = {c["image"] for d in deployments().values() for c in d["spec"]["template"]["spec"]["containers"]}
    assert base_images == {"labbot"}, "the image name the kustomizations rewrite"


# ---- labbot health -----------------------------------------------------------------------------------------


async def test_health_sees_a_live_front_door_and_not_a_missing_worker(redis_url: str) -> None:
    settings = Settings(redis_url=redis_url)
    redis = Redis.from_url(redis_url)
    await redis.delete(health_key("bot"), health_key("worker"))
    assert (await probe(settings, ("bot", "worker")))[0] is False
    beating = asyncio.create_task(front_door_heartbeat(settings))
    try:
        deadline = asyncio.get_running_loop().time() + 10
        while not await redis.exists(health_key("bot")):
            assert asyncio.get_running_loop().time() < deadline, "no heartbeat within 10 s"
            await asyncio.sleep(0.01)
        assert await probe(settings, ("bot",)) == (True, "bot: ok")
        healthy, detail = await probe(settings, ("worker",))
        assert not healthy and "no heartbeat from labbot worker" in detail
    finally:
        beating.cancel()
        await asyncio.gather(beating, return_exceptions=True)
    assert not await redis.exists(health_key("bot")), "a front door that stops says so at once"
    await redis.aclose()
    unreachable = Settings(redis_url="redis://127.0.0.1:1/0")
    healthy, detail = await probe(unreachable, ("worker",))
    assert not healthy and "unreachable" in detail
