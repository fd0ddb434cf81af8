"""Where uploads and generated files are kept: the local media folder, or a private bucket of
an S3-compatible object storage (``options.py`` reads the environment, ``s3.py`` is the
backend). Either way, names are ``tenants/<id>/...`` and files reach users only through
Marelle's views, after their access checks (``api/downloads.py``)."""
