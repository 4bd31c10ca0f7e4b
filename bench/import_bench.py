"""The Excel import of indicator updates, measured against openpyxl alone reading the same files.

Run by `bench/run.py` in a process of its own, on the generated world at N=1 (its database comes
from the environment): the largest programme's updates templates for up to five countries over up
to twenty periods, every open number cell filled, then each file previewed (read, checked against
the stored updates and the rules) and confirmed inside a transaction that is rolled back. Prints
one JSON object: the import's time over openpyxl's, and the peak memory (tracemalloc) of the
preview at 1× and 10× the rows (two periods against twenty).
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steerco.settings")


def main() -> int:
    import django

    django.setup()
    import openpyxl
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Count

    from steerco.interop.imports import UpdatesImport
    from steerco.programmes.models import Programme, ProgrammeCountry, ReportingPeriod

    user = get_user_model().objects.filter(is_superuser=True).first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-import", password=None)
    programme = Programme.objects.annotate(n=Count("results__indicators")).order_by("-n", "pk").first()
    assert programme is not None, "no programme: generate the world first"
    countries = list(
        ProgrammeCountry.objects.filter(programme=programme).values_list("country", flat=True)[:5]
    )
    periods = list(ReportingPeriod.objects.filter(programme=programme).order_by("start"))
    periods = periods[-20:]

    def filled(country: str, chosen: list[Any]) -> bytes:
        importer = UpdatesImport(user, programme, country)
        book = openpyxl.load_workbook(io.BytesIO(importer.template(chosen)))
        sheet = book["Updates"]
        headers = [str(c.value or "") for c in sheet[1]]
        value = next((n for n, h in enumerate(headers, start=1) if h.startswith("Value")), None)
        if value is not None:
            for row in range(2, sheet.max_row + 1):
                cell = sheet.cell(row, value)
                if not cell.protection.locked:
                    cell.value = (row % 17) + 1
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    files = [(country, filled(country, periods)) for country in countries]
    rows = 0
    started = time.perf_counter()
    for _country, content in files:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        for sheet in book.worksheets:
            for values in sheet.iter_rows(values_only=True):
                rows += 1 if values else 0
        book.close()
    openpyxl_s = time.perf_counter() - started

    started = time.perf_counter()
    changes = 0
    for country, content in files:
        plan = UpdatesImport(user, programme, country).plan(content, f"{country}.xlsx")
        changes += plan.count("create") + plan.count("change")
        if plan.ok and plan.apply is not None:
            with transaction.atomic():
                plan.apply()
                transaction.set_rollback(True)
    import_s = time.perf_counter() - started

    def peak(chosen: list[Any]) -> tuple[int, int]:
        content = filled(countries[0], chosen)
        tracemalloc.start()
        plan = UpdatesImport(user, programme, countries[0]).plan(content, "memory.xlsx")
        _now, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top, len(plan.changes) + len(plan.problems)

    small_peak, small_rows = peak(periods[-2:])
    large_peak, large_rows = peak(periods)
    print(
        json.dumps(
            {
                "programme": programme.code,
                "countries": len(countries),
                "periods": len(periods),
                "rows_read": rows,
                "changes": changes,
                "openpyxl_s": openpyxl_s,
                "import_s": import_s,
                "import_over_openpyxl": import_s / openpyxl_s if openpyxl_s else None,
                "peak_kib": [small_peak / 1024, large_peak / 1024],
                "peak_rows": [small_rows, large_rows],
                "memory_ratio": large_peak / small_peak if small_peak else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
