"""deploy/k8s: valid against the Kubernetes schemas, and wired together the way the bot needs."""

from __future__ import annotations

import shutil
from typing import Any

import kubernetes_validate
import pytest

from tests.deploy.deploy_support import (
    K8S,
    containers,
    image_uid,
    known_variables,
    kustomize,
    kustomize_in_python,
    one,
)

RESOURCES = kustomize()
MEASURED_MASTER_MB, MEASURED_WORKER_PEAK_MB, MEASURED_PSS_MB = 80, 144, 126
"""`python -m bench.serve_memory` on the real corpus with the sentence model (README, Kubernetes)."""
KINDS = {(r["kind"], r["metadata"]["name"]) for r in RESOURCES}


def _mebibytes(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    for unit, factor in units.items():
        if quantity.endswith(unit):
            return float(quantity[: -len(unit)]) * factor
    return float(quantity) / 2**20


def _millicores(quantity: str) -> float:
    return float(quantity[:-1]) if quantity.endswith("m") else float(quantity) * 1000


def _bot() -> dict[str, Any]:
    (container,) = containers(one(RESOURCES, "Deployment", "kamervraag"))
    return container


def test_the_kustomization_holds_everything_the_issue_asks_for() -> None:
    assert {
        ("Deployment", "kamervraag"),
        ("Service", "kamervraag"),
        ("Secret", "kamervraag-slack"),
        ("PodDisruptionBudget", "kamervraag"),
        ("Deployment", "kamervraag-redis"),
        ("Service", "kamervraag-redis"),
    } <= KINDS


@pytest.mark.parametrize("version", ["1.30", kubernetes_validate.latest_version()])
@pytest.mark.parametrize("resource", RESOURCES, ids=[f"{r['kind']}/{r['metadata']['name']}" for r in RESOURCES])
def test_every_resource_is_valid_for_kubernetes(resource: dict[str, Any], version: str) -> None:
    """Strict: an unknown or misspelt field is an error too (kubectl would drop it silently)."""
    kubernetes_validate.validate(resource, version, strict=True)


def test_the_schema_check_is_not_blind() -> None:
    deployment = one(RESOURCES, "Deployment", "kamervraag")
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, kubernetes_validate.latest_version(), strict=True)


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
def test_the_python_kustomize_agrees_with_kubectl() -> None:
    """Where kubectl is missing the tests build the kustomization themselves: the same resources."""
    key = lambda r: (r["kind"], r["metadata"]["name"])  # noqa: E731
    assert sorted(kustomize_in_python(K8S), key=key) == sorted(RESOURCES, key=key)


def test_two_or_more_replicas_and_a_budget_that_keeps_one() -> None:
    deployment = one(RESOURCES, "Deployment", "kamervraag")
    budget = one(RESOURCES, "PodDisruptionBudget", "kamervraag")
    assert deployment["spec"]["replicas"] >= 2
    assert 1 <= budget["spec"]["minAvailable"] < deployment["spec"]["replicas"]
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


def test_selectors_find_the_pods() -> None:
    for name in ("kamervraag", "kamervraag-redis"):
        pod_labels = one(RESOURCES, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
        assert one(RESOURCES, "Service", name)["spec"]["selector"].items() <= pod_labels.items()
    bot_labels = one(RESOURCES, "Deployment", "kamervraag")["spec"]["template"]["metadata"]["labels"]
    budget = one(RESOURCES, "PodDisruptionBudget", "kamervraag")
    assert budget["spec"]["selector"]["matchLabels"].items() <= bot_labels.items()


def test_only_the_bot_reaches_redis() -> None:
    policy = one(RESOURCES, "NetworkPolicy", "kamervraag-redis")["spec"]
    redis_pods = one(RESOURCES, "Deployment", "kamervraag-redis")["spec"]["template"]["metadata"]["labels"]
    bot_pods = one(RESOURCES, "Deployment", "kamervraag")["spec"]["template"]["metadata"]["labels"]
    assert policy["podSelector"]["matchLabels"].items() <= redis_pods.items()
    assert not policy["podSelector"]["matchLabels"].items() <= bot_pods.items()
    (rule,) = policy["ingress"]
    (source,) = rule["from"]
    assert source["podSelector"]["matchLabels"].items() <= bot_pods.items()
    (redis,) = containers(one(RESOURCES, "Deployment", "kamervraag-redis"))
    assert [p["port"] for p in rule["ports"]] == [p["name"] for p in redis["ports"]]


def test_probes_use_the_servers_health_paths_on_its_port() -> None:
    bot = _bot()
    ports = {p["name"]: p["containerPort"] for p in bot["ports"]}
    assert ports == {"http": 3000}
    assert bot["args"][-2:] == ["--port", "3000"]
    assert bot["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert bot["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    startup = bot["startupProbe"]
    assert startup["httpGet"] == {"path": "/healthz", "port": "http"}
    # Measured: about 18 s to ready with the sentence model on a busy 2-core machine; allow far more.
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 120
    service_port = one(RESOURCES, "Service", "kamervraag")["spec"]["ports"][0]
    assert service_port["targetPort"] in ports


def test_resources_are_requested_and_limited() -> None:
    for name in ("kamervraag", "kamervraag-redis"):
        for container in containers(one(RESOURCES, "Deployment", name)):
            requests, limits = container["resources"]["requests"], container["resources"]["limits"]
            assert _mebibytes(requests["memory"]) <= _mebibytes(limits["memory"])
            assert _millicores(requests["cpu"]) <= _millicores(limits["cpu"])
    # Measured with the sentence model (python -m bench.serve_memory): gunicorn's master 80 MB, a worker
    # at most 144 MB, both together 126 MB PSS. The limit holds every process at its peak unshared.
    bot = _bot()
    assert _mebibytes(bot["resources"]["requests"]["memory"]) >= MEASURED_PSS_MB
    workers = int({e["name"]: e.get("value") for e in bot["env"]}["KAMERVRAAG_HTTP_WORKERS"])
    peak = MEASURED_MASTER_MB + workers * MEASURED_WORKER_PEAK_MB
    assert _mebibytes(bot["resources"]["limits"]["memory"]) >= 1.5 * peak


def test_the_bot_gets_its_secrets_from_the_secret_and_shares_state_through_redis() -> None:
    secret = one(RESOURCES, "Secret", "kamervraag-slack")
    env = {e["name"]: e for e in _bot()["env"]}
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        ref = env[name]["valueFrom"]["secretKeyRef"]
        assert ref["name"] == secret["metadata"]["name"]
        assert ref["key"] in secret["stringData"]
    redis_service = one(RESOURCES, "Service", "kamervraag-redis")
    port = redis_service["spec"]["ports"][0]["port"]
    assert env["KAMERVRAAG_REDIS_URL"]["value"] == f"redis://kamervraag-redis:{port}/0"


def test_the_secret_is_a_template_without_real_tokens() -> None:
    values = one(RESOURCES, "Secret", "kamervraag-slack")["stringData"]
    assert all("replace" in value for value in values.values())


def test_every_variable_the_manifests_set_is_one_the_bot_reads() -> None:
    """A misspelt name would be ignored without a word; this catches it."""
    for resource in RESOURCES:
        for container in containers(resource):
            if container["name"] == "kamervraag":
                assert {e["name"] for e in container["env"]} <= known_variables()


def test_pods_run_as_the_images_user_with_a_read_only_root() -> None:
    pod = one(RESOURCES, "Deployment", "kamervraag")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == image_uid()
    bot = _bot()
    assert bot["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {m["mountPath"] for m in bot["volumeMounts"]}
    cache = {e["name"]: e.get("value") for e in bot["env"]}["XDG_CACHE_HOME"]
    assert any(cache.startswith(m) for m in mounts), "the index cache must be writable"
    assert "/tmp" in mounts
