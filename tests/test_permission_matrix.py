"""Every URL pattern, every persona: who gets the page, who gets 404, and that nothing is left out."""

from __future__ import annotations

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from .base import PERSONAS, SteercoTestCase
from .url_matrix import MATRIX, Case


def named_patterns(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name, so the matrix cannot cover it"
            names.add(namespace + pattern.name)
    return names


class PermissionMatrixTest(SteercoTestCase):
    def test_every_url_pattern_is_in_the_matrix(self) -> None:
        missing = named_patterns() - set(MATRIX)
        self.assertFalse(missing, f"URL patterns without a permission-matrix entry: {sorted(missing)}")
        stale = set(MATRIX) - named_patterns()
        self.assertFalse(stale, f"matrix entries for URL patterns that no longer exist: {sorted(stale)}")

    def _request(self, case: Case, url: str) -> int:
        with transaction.atomic():
            response = getattr(self.client, case.method)(url, case.data)
            transaction.set_rollback(True)
        return response.status_code

    def test_each_persona_gets_exactly_what_its_scope_allows(self) -> None:
        for name, cases in MATRIX.items():
            for case in cases:
                url = case.url(self)
                for persona in PERSONAS:
                    expected = case.ok if persona in case.allowed else case.denied
                    with self.subTest(url=name, path=url, persona=persona):
                        self.login(persona)
                        self.assertEqual(self._request(case, url), expected)
                        self.client.logout()

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        for name, cases in MATRIX.items():
            for case in cases:
                url = case.url(self)
                with self.subTest(url=name, path=url):
                    self.assertEqual(self._request(case, url), case.anonymous)
