"""The one-shot import of the old site's export (``manage.py import_legacy``): reading the
export (``source``), cleaning its HTML (``html_cleaner``) and making pages (``importer``)."""
