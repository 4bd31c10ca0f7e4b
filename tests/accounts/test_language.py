"""The interface language: kept with the account for signed-in users, in a cookie for visitors."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from steerco.accounts.models import User
from steerco.audit.models import AuditEntry

from ..base import SteercoTestCase

SWITCH = reverse("accounts:set_language")
LOGIN = reverse("accounts:login")
PROGRAMMES = reverse("programmes:list")


class LanguageTest(SteercoTestCase):
    def test_a_visitor_s_choice_is_kept_in_a_cookie(self) -> None:
        response = self.client.post(SWITCH, {"language": "uk", "next": LOGIN})
        self.assertRedirects(response, LOGIN, fetch_redirect_response=False)
        self.assertEqual(response.cookies[settings.LANGUAGE_COOKIE_NAME].value, "uk")
        page = self.client.get(LOGIN)
        self.assertContains(page, '<html lang="uk">')
        self.assertContains(page, "<h1>Увійти</h1>", html=True)
        self.assertEqual(page["Content-Language"], "uk")

    def test_without_a_choice_the_browser_s_language_is_used(self) -> None:
        page = self.client.get(LOGIN, headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"})
        self.assertContains(page, "<h1>Войти</h1>", html=True)
        page = self.client.get(LOGIN, headers={"accept-language": "de-DE,de;q=0.9"})
        self.assertContains(page, "<h1>Sign in</h1>", html=True)

    def test_a_signed_in_user_s_choice_is_kept_with_the_account(self) -> None:
        self.login("kz_coordinator")
        response = self.client.post(SWITCH, {"language": "ru", "next": PROGRAMMES})
        self.assertRedirects(response, PROGRAMMES, fetch_redirect_response=False)
        self.assertEqual(User.objects.get(pk=self.kz_coordinator.pk).language, "ru")
        entry = AuditEntry.objects.get(object_id=str(self.kz_coordinator.pk), action="update")
        self.assertEqual((entry.before["language"], entry.after["language"]), ("", "ru"))
        self.assertContains(self.client.get(PROGRAMMES), "<h1>Программы</h1>", html=True)

    def test_the_account_s_language_follows_the_user_to_another_browser(self) -> None:
        user = self.kz_coordinator
        user.language = "uk"
        user.save()
        other_browser = Client(headers={"accept-language": "en-GB,en;q=0.9"})
        other_browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        other_browser.force_login(user)
        page = other_browser.get(PROGRAMMES)
        self.assertContains(page, '<html lang="uk">')
        self.assertContains(page, "<h1>Програми</h1>", html=True)
        # Signed out, the same browser speaks its cookie's language again.
        other_browser.post(reverse("accounts:logout"))
        self.assertContains(other_browser.get(LOGIN), "<h1>Войти</h1>", html=True)

    def test_a_user_without_a_choice_gets_the_browser_s_language(self) -> None:
        self.login("observer")
        page = self.client.get(PROGRAMMES, headers={"accept-language": "uk"})
        self.assertContains(page, "<h1>Програми</h1>", html=True)

    def test_an_unknown_language_changes_nothing(self) -> None:
        self.login("manager")
        response = self.client.post(SWITCH, {"language": "xx", "next": PROGRAMMES})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, response.cookies)
        self.assertEqual(User.objects.get(pk=self.manager.pk).language, "")

    def test_the_switch_only_returns_to_this_site(self) -> None:
        response = self.client.post(SWITCH, {"language": "ru", "next": "https://evil.example/"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_the_switcher_is_on_every_page_with_the_current_language_selected(self) -> None:
        self.login("manager")
        self.client.post(SWITCH, {"language": "uk", "next": "/"})
        page = self.client.get(reverse("programmes:overview", args=["bomca"]))
        self.assertContains(page, '<option value="uk" selected>Українська</option>', html=True)
        self.assertContains(page, '<option value="ru">Русский</option>', html=True)
        self.assertContains(page, f'name="next" value="{reverse("programmes:overview", args=["bomca"])}"')


class TranslatedPagesTest(SteercoTestCase):
    """Each foundation page in Russian and Ukrainian: the page's own words, and model choices."""

    def test_pages_speak_the_chosen_language(self) -> None:
        self.login("manager")
        pages = {
            reverse("programmes:overview", args=["bomca"]): {
                "ru": "Риски по серьёзности",
                "uk": "Ризики за серйозністю",
            },
            reverse("programmes:country", args=["bomca", "kz"]): {"ru": "Казахстан", "uk": "Казахстан"},
            reverse("programmes:amendments", args=["bomca"]): {
                "ru": "Первоначальные условия",
                "uk": "Початкові умови",
            },
            reverse("programmes:periods", args=["bomca"]): {"ru": "Отчётные периоды", "uk": "Звітні періоди"},
            reverse("programmes:risks", args=["bomca"]): {"ru": "Реестр рисков", "uk": "Реєстр ризиків"},
            reverse("programmes:organisations"): {"ru": "Организации", "uk": "Організації"},
            reverse("audit:history", args=["bomca"]): {"ru": "Тип объекта", "uk": "Тип об’єкта"},
            reverse("programmes:risk_add", args=["bomca"]): {
                "ru": "Вероятность (1–5)",
                "uk": "Ймовірність (1–5)",
            },
        }
        for language in ("ru", "uk"):
            self.client.post(SWITCH, {"language": language})
            for url, words in pages.items():
                with self.subTest(language=language, url=url):
                    self.assertContains(self.client.get(url), words[language])

    def test_choices_and_validation_messages_are_translated(self) -> None:
        self.login("manager")
        self.client.post(SWITCH, {"language": "ru"})
        self.assertContains(self.client.get(reverse("programmes:risks", args=["bomca"])), "Открыт")
        response = self.client.post(
            reverse("programmes:period_add", args=["bomca"]),
            {"label": "X", "kind": "year", "start": "2023-04-01", "end": "2023-03-01"},
        )
        self.assertContains(response, "Период заканчивается раньше, чем начинается.", status_code=400)
        response = self.client.post(reverse("programmes:period_add", args=["bomca"]), {})
        self.assertContains(response, "Обязательное поле.", status_code=400)  # Django's own catalogue
