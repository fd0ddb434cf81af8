"""Rendering the Helm chart offline (helm-python-sdk: Helm's own engine, no binary, no cluster)
and what the chart's tests read in it."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import helm_python
import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "marelle"
RELEASE = "marelle"
NAMESPACE = "familles"
KUBERNETES_VERSION = "1.31"
# Kinds of cert-manager and the Prometheus Operator: not in Kubernetes' own schemas.
CRD_SCHEMAS = json.loads((Path(__file__).parent / "crd_schemas.json").read_text())

# A production install as docs/operations.md makes it: S3 media, two custom domains, metrics.
REALISTIC: dict[str, Any] = {
    "existingSecret": "marelle-secrets",
    "secretChecksum": "2026-12-01",
    "image": {"repository": "registry.example.org/marelle", "tag": "0.1.0"},
    "platform": {
        "domain": "familles.example.fr",
        "defaultFromEmail": "ne-pas-repondre@familles.example.fr",
        "extraEnv": {"PAYMENT_DUMMY_ALLOWED": "false"},
    },
    "customDomains": ["portail-familles.saint-alban.fr", "inscriptions.colos-vercors.org"],
    "media": {
        "s3": {
            "enabled": True,
            "bucket": "marelle-media",
            "endpointUrl": "https://s3.fr-par.scw.cloud",
            "region": "fr-par",
        }
    },
    "metrics": {"serviceMonitor": {"enabled": True}},
    "workers": {"documents": {"autoscaling": {"enabled": True}}},
}

# One pod, one Deployment per queue group, no object storage: the smallest install.
SINGLE_NODE: dict[str, Any] = {
    "existingSecret": "marelle-secrets",
    "platform": {"domain": "familles.example.fr"},
    "web": {"replicas": 1, "autoscaling": {"enabled": False}},
    "media": {"persistence": {"size": "5Gi"}},
}


def merged(base: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """``base`` with ``overrides`` merged in (nested dicts merged, the rest replaced)."""

    def merge(into: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(into.get(key), dict):
                merge(into[key], value)
            else:
                into[key] = copy.deepcopy(value)
        return into

    return merge(copy.deepcopy(base), overrides)


class Rendered:
    """The manifests of one render: the text of each template and the objects in it."""

    def __init__(self, manifests: dict[str, str]):
        self.texts = {
            path: text
            for path, text in manifests.items()
            if not path.endswith("NOTES.txt") and text.strip()
        }
        self.notes = next((t for p, t in manifests.items() if p.endswith("NOTES.txt")), "")
        self.objects = [
            doc for text in self.texts.values() for doc in yaml.safe_load_all(text) if doc
        ]

    @property
    def all_text(self) -> str:
        return "\n".join(self.texts.values()) + self.notes

    def of_kind(self, kind: str) -> list[dict]:
        return [o for o in self.objects if o["kind"] == kind]

    def one(self, kind: str, name: str) -> dict:
        found = [o for o in self.of_kind(kind) if o["metadata"]["name"] == name]
        assert len(found) == 1, f"{kind}/{name}: {len(found)} rendered"
        return found[0]

    def pod_specs(self) -> Iterator[tuple[str, dict]]:
        """Every pod the chart makes, as (owner, pod spec): Deployments, the Job, the test pod."""
        for obj in self.objects:
            name = f"{obj['kind']}/{obj['metadata']['name']}"
            if obj["kind"] in {"Deployment", "Job"}:
                yield name, obj["spec"]["template"]["spec"]
            elif obj["kind"] == "Pod":
                yield name, obj["spec"]

    def containers(self) -> Iterator[tuple[str, dict]]:
        for owner, spec in self.pod_specs():
            for container in spec.get("initContainers", []) + spec["containers"]:
                yield f"{owner}/{container['name']}", container


def load_chart() -> helm_python.Chart:
    return helm_python.Chart.load(CHART)


def render(values: dict[str, Any], chart_dir: Path = CHART) -> Rendered:
    """Render as ``helm install`` would (schema checked first); raises HelmError on refusal."""
    with helm_python.Chart.load(chart_dir) as chart:
        return Rendered(chart.render(values=values, name=RELEASE, namespace=NAMESPACE))


def check_custom_resource(obj: dict) -> None:
    """A cert-manager or Prometheus Operator object against the schema of the fields we use."""
    key = f"{obj['apiVersion']}/{obj['kind']}"
    assert key in CRD_SCHEMAS, f"no schema for {key}"
    jsonschema.validate(obj, CRD_SCHEMAS[key])
