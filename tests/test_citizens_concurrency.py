"""Reference numbers and per-source limits under concurrent submissions (PostgreSQL: row
locks; SQLite serialises writers itself). Threads each save in their own transaction."""

import threading

import pytest
from django.db import connection, connections, transaction

from citizens.intake import format_reference, next_number

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL (DATABASE_URL)"),
]


def run_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def target():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_twenty_submissions_at_once_get_twenty_different_consecutive_numbers():
    def take():
        with transaction.atomic():
            return format_reference("HD", 2026, next_number("HD", 2026))

    numbers = run_threads(20, take)
    assert sorted(numbers) == [f"HD-2026-{i:06d}" for i in range(1, 21)]


def test_a_source_posting_in_parallel_stores_no_more_than_the_limit(settings):
    from citizens.intake import Limited, _check_budget, source_hash
    from citizens.models import Kind, Submission

    settings.PORTAL_CITIZENS_LIMIT_PER_SOURCE = 5
    key = source_hash("198.51.100.77")

    def submit():
        from django.utils import timezone

        try:
            with transaction.atomic():
                now = timezone.now()
                _check_budget(key, now)
                year = 2026
                Submission.objects.create(
                    kind=Kind.CONTACT,
                    reference=format_reference(Kind.CONTACT, year, next_number(Kind.CONTACT, year)),
                    name="Thử",
                    content="Nội dung",
                    source_hash=key,
                    created_at=now,
                )
            return "saved"
        except Limited:
            return "limited"

    results = run_threads(20, submit)
    assert results.count("saved") == 5 and Submission.objects.count() == 5


def test_vendor_is_known():
    assert connection.vendor == "postgresql"
