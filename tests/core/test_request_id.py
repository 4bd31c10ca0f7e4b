"""The request id in the audit: a well-formed one from the proxy is kept, anything else is replaced."""

from __future__ import annotations

import re

from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.core.middleware import request_id_from
from tests.base import SteercoTestCase

GENERATED = re.compile(r"[0-9a-f]{32}")


def test_well_formed_ids_are_kept() -> None:
    for sent in ("3f2a9c1e-7b1d-4c55-9a51-0d8c7f6e2b10", "nginx.42_a-b", "x" * 64):
        assert request_id_from(sent) == sent


def test_anything_else_is_replaced_by_a_generated_id() -> None:
    for sent in ("", "x" * 65, "a b", "<script>", "id\r\nX-Evil: 1", "ид-запроса", "a;b", "a/b"):
        replaced = request_id_from(sent)
        assert replaced != sent
        assert GENERATED.fullmatch(replaced), replaced


class RequestIdInTheAuditTest(SteercoTestCase):
    def change_language(self, request_id: str) -> tuple[AuditEntry, str]:
        self.login("kz_coordinator")
        language = "ru" if self.kz_coordinator.language != "ru" else "uk"
        response = self.client.post(
            reverse("accounts:set_language"),
            {"language": language, "next": "/"},
            HTTP_X_REQUEST_ID=request_id,
        )
        entry = AuditEntry.objects.latest("id")
        return entry, response["X-Request-Id"]

    def test_a_hostile_id_never_reaches_the_audit(self) -> None:
        hostile = "<img src=x onerror=alert(1)> " + "A" * 100
        entry, answered = self.change_language(hostile)
        self.assertTrue(GENERATED.fullmatch(entry.request_id), entry.request_id)
        self.assertEqual(answered, entry.request_id)

    def test_a_proxys_id_is_kept(self) -> None:
        entry, answered = self.change_language("edge-7f3a.91")
        self.assertEqual((entry.request_id, answered), ("edge-7f3a.91", "edge-7f3a.91"))
