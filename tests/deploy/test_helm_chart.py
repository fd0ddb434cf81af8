"""The Helm chart, rendered offline by Helm's own engine and checked object by object: Kubernetes'
schemas (strict), YAML lint, and what an install relies on — one beat, the migration hook, the
probes, locked-down pods, no secret in any object, TLS, network policies, the schema's refusals."""

from __future__ import annotations

import shutil

import helm_python
import kubernetes_validate
import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from tests.deploy.chart import (
    CHART,
    KUBERNETES_VERSION,
    REALISTIC,
    SINGLE_NODE,
    Rendered,
    check_custom_resource,
    load_chart,
    merged,
    render,
)

# A value no rendered object may ever contain.
# Not a valid Kubernetes name either, as real secrets are not.
SENTINEL = "S3NT1NEL/secret+value=do-not-render"


@pytest.fixture(scope="module")
def rendered() -> Rendered:
    return render(REALISTIC)


@pytest.fixture(scope="module")
def single_node() -> Rendered:
    return render(SINGLE_NODE)


def test_the_chart_lints_without_errors():
    for values in (REALISTIC, SINGLE_NODE):
        report = helm_python.lint(CHART, values, strict=True, kube_version="v1.31.0")
        assert report["errors"] == []
        assert [m for m in report["messages"] if m["severity"] >= 2] == []


@pytest.mark.parametrize("variant", ["rendered", "single_node"])
def test_every_rendered_object_is_valid_for_kubernetes(variant, request):
    objects = request.getfixturevalue(variant).objects
    assert len(objects) > 10
    for obj in objects:
        if obj["apiVersion"].split("/")[0] in {"cert-manager.io", "monitoring.coreos.com"}:
            check_custom_resource(obj)
        else:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)


def test_rendered_manifests_and_the_charts_own_yaml_pass_yamllint(rendered, single_node):
    config = YamlLintConfig("extends: relaxed\nrules:\n  line-length: {max: 140}\n")
    sources = {**rendered.texts, **{f"single/{k}": v for k, v in single_node.texts.items()}}
    for name in ("Chart.yaml", "values.yaml"):
        sources[name] = (CHART / name).read_text()
    for name, text in sources.items():
        problems = [p for p in linter.run(text, config) if p.level == "error"]
        assert problems == [], f"{name}: {problems}"


# --- beat -------------------------------------------------------------------------------------


def test_beat_is_a_single_pod_replaced_by_recreate(rendered):
    beat = rendered.one("Deployment", "marelle-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert beat["spec"]["template"]["spec"]["containers"][0]["args"] == ["beat"]
    assert not [h for h in rendered.of_kind("HorizontalPodAutoscaler") if "beat" in str(h)]


def test_a_second_beat_is_refused_by_the_schema():
    with pytest.raises(helm_python.HelmValuesError, match="beat/replicas"):
        render(merged(REALISTIC, beat={"replicas": 2}))


def test_a_second_beat_is_refused_by_the_template_even_without_the_schema(tmp_path):
    """The template's own ``fail``, for a tool that skips values.schema.json."""
    chart = tmp_path / "marelle"
    shutil.copytree(CHART, chart)
    (chart / "values.schema.json").unlink()
    with pytest.raises(helm_python.HelmRenderError, match="beat.replicas"):
        render(merged(REALISTIC, beat={"replicas": 2}), chart_dir=chart)


# --- migrations -------------------------------------------------------------------------------


def test_migrations_run_as_a_pre_install_and_pre_upgrade_hook_that_never_retries(rendered):
    job = rendered.one("Job", "marelle-migrations")
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert annotations["helm.sh/hook-delete-policy"] == "before-hook-creation"
    assert "helm.sh/hook-weight" in annotations
    assert job["spec"]["backoffLimit"] == 0
    assert job["spec"]["activeDeadlineSeconds"] == 3600
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == ["setup_platform", "--parallel", "4"]


def test_the_migration_hook_reads_a_configuration_created_before_it(rendered):
    """At install, the chart's ConfigMap does not exist yet when the pre-install hook runs."""
    job = rendered.one("Job", "marelle-migrations")
    hook_config = rendered.one("ConfigMap", "marelle-hook-config")
    config = rendered.one("ConfigMap", "marelle")
    assert hook_config["data"] == config["data"]
    assert hook_config["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert int(hook_config["metadata"]["annotations"]["helm.sh/hook-weight"]) < int(
        job["metadata"]["annotations"]["helm.sh/hook-weight"]
    )
    env_from = job["spec"]["template"]["spec"]["containers"][0]["envFrom"]
    assert {"configMapRef": {"name": "marelle-hook-config"}} in env_from
    assert {"secretRef": {"name": "marelle-secrets"}} in env_from


def test_parallel_migrations_follow_the_value(rendered):
    job = render(merged(REALISTIC, migrations={"parallel": 12})).one("Job", "marelle-migrations")
    assert job["spec"]["template"]["spec"]["containers"][0]["args"][-1] == "12"


# --- probes -----------------------------------------------------------------------------------


def test_web_probes_use_the_health_paths_and_no_host_header(rendered):
    web = rendered.one("Deployment", "marelle-web")["spec"]["template"]["spec"]["containers"][0]
    assert web["args"] == ["serve"]
    paths = {
        probe: web[probe]["httpGet"]["path"]
        for probe in ("livenessProbe", "readinessProbe", "startupProbe")
    }
    assert paths == {
        "livenessProbe": "/healthz",
        "readinessProbe": "/readyz",
        "startupProbe": "/healthz",
    }
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        # Answered before tenant resolution, for any Host: the kubelet's own (the pod's IP).
        assert "httpHeaders" not in web[probe]["httpGet"]
        assert "host" not in web[probe]["httpGet"]
        assert web[probe]["httpGet"]["port"] == "http"


def test_each_worker_consumes_its_queues_and_is_probed_by_celery_ping(rendered):
    workers = {
        d["metadata"]["name"]: d["spec"]["template"]["spec"]["containers"][0]
        for d in rendered.of_kind("Deployment")
        if d["metadata"]["labels"]["app.kubernetes.io/component"].startswith("worker-")
    }
    assert set(workers) == {"marelle-worker-default", "marelle-worker-documents"}
    assert workers["marelle-worker-default"]["args"] == [
        "worker", "--queues", "marelle", "--concurrency", "4",
        "--max-memory-per-child", "262144",
    ]  # fmt: skip
    assert workers["marelle-worker-documents"]["args"][1:5] == [
        "--queues", "documents", "--concurrency", "2",
    ]  # fmt: skip
    for container in workers.values():
        probe = container["livenessProbe"]
        command = " ".join(probe["exec"]["command"])
        assert "celery -A config.celery inspect ping" in command
        assert '-d "celery@${HOSTNAME}"' in command
        assert "--timeout 10" in command
        assert probe["timeoutSeconds"] > 10
        assert probe["periodSeconds"] >= 60


def test_helm_test_pod_asks_readyz_of_the_web_service_with_the_apps_image(rendered):
    pod = rendered.one("Pod", "marelle-test")
    assert pod["metadata"]["annotations"]["helm.sh/hook"] == "test"
    container = pod["spec"]["containers"][0]
    assert container["image"] == "registry.example.org/marelle:0.1.0"
    assert container["command"][:2] == ["python", "-c"]
    assert "http://marelle-web:80/readyz" in container["command"][2]
    assert pod["spec"]["restartPolicy"] == "Never"


# --- pod security and resources ---------------------------------------------------------------


@pytest.mark.parametrize("variant", ["rendered", "single_node"])
def test_every_pod_and_container_is_locked_down(variant, request):
    pods = list(request.getfixturevalue(variant).pod_specs())
    owners = {owner for owner, _ in pods}
    assert {"Job/marelle-migrations", "Pod/marelle-test", "Deployment/marelle-beat"} <= owners
    for owner, spec in pods:
        assert spec["automountServiceAccountToken"] is False, owner
        pod_ctx = spec["securityContext"]
        assert pod_ctx["runAsNonRoot"] is True, owner
        assert pod_ctx["runAsUser"] == 10001, owner
        assert pod_ctx["seccompProfile"] == {"type": "RuntimeDefault"}, owner
        mounts = {v["name"]: v for v in spec["volumes"]}
        assert "emptyDir" in mounts["tmp"] and "emptyDir" in mounts["cache"], owner
        for container in spec["containers"]:
            ctx = container["securityContext"]
            assert ctx["runAsNonRoot"] is True and ctx["runAsUser"] == 10001, owner
            assert ctx["readOnlyRootFilesystem"] is True, owner
            assert ctx["allowPrivilegeEscalation"] is False, owner
            assert ctx["capabilities"] == {"drop": ["ALL"]}, owner
            assert ctx["seccompProfile"] == {"type": "RuntimeDefault"}, owner
            paths = {m["mountPath"] for m in container["volumeMounts"]}
            assert {"/tmp", "/tmp/cache"} <= paths, owner


def test_the_font_cache_goes_to_the_writable_tmp(rendered):
    assert rendered.one("ConfigMap", "marelle")["data"]["XDG_CACHE_HOME"] == "/tmp/cache"


@pytest.mark.parametrize("variant", ["rendered", "single_node"])
def test_every_container_has_requests_and_limits(variant, request):
    containers = list(request.getfixturevalue(variant).containers())
    assert len(containers) >= 6
    for name, container in containers:
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), name
        assert "memory" in resources["limits"], name


# --- secrets ----------------------------------------------------------------------------------


def test_no_secret_is_rendered_and_every_app_pod_reads_the_existing_secret(rendered):
    assert rendered.of_kind("Secret") == []
    for owner, spec in rendered.pod_specs():
        if owner == "Pod/marelle-test":
            continue
        env_from = spec["containers"][0]["envFrom"]
        assert {"secretRef": {"name": "marelle-secrets"}} in env_from, owner


def test_a_secret_value_put_where_values_allow_free_text_never_reaches_a_manifest():
    """The only free strings that are not names: the secret's checksum knob is hashed."""
    out = render(merged(REALISTIC, secretChecksum=SENTINEL))
    assert SENTINEL not in out.all_text
    assert out.of_kind("Secret") == []


@pytest.mark.parametrize(
    "attempt",
    [
        {"SECRET_KEY": SENTINEL},
        {"secretKey": SENTINEL},
        {"secrets": {"DATABASE_URL": SENTINEL}},
        {"platform": {"extraEnv": {"SECRET_KEY": SENTINEL}}},
        {"platform": {"extraEnv": {"DATABASE_URL": SENTINEL}}},
        {"platform": {"extraEnv": {"REDIS_URL": SENTINEL}}},
        {"platform": {"extraEnv": {"EMAIL_URL": SENTINEL}}},
        {"platform": {"extraEnv": {"STRIPE_SECRET_KEY": SENTINEL}}},
        {"platform": {"extraEnv": {"STRIPE_WEBHOOK_SECRET": SENTINEL}}},
        {"platform": {"extraEnv": {"SENTRY_DSN": SENTINEL}}},
        {"platform": {"extraEnv": {"METRICS_TOKEN": SENTINEL}}},
        {"platform": {"extraEnv": {"S3_SECRET_ACCESS_KEY": SENTINEL}}},
        {"platform": {"extraEnv": {"OVH_APPLICATION_SECRET": SENTINEL}}},
        {"platform": {"extraEnv": {"DB_PASSWORD": SENTINEL}}},
        {"platform": {"secretKey": SENTINEL}},
        {"media": {"s3": {"secretAccessKey": SENTINEL}}},
        {"media": {"s3": {"accessKeyId": SENTINEL}}},
        {"metrics": {"token": SENTINEL}},
        {"existingSecret": SENTINEL},
    ],
)
def test_a_secret_value_in_the_values_is_refused_before_anything_renders(attempt):
    with pytest.raises(helm_python.HelmValuesError):
        render(merged(REALISTIC, **attempt))


# --- ingress and certificates -----------------------------------------------------------------


def test_the_platform_and_its_sub_domains_share_a_dns01_wildcard_certificate(rendered):
    cert = rendered.one("Certificate", "marelle-wildcard")
    assert cert["spec"]["dnsNames"] == ["familles.example.fr", "*.familles.example.fr"]
    assert cert["spec"]["issuerRef"] == {
        "name": "letsencrypt-dns01",
        "kind": "ClusterIssuer",
        "group": "cert-manager.io",
    }
    ingress = rendered.one("Ingress", "marelle")
    assert ingress["spec"]["ingressClassName"] == "nginx"
    tls = {tuple(t["hosts"]): t["secretName"] for t in ingress["spec"]["tls"]}
    assert tls[("familles.example.fr", "*.familles.example.fr")] == cert["spec"]["secretName"]
    hosts = [r["host"] for r in ingress["spec"]["rules"]]
    assert hosts[:2] == ["familles.example.fr", "*.familles.example.fr"]
    for rule in ingress["spec"]["rules"]:
        backend = rule["http"]["paths"][0]["backend"]["service"]
        assert backend == {"name": "marelle-web", "port": {"name": "http"}}


def test_each_custom_domain_gets_its_own_host_and_http01_certificate(rendered):
    ingress = rendered.one("Ingress", "marelle")
    tls = {tuple(t["hosts"]): t["secretName"] for t in ingress["spec"]["tls"]}
    hosts = {r["host"] for r in ingress["spec"]["rules"]}
    for domain in REALISTIC["customDomains"]:
        name = "marelle-domain-" + domain.replace(".", "-")
        cert = rendered.one("Certificate", name)
        assert cert["spec"]["dnsNames"] == [domain]
        assert cert["spec"]["issuerRef"]["name"] == "letsencrypt-http01"
        assert tls[(domain,)] == cert["spec"]["secretName"]
        assert domain in hosts


# --- network ----------------------------------------------------------------------------------


def test_network_policies_deny_by_default_then_open_what_is_needed(rendered):
    policies = {p["metadata"]["name"]: p["spec"] for p in rendered.of_kind("NetworkPolicy")}
    deny = policies["marelle-default-deny"]
    assert deny["podSelector"]["matchLabels"] == {
        "app.kubernetes.io/name": "marelle",
        "app.kubernetes.io/instance": "marelle",
    }
    assert deny["policyTypes"] == ["Ingress", "Egress"]
    assert "ingress" not in deny and "egress" not in deny

    web_in = policies["marelle-web-ingress"]
    assert web_in["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "web"
    sources = web_in["ingress"][0]["from"]
    assert sources[0]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "ingress-nginx"
    }
    assert sources[1]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "monitoring"
    }

    egress = policies["marelle-egress"]["egress"]
    ports = {(p["port"], p.get("protocol", "TCP")) for rule in egress for p in rule["ports"]}
    assert {(53, "UDP"), (53, "TCP"), (5432, "TCP"), (6379, "TCP"), (587, "TCP")} <= ports
    assert {(465, "TCP"), (25, "TCP"), (443, "TCP")} <= ports


def test_network_policies_can_be_left_to_the_cluster(rendered):
    out = render(merged(REALISTIC, networkPolicy={"enabled": False}))
    assert out.of_kind("NetworkPolicy") == []


# --- scaling ----------------------------------------------------------------------------------


def test_web_and_workers_have_autoscalers_and_disruption_budgets(rendered):
    hpas = {h["metadata"]["name"]: h["spec"] for h in rendered.of_kind("HorizontalPodAutoscaler")}
    assert set(hpas) == {"marelle-web", "marelle-worker-documents"}
    for name, spec in hpas.items():
        assert spec["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
        }
    # A Deployment under an autoscaler leaves its replica count to it.
    assert "replicas" not in rendered.one("Deployment", "marelle-web")["spec"]
    assert rendered.one("Deployment", "marelle-worker-default")["spec"]["replicas"] == 1

    pdbs = {p["metadata"]["name"]: p["spec"] for p in rendered.of_kind("PodDisruptionBudget")}
    assert set(pdbs) == {"marelle-web", "marelle-worker-default", "marelle-worker-documents"}
    assert pdbs["marelle-web"]["selector"]["matchLabels"]["app.kubernetes.io/component"] == "web"

    everything = render(merged(REALISTIC, workers={"default": {"autoscaling": {"enabled": True}}}))
    assert len(everything.of_kind("HorizontalPodAutoscaler")) == 3


# --- configuration and restarts ---------------------------------------------------------------


def _pod_annotations(out: Rendered) -> dict[str, dict]:
    return {
        d["metadata"]["name"]: d["spec"]["template"]["metadata"]["annotations"]
        for d in out.of_kind("Deployment")
    }


def test_pods_restart_when_the_configuration_changes(rendered):
    before = _pod_annotations(rendered)
    after = _pod_annotations(render(merged(REALISTIC, platform={"logLevel": "DEBUG"})))
    assert set(before) == set(after)
    for name in before:
        assert before[name]["checksum/config"] != after[name]["checksum/config"], name
        assert before[name]["checksum/secret"] == after[name]["checksum/secret"], name
    same = _pod_annotations(render(REALISTIC))
    assert same == before


def test_pods_restart_when_the_operator_bumps_the_secret_checksum(rendered):
    before = _pod_annotations(rendered)
    after = _pod_annotations(render(merged(REALISTIC, secretChecksum="2026-12-24")))
    for name in before:
        assert before[name]["checksum/secret"] != after[name]["checksum/secret"], name
        assert before[name]["checksum/config"] == after[name]["checksum/config"], name


def test_the_configmap_carries_the_platform_settings_and_no_secret_key(rendered):
    data = rendered.one("ConfigMap", "marelle")["data"]
    assert data["PLATFORM_DOMAIN"] == "familles.example.fr"
    assert data["LOG_FORMAT"] == "json"
    assert data["S3_BUCKET"] == "marelle-media"
    assert data["S3_ENDPOINT_URL"] == "https://s3.fr-par.scw.cloud"
    assert data["S3_REGION"] == "fr-par"
    assert data["PAYMENT_DUMMY_ALLOWED"] == "false"
    assert "MEDIA_ROOT" not in data
    for key in data:
        assert not any(word in key for word in ("SECRET_KEY", "PASSWORD", "DATABASE_URL")), key


def test_metrics_are_scraped_with_the_token_of_the_existing_secret(rendered):
    monitor = rendered.one("ServiceMonitor", "marelle")
    endpoint = monitor["spec"]["endpoints"][0]
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"] == {
        "name": "marelle-secrets",
        "key": "METRICS_TOKEN",
    }
    service = rendered.one("Service", "marelle-web")
    labels = service["metadata"]["labels"]
    assert monitor["spec"]["selector"]["matchLabels"].items() <= labels.items()


# --- values schema ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "where"),
    [
        ({"unknownKey": 1}, "unknownKey"),
        ({"web": {"replica": 3}}, "replica"),
        ({"workers": {"default": {"concurency": 3}}}, "concurency"),
        ({"beat": {"replicas": 2}}, "beat/replicas"),
        ({"platform": {"domain": "Familles Example"}}, "platform/domain"),
        ({"platform": {"domain": "https://familles.example.fr"}}, "platform/domain"),
        ({"customDomains": ["not a domain"]}, "customDomains"),
        ({"existingSecret": ""}, "existingSecret"),
        ({"workers": {"default": {"concurrency": -1}}}, "concurrency"),
        ({"migrations": {"parallel": 0}}, "parallel"),
        ({"web": {"resources": {"requests": {"memory": None}}}}, "memory"),
        ({"beat": {"resources": {"limits": None}}}, "limits"),
        ({"image": {"pullPolicy": "Sometimes"}}, "pullPolicy"),
        ({"platform": {"logFormat": "xml"}}, "logFormat"),
    ],
)
def test_the_schema_refuses_bad_values(values, where):
    with load_chart() as chart, pytest.raises(helm_python.HelmValuesError, match=where):
        chart.validate_schema(merged(REALISTIC, **values))


def test_the_schema_requires_the_existing_secret():
    values = {k: v for k, v in REALISTIC.items() if k != "existingSecret"}
    with load_chart() as chart, pytest.raises(helm_python.HelmValuesError, match="existingSecret"):
        chart.validate_schema(values)


def test_the_realistic_values_pass_the_schema():
    with load_chart() as chart:
        chart.validate_schema(REALISTIC)
        chart.validate_schema(SINGLE_NODE)


# --- media ------------------------------------------------------------------------------------


def test_a_single_node_install_keeps_media_on_a_volume_shared_by_its_pods(single_node):
    claim = single_node.one("PersistentVolumeClaim", "marelle-media")
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]
    assert claim["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    assert single_node.one("ConfigMap", "marelle")["data"]["MEDIA_ROOT"] == "/data/media"
    assert "S3_BUCKET" not in single_node.one("ConfigMap", "marelle")["data"]
    assert single_node.of_kind("HorizontalPodAutoscaler") == []
    mounting = []
    for owner, spec in single_node.pod_specs():
        claims = [v for v in spec["volumes"] if "persistentVolumeClaim" in v]
        if claims:
            mounting.append(owner)
            # ReadWriteOnce: one node mounts it, so its pods are scheduled together.
            affinity = spec["affinity"]["podAffinity"][
                "requiredDuringSchedulingIgnoredDuringExecution"
            ]
            assert affinity[0]["topologyKey"] == "kubernetes.io/hostname"
    assert sorted(mounting) == [
        "Deployment/marelle-web",
        "Deployment/marelle-worker-default",
        "Deployment/marelle-worker-documents",
    ]


def test_s3_media_mounts_no_volume(rendered):
    assert rendered.of_kind("PersistentVolumeClaim") == []
    for owner, spec in rendered.pod_specs():
        assert not [v for v in spec["volumes"] if "persistentVolumeClaim" in v], owner


@pytest.mark.parametrize(
    "overrides",
    [
        {"web": {"replicas": 2}},
        {"web": {"autoscaling": {"enabled": True}}},
        {"workers": {"documents": {"replicas": 3}}},
        {"workers": {"default": {"autoscaling": {"enabled": True}}}},
    ],
)
def test_a_readwriteonce_volume_with_several_replicas_is_refused(overrides):
    with pytest.raises(helm_python.HelmRenderError, match="ReadWriteOnce"):
        render(merged(SINGLE_NODE, **overrides))


def test_a_readwritemany_volume_allows_several_replicas():
    out = render(
        merged(
            SINGLE_NODE, web={"replicas": 3}, media={"persistence": {"accessMode": "ReadWriteMany"}}
        )
    )
    assert out.one("Deployment", "marelle-web")["spec"]["replicas"] == 3
    spec = out.one("Deployment", "marelle-web")["spec"]["template"]["spec"]
    assert "affinity" not in spec


def test_the_notes_say_how_to_check_and_create_a_structure(rendered):
    assert "helm test marelle" in rendered.notes
    assert "create_tenant" in rendered.notes


def test_values_yaml_is_the_schemas_own_default(rendered):
    """Every default is itself valid (an operator copies values.yaml to start)."""
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    with load_chart() as chart:
        chart.validate_schema({**defaults, "existingSecret": "marelle-secrets"})


def test_the_values_file_of_the_operations_guide_installs():
    """docs/operations.md's production.yaml, as an operator copies it, passes and renders."""
    guide = (CHART.parents[1] / "docs" / "operations.md").read_text()
    after = guide.split("`production.yaml`", 1)[1]
    block = after.split("```yaml\n", 1)[1].split("```", 1)[0]
    values = yaml.safe_load(block)
    out = render(values)
    egress = out.one("NetworkPolicy", "marelle-egress")["spec"]["egress"]
    assert {"podSelector": {"matchLabels": {"app": "valkey"}}} in [
        peer for rule in egress for peer in rule.get("to", [])
    ]
    for obj in out.objects:
        if obj["apiVersion"].split("/")[0] not in {"cert-manager.io", "monitoring.coreos.com"}:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
