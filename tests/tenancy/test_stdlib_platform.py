import importlib


def test_platform_source_root_does_not_shadow_the_standard_library():
    platform = importlib.import_module("platform")

    assert callable(platform.system)
    assert platform.system() in {"Linux", "Darwin", "Windows"}
    assert not hasattr(platform, "__path__"), "platform/ must not be importable as a package"
