"""The séjours module's API, mounted under ``/api/v1/sejours/`` (``Module.api_urlconf``) and
answering 404 where the structure has not enabled the module (``core.modules_gate``). It lives
in the module: nothing outside a module imports it; it builds on the ``api`` package's shared
pieces (permissions, parameters, fields)."""
