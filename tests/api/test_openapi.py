from pathlib import Path

import yaml
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_schema_is_up_to_date():
    generated = OpenApiYamlRenderer().render(
        SchemaGenerator().get_schema(request=None, public=True)
    )
    committed = (ROOT / "api" / "openapi.yaml").read_bytes()

    assert yaml.safe_load(generated) == yaml.safe_load(committed), (
        "api/openapi.yaml is stale: run `make openapi` and commit it (and the SPA types)."
    )


def test_schema_is_served_with_a_browsable_ui(alpha_client):
    assert alpha_client.get("/api/schema/").status_code == 200
    ui = alpha_client.get("/api/schema/ui/")
    assert ui.status_code == 200
    assert b"swagger" in ui.content.lower()
