"""Every edit form of the URL list, walked: each carries its version, refuses a save from a stale page
with the stored value shown, takes the next save as a knowing overwrite, and writes nothing (not even an
audit entry) for a save that changes nothing. Every form that creates carries a one-time token."""

from __future__ import annotations

from typing import Any

from django import forms

from steerco.audit.models import AuditEntry
from steerco.core.edits import TOKEN_FIELD, VERSION_FIELD
from tests.base import SteercoTestCase
from tests.url_matrix import MATRIX, Case

from .forms_as_shown import shown_data, text_field

PREFERRED = ["manager", "admin", "me_officer", "kz_coordinator", "kz_counterpart"]


def edit_cases() -> list[tuple[str, Case]]:
    """The GET cases of the URL list whose page is a form over a stored object (an `_edit` address)."""
    return [
        (name, case)
        for name, cases in MATRIX.items()
        if name.endswith("_edit") or name in ("programmes:edit", "results:targets")
        for case in cases
        if case.method == "get" and case.allowed
    ]


def add_cases() -> list[tuple[str, Case]]:
    return [
        (name, case)
        for name, cases in MATRIX.items()
        if name.endswith(("_add", ":create")) or name == "delivery:recommendation_status"
        for case in cases
        if case.method == "get" and case.allowed
    ]


class EditFormsWalkTest(SteercoTestCase):
    def persona(self, case: Case) -> str:
        return next(p for p in PREFERRED if p in case.allowed)

    def open(self, url: str) -> forms.BaseForm:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.context["form"]

    def stored(self, form: forms.BaseForm, field: str) -> Any:
        instance = form.instance  # type: ignore[attr-defined]
        return getattr(type(instance)._default_manager.get(pk=instance.pk), field)

    def test_the_walk_covers_the_forms_named_in_the_issue(self) -> None:
        names = {name for name, _case in edit_cases()}
        for name in [
            "programmes:risk_edit",
            "steering:meeting_edit",
            "steering:action_point_edit",
            "delivery:event_edit",
            "results:targets",
        ]:
            self.assertIn(name, names)
        self.assertGreaterEqual(len(names), 25)

    def test_every_edit_form_carries_its_version(self) -> None:
        for name, case in edit_cases():
            url = case.url(self)
            with self.subTest(url=name):
                self.login(self.persona(case))
                form = self.open(url)
                self.assertIn(VERSION_FIELD, form.fields)
                self.assertTrue(form[VERSION_FIELD].value(), f"{name}: the form carries an empty version")

    def test_a_stale_save_of_every_edit_form_is_refused_then_a_knowing_overwrite(self) -> None:
        walked: list[str] = []
        for n, (name, case) in enumerate(edit_cases()):
            url = case.url(self)
            self.login(self.persona(case))
            form = self.open(url)
            field = text_field(form)
            if field is None or not hasattr(form, "instance"):
                continue
            walked.append(name)
            with self.subTest(url=name, field=field):
                first, second = shown_data(form), shown_data(self.open(url))
                key = form[field].html_name
                # Values of their own per form: names are unique within a programme.
                ours, theirs = f"Saved-first-{n}", f"Saved-second-{n}"
                first[key], second[key] = ours, theirs
                saved = self.client.post(url, first)
                self.assertEqual(saved.status_code, 302, saved.context and saved.context["form"].errors)
                refused = self.client.post(url, second)
                self.assertEqual(refused.status_code, 409, name)
                self.assertContains(refused, f"Saved meanwhile: {ours}", status_code=409)
                self.assertEqual(self.stored(form, field), ours)
                again = shown_data(refused.context["form"])
                self.assertEqual(again[key], theirs)
                self.assertEqual(self.client.post(url, again).status_code, 302, name)
                self.assertEqual(self.stored(form, field), theirs)
        self.assertGreaterEqual(len(walked), 20, walked)

    def test_a_save_of_every_edit_form_that_changes_nothing_writes_nothing(self) -> None:
        for name, case in edit_cases():
            url = case.url(self)
            with self.subTest(url=name):
                self.login(self.persona(case))
                data = shown_data(self.open(url))
                entries = AuditEntry.objects.count()
                response = self.client.post(url, data, follow=True)
                self.assertEqual(
                    response.redirect_chain[0][1] if response.redirect_chain else response.status_code,
                    302,
                    name,
                )
                self.assertEqual(AuditEntry.objects.count(), entries, name)
                self.assertContains(response, "No changes: nothing was saved.")
                self.assertNotContains(response, "Saved.")

    def test_every_form_that_creates_carries_a_one_time_token(self) -> None:
        for name, case in add_cases():
            with self.subTest(url=name):
                self.login(self.persona(case))
                form = self.open(case.url(self))
                self.assertIn(TOKEN_FIELD, form.fields)
                self.assertGreaterEqual(len(form[TOKEN_FIELD].value() or ""), 24)
