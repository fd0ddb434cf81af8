"""A minimal module that implements every hook of the module contract (docs/modules.md).

It is not an installed app: ``tests/modules/test_module_contract.py`` registers it for a test and
enables it on the test structure, then checks that each hook acts there and only there.
"""
