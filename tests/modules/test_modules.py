from core.modules import Module, ModuleRegistry, NavigationEntry, registry


def test_three_modules_register_with_their_identity_and_activity_kinds():
    kinds = {m.id: [k.id for k in m.activity_kinds] for m in registry}

    assert kinds == {
        "periscolaire": [
            "accueil_matin",
            "pause_meridienne",
            "accueil_soir",
            "mercredi",
            "alsh_vacances",
            "navette",
        ],
        "sejours": ["sejour"],
        "creche": ["places_creche"],
    }
    assert all(m.legend and m.navigation for m in registry)


def test_registry_only_exposes_a_structures_enabled_modules():
    class FakeTenant:
        modules = ["creche"]

    assert [m.id for m in registry.for_tenant(FakeTenant())] == ["creche"]
    entries = registry.navigation_for(FakeTenant())
    paths = [entry.path for entry in entries]
    assert "/creche" in paths and "/planning" not in paths
    assert {entry.module for entry in entries} == {"creche", None}
    assert registry.is_enabled(FakeTenant(), "creche")
    assert not registry.is_enabled(FakeTenant(), "sejours")


def test_registering_a_different_module_under_a_taken_id_fails():
    local = ModuleRegistry()
    local.register(Module(id="x", label="X", description=""))
    try:
        local.register(
            Module(
                id="x", label="Autre", description="", navigation=(NavigationEntry("x", "X", "/x"),)
            )
        )
    except ValueError:
        return
    raise AssertionError("duplicate module id accepted")
