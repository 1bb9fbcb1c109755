"""Helpers shared by the import tests (legacy site and register)."""

from contextlib import contextmanager

from portal.legacy.importer import Importer


@contextmanager
def stopped_at(record):
    """Inside the block, the importer is stopped (Ctrl+C: KeyboardInterrupt) when it
    reaches its ``record``-th record, as an editor closing the terminal would."""
    original = Importer.import_item
    calls = 0

    def stopping(self, item):
        nonlocal calls
        calls += 1
        if calls == record:
            raise KeyboardInterrupt
        return original(self, item)

    Importer.import_item = stopping
    try:
        yield
    finally:
        Importer.import_item = original
