"""Concurrent use of one database: 8 clients write indicator updates through the services while 8 read
pages, for a bounded time. No "database is locked", no lost write: the rows are counted afterwards.

On SQLite this rests on WAL (readers never wait for writers), the busy timeout (writers queue instead
of failing) and IMMEDIATE transactions (a writer takes the lock at BEGIN, never half-way through).
"""

from __future__ import annotations

import datetime
import re
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.test import Client, override_settings
from django.urls import reverse

from steerco.accounts.models import User
from steerco.audit.models import AuditAction, AuditEntry
from steerco.core import memo
from steerco.core.roles import Role
from steerco.programmes.models import ReportingPeriod
from steerco.results import services
from steerco.results.models import IndicatorUpdate, Level
from tests import factories as f
from tests.results.world import indicator, result

WRITERS = 8
READERS = 8
WRITES_EACH = 12  # new updates per writer
INCREMENTS_EACH = 6  # increments per writer of one update they all share
DEADLINE_SECONDS = 120
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def run_threads(targets: list[Callable[[], None]], deadline: float) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - every failure of a client is reported
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connection; the test database is dropped later

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0.1))
    if any(thread.is_alive() for thread in threads):
        errors.append(TimeoutError(f"clients still running after {DEADLINE_SECONDS} s"))
    return errors


@pytest.mark.django_db(transaction=True)
@override_settings(STEERCO_PAGE_MEMO=True)  # readers keep pages while the writers write
def test_eight_writers_and_eight_readers_lose_nothing() -> None:
    memo.clear()
    programme = f.programme(slug="busy")
    f.country(programme, "KZ")
    periods = [
        f.period(programme, datetime.date(2021 + n, 1, 1), datetime.date(2021 + n, 12, 31), label=f"Y{n}")
        for n in range(WRITERS)
    ]
    output = result(programme, "1", Level.OUTPUT)
    indicators = [indicator(output, f"1.{n}", name=f"Indicator {n}") for n in range(WRITES_EACH + 1)]
    shared_indicator = indicators[-1]
    writers = [f.user(f"writer{n}", (programme, "KZ", Role.COORDINATOR)) for n in range(WRITERS)]
    reader = f.user("reader", (programme, "", Role.OBSERVER))
    shared_period = periods[0]
    services.save_entries(
        shared_period,
        "KZ",
        [services.Entry(IndicatorUpdate(indicator=shared_indicator, value=Decimal(0)), 0)],
        acting_user=writers[0],
    )
    deadline = time.monotonic() + DEADLINE_SECONDS
    done = threading.Event()
    reads: list[int] = []

    def write(n: int) -> Callable[[], None]:
        def work() -> None:
            user = User.objects.get(pk=writers[n].pk)
            period = ReportingPeriod.objects.get(pk=periods[n].pk)
            for ind in indicators[:WRITES_EACH]:
                entry = services.Entry(IndicatorUpdate(indicator_id=ind.pk, value=Decimal(n + 1)), 0)
                services.save_entries(period, "KZ", [entry], acting_user=user)
            for _ in range(INCREMENTS_EACH):
                increment_shared(user)

        return work

    def increment_shared(user: Any) -> None:
        # Read, add one, save with the version seen; someone else's save in between is a conflict,
        # and the client reads again, as a person would after the conflict screen.
        while time.monotonic() < deadline:
            current = IndicatorUpdate.objects.get(
                indicator=shared_indicator, period=shared_period, country="KZ"
            )
            mine = IndicatorUpdate(indicator_id=shared_indicator.pk, value=(current.value or 0) + 1)
            try:
                services.save_entries(
                    shared_period, "KZ", [services.Entry(mine, current.version)], acting_user=user
                )
                return
            except services.EntriesRefused as refused:
                assert refused.conflicts and not refused.errors, refused
        raise TimeoutError("could not increment the shared update in time")

    pages = [
        reverse("results:dashboard", args=[programme.slug]),
        reverse("results:indicator", args=[programme.slug, shared_indicator.pk]),
        reverse("audit:history", args=[programme.slug]),
    ]

    def read() -> None:
        client = Client()
        client.force_login(reader)
        count = 0
        while not done.is_set() and time.monotonic() < deadline:
            response = client.get(pages[count % len(pages)])
            assert response.status_code == 200, response.status_code
            count += 1
        reads.append(count)

    # The readers run until the writers are done.
    read_errors: list[BaseException] = []
    read_threads = threading.Thread(
        target=lambda: read_errors.extend(run_threads([read] * READERS, deadline))
    )
    read_threads.start()
    write_errors = run_threads([write(n) for n in range(WRITERS)], deadline)
    done.set()
    read_threads.join()

    assert not write_errors, write_errors[:3]
    assert not read_errors, read_errors[:3]
    assert sum(reads) >= READERS, reads  # every reader got pages while the writers wrote
    written = IndicatorUpdate.objects.filter(indicator__in=indicators[:WRITES_EACH])
    assert written.count() == WRITERS * WRITES_EACH
    for n, period in enumerate(periods):
        assert set(written.filter(period=period).values_list("value", flat=True)) == {Decimal(n + 1)}
    shared = IndicatorUpdate.objects.get(indicator=shared_indicator, period=shared_period, country="KZ")
    assert shared.value == WRITERS * INCREMENTS_EACH
    assert shared.version == 1 + WRITERS * INCREMENTS_EACH
    entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(IndicatorUpdate))
    assert entries.filter(action=AuditAction.CREATE).count() == WRITERS * WRITES_EACH + 1
    assert entries.filter(action=AuditAction.UPDATE).count() == WRITERS * INCREMENTS_EACH
    # No page kept during the run outlived a write: what readers are served now is what a fresh
    # computation shows (the CSRF token aside, which is masked afresh for every response).
    client = Client()
    client.force_login(reader)
    for url in pages:
        kept = CSRF.sub("token", client.get(url).content.decode())
        with override_settings(STEERCO_PAGE_MEMO=False):
            fresh = CSRF.sub("token", client.get(url).content.decode())
        assert kept == fresh, url
    memo.clear()
