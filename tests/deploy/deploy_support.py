"""What the deployment tests read: the Dockerfile as instructions, the compose file, and the
Kubernetes manifests as `kubectl apply -k deploy/k8s` would send them."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
K8S = DEPLOY / "k8s"

SERVE_BRANCH_SETTINGS = {"KAMERVRAAG_HTTP_WORKERS", "KAMERVRAAG_HTTP_THREADS"}
"""Settings of `serve --http` (gunicorn's workers and threads) that issue 11's server brings."""


def known_variables() -> set[str]:
    """Every environment variable the bot reads (its settings), plus XDG_CACHE_HOME (the index cache)."""
    names = {"XDG_CACHE_HOME", *SERVE_BRANCH_SETTINGS}
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names.update(str(choice) for choice in getattr(alias, "choices", ()))
    return names


@dataclass(frozen=True)
class Instruction:
    stage: int
    keyword: str
    arguments: str


def dockerfile(path: Path = DOCKERFILE) -> list[Instruction]:
    """Instructions with their continuation lines joined; comments dropped; stages counted from 0."""
    text = re.sub(r"\\\n", " ", path.read_text())
    instructions: list[Instruction] = []
    stage = -1
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        instructions.append(Instruction(stage, keyword.upper(), " ".join(arguments.split())))
    return instructions


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    last = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last]


def image_uid() -> int:
    (user,) = [i.arguments for i in final_stage(dockerfile()) if i.keyword == "USER"]
    return int(user.split(":")[0])


def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(data, dict)
    return data


def kustomize(folder: Path = K8S) -> list[dict[str, Any]]:
    """The resources `kubectl apply -k folder` applies: kubectl's own kustomize where installed,
    else the subset this folder uses (`resources` and `images`)."""
    kubectl = shutil.which("kubectl")
    if kubectl:
        out = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True, text=True, check=True).stdout
        return [doc for doc in yaml.safe_load_all(out) if doc]
    return kustomize_in_python(folder)


def kustomize_in_python(folder: Path = K8S) -> list[dict[str, Any]]:
    config = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unsupported = set(config) - {"apiVersion", "kind", "resources", "images"}
    assert not unsupported, f"kustomize_in_python does not know {unsupported}"
    docs = [doc for name in config["resources"] for doc in yaml.safe_load_all((folder / name).read_text()) if doc]
    for image in config.get("images", []):
        for doc in docs:
            for container in containers(doc):
                repo, _, tag = container["image"].partition(":")
                if repo == image["name"]:
                    container["image"] = f"{image.get('newName', repo)}:{image.get('newTag', tag or 'latest')}"
    return docs


def containers(resource: dict[str, Any]) -> list[dict[str, Any]]:
    spec = resource.get("spec", {}).get("template", {}).get("spec", {})
    return [*spec.get("initContainers", []), *spec.get("containers", [])]


def one(resources: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    (found,) = [r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name]
    return found
