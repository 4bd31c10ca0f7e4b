"""Every URL pattern, every persona: who gets the page, who gets 404, and that nothing is left out."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

from .base import SteercoTestCase
from .url_matrix import EXPORTING, MATRIX, WALKED, Case


def _patterns(
    resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append((namespace + str(pattern.name), prefix + str(pattern.pattern)))
    return found


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

    def persona(self, name: str) -> Any:
        return self.personas.get(name) or getattr(self, name)

    def test_each_persona_gets_exactly_what_its_scope_allows(self) -> None:
        for name, cases in MATRIX.items():
            for case in cases:
                url = case.url(self)
                for persona in WALKED:
                    expected = case.ok if persona in case.allowed else case.denied
                    with self.subTest(url=name, path=url, persona=persona):
                        self.login(self.persona(persona))
                        self.assertEqual(self._request(case, url), expected)
                        self.client.logout()

    def test_exports_answer_as_their_pages_do(self) -> None:
        for name in EXPORTING:
            for case in MATRIX[name]:
                url = case.url(self)
                for fmt in ("xlsx", "csv"):
                    for persona in WALKED:
                        allowed = persona in case.allowed
                        with self.subTest(url=name, path=url, persona=persona, fmt=fmt):
                            self.login(self.persona(persona))
                            response = self.client.get(url, {"export": fmt})
                            self.assertEqual(response.status_code, case.ok if allowed else case.denied)
                            if allowed and case.ok == 200:
                                self.assertIn("attachment", response["Content-Disposition"])
                            self.client.logout()

    def fingerprint(self) -> list[int]:
        """Rows of every table the application writes, and its audit entries: what a refused POST leaves."""
        return [
            model._default_manager.count() for model in apps.get_models() if hasattr(model, "scope_programme")
        ]

    def _post(self, url: str) -> tuple[HttpResponse, list[int], list[int]]:
        with transaction.atomic():
            before = self.fingerprint()
            response = self.client.post(url, {})
            after = self.fingerprint()
            transaction.set_rollback(True)
        return response, before, after

    def test_each_persona_posts_exactly_what_its_scope_allows(self) -> None:
        """Refused: 404 and nothing changed. Allowed: an empty form reaches validation, with its messages."""
        walked = 0
        for name, cases in MATRIX.items():
            for case in cases:
                if case.post is None:
                    continue
                url = case.url(self)
                allowed = case.allowed if case.post_allowed is None else case.post_allowed
                for persona in WALKED:
                    with self.subTest(url=name, path=url, persona=persona):
                        self.login(self.persona(persona))
                        response, before, after = self._post(url)
                        if persona not in allowed:
                            self.assertEqual(response.status_code, case.denied)
                            self.assertEqual(after, before, "a refused POST changed something")
                        else:
                            self.assertEqual(response.status_code, case.post)
                            if case.post in (200, 400):
                                self.assertTrue(
                                    response.context["form"].errors, "no message for an empty form"
                                )
                                self.assertEqual(after, before, "an invalid form changed something")
                        self.client.logout()
                        walked += 1
        self.assertGreater(walked, 400)

    def test_another_programmes_object_is_missing_at_every_address_that_takes_an_id(self) -> None:
        """Each address with an object id has a case naming another programme's object, refused to all."""
        for name in MATRIX:
            pattern = next(p for p in _patterns() if p[0] == name)[1]
            if (
                "<int:" not in pattern
                or name.startswith("accounts:")
                or name == "programmes:organisation_edit"
            ):
                continue  # users and organisations belong to no programme
            with self.subTest(url=name):
                self.assertTrue(
                    any(not c.allowed and c.elsewhere for c in MATRIX[name]),
                    f"{name} has no case with another programme's object",
                )

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        for name, cases in MATRIX.items():
            for case in cases:
                url = case.url(self)
                with self.subTest(url=name, path=url):
                    self.assertEqual(self._request(case, url), case.anonymous)
