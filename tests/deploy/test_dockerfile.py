"""The Dockerfile, checked statically: no Docker engine runs on this machine (nor on CI), so
these tests read it (dockerfile-parse) instead of building it. See
docs/decisions/0026-image-and-chart.md."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from dockerfile_parse import DockerfileParser

from tests.deploy.chart import ROOT

COMPILERS = re.compile(r"\b(gcc|g\+\+|build-essential|clang|make|cc|libc6-dev|python3-dev)\b")


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    parser = DockerfileParser(path=str(ROOT / "Dockerfile"))
    parser.content  # noqa: B018 - read now, from the checkout
    return parser


def _stages(dockerfile: DockerfileParser) -> list[list[dict]]:
    stages: list[list[dict]] = []
    for instruction in dockerfile.structure:
        if instruction["instruction"] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(instruction)
    return stages


def _base_image(dockerfile: DockerfileParser, stage: list[dict]) -> str:
    """The stage's image, with the ARGs declared before the first FROM substituted."""
    image = stage[0]["value"].split()[0]
    args = {}
    for instruction in dockerfile.structure:
        if instruction["instruction"] == "FROM":
            break
        if instruction["instruction"] == "ARG" and "=" in instruction["value"]:
            name, default = instruction["value"].split("=", 1)
            args[name] = default
    return re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), image)


def test_three_stages_build_the_spa_the_packages_and_the_runtime(dockerfile):
    stages = _stages(dockerfile)
    assert len(stages) >= 3
    bases = [_base_image(dockerfile, s) for s in stages]
    assert bases[0].startswith("node:20")
    assert bases[1] == "python:3.11-bookworm"
    assert bases[-1] == "python:3.11-slim-bookworm"
    front_runs = " ".join(i["value"] for i in stages[0] if i["instruction"] == "RUN")
    assert "npm ci" in front_runs and "npm run build" in front_runs


def test_python_packages_come_from_the_constraints_without_dev_extras(dockerfile):
    builder = _stages(dockerfile)[1]
    runs = " ".join(i["value"] for i in builder if i["instruction"] == "RUN")
    assert "pip install -c constraints.txt ." in runs
    every_run = " ".join(i["value"] for i in dockerfile.structure if i["instruction"] == "RUN")
    assert "[dev]" not in every_run


def test_the_runtime_runs_as_a_numeric_non_root_user(dockerfile):
    runtime = _stages(dockerfile)[-1]
    users = [i["value"] for i in runtime if i["instruction"] == "USER"]
    assert users, "no USER in the final stage"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0
    assert uid == "10001"  # the chart's runAsUser


def test_no_compiler_is_installed_in_the_runtime(dockerfile):
    runtime = _stages(dockerfile)[-1]
    for instruction in runtime:
        if instruction["instruction"] == "RUN":
            installs = re.findall(r"apt-get install[^&]*", instruction["value"])
            for install in installs:
                assert not COMPILERS.search(install), install


def test_the_runtime_has_weasyprints_libraries_fonts_and_the_postgresql_client(dockerfile):
    runtime = " ".join(i["value"] for i in _stages(dockerfile)[-1] if i["instruction"] == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fonts-dejavu-core"):
        assert package in runtime
    assert "postgresql-client-${PG_MAJOR}" in runtime


def test_every_copied_path_exists_in_the_repository(dockerfile):
    copies = [i for i in dockerfile.structure if i["instruction"] in {"COPY", "ADD"}]
    assert copies
    checked = 0
    for instruction in copies:
        words = shlex.split(instruction["value"])
        if any(w.startswith("--from=") for w in words):
            continue
        sources = [w for w in words if not w.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            checked += 1
    assert checked >= 6


def test_copied_sources_are_not_ignored_by_dockerignore(dockerfile):
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", ".data", "frontend/node_modules", "frontend/dist", ".git"} <= ignored
    for instruction in dockerfile.structure:
        if instruction["instruction"] == "COPY" and "--from=" not in instruction["value"]:
            for source in shlex.split(instruction["value"])[:-1]:
                assert source.rstrip("/") not in ignored, source


def test_the_entry_point_is_manage_py_and_serves_by_default(dockerfile):
    runtime = _stages(dockerfile)[-1]
    last = {i["instruction"]: i["value"] for i in runtime}
    assert json.loads(last["ENTRYPOINT"]) == ["python", "manage.py"]
    assert json.loads(last["CMD"]) == ["serve"]
    assert last["WORKDIR"] == "/app"
    assert last["EXPOSE"] == "8000"
    env = dockerfile.envs
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["XDG_CACHE_HOME"] == "/tmp/cache"


def test_static_files_are_collected_at_build_time_with_throwaway_settings(dockerfile):
    runtime = _stages(dockerfile)[-1]
    collect = [
        i["value"] for i in runtime if i["instruction"] == "RUN" and "collectstatic" in i["value"]
    ]
    assert len(collect) == 1
    key = re.search(r"SECRET_KEY=(\S+)", collect[0]).group(1)
    assert len(key) >= 40  # production settings refuse a shorter one
    assert "DATABASE_URL=" in collect[0] and "REDIS_URL=" in collect[0]
    # Set for that RUN only, never as the image's ENV.
    assert "SECRET_KEY" not in dockerfile.envs
