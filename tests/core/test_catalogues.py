"""The Russian and Ukrainian catalogues: complete, placeholders kept, and compiled into the .mo that ships."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "steerco" / "locale"
LANGUAGES = ["ru", "uk"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def read_po(path: Path) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, msgid_plural, msgstr (index -> text), flags."""
    entries: list[dict[str, object]] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict[str, object] = {
            "msgctxt": None,
            "msgid": None,
            "msgid_plural": None,
            "msgstr": {},
            "flags": [],
        }
        key: tuple[str, int] = ("msgid", 0)
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = [f.strip() for f in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
                head, _, literal = line.partition(" ")
                value = ast.literal_eval(literal)
                if head.startswith("msgstr"):
                    index = int(head[7:-1]) if "[" in head else 0
                    entry["msgstr"][index] = value  # type: ignore[index]
                    key = ("msgstr", index)
                else:
                    entry[head] = value
                    key = (head, 0)
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if key[0] == "msgstr":
                    entry["msgstr"][key[1]] += value  # type: ignore[index]
                else:
                    entry[key[0]] += value  # type: ignore[operator]
        entries.append(entry)
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_with_its_placeholders(language: str) -> None:
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    header, messages = entries[0], entries[1:]
    assert f"Language: {language}" in header["msgstr"][0]  # type: ignore[index]
    assert "nplurals=4" in header["msgstr"][0]  # type: ignore[index]
    assert len(messages) > 250
    for entry in messages:
        msgid = entry["msgid"]
        assert "fuzzy" not in entry["flags"], msgid  # type: ignore[operator]
        forms: dict[int, str] = entry["msgstr"]  # type: ignore[assignment]
        if entry["msgid_plural"] is not None:
            assert sorted(forms) == [0, 1, 2, 3], msgid
        for text in forms.values():
            assert text.strip(), f"{language}: no translation for {msgid!r}"
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(str(msgid))), (language, msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in read_po(folder / "django.po")[1:]:
        msgid = str(entry["msgid"])
        forms: dict[int, str] = entry["msgstr"]  # type: ignore[assignment]
        context = entry["msgctxt"]
        if entry["msgid_plural"] is None:
            shown = compiled.gettext(msgid) if context is None else compiled.pgettext(str(context), msgid)
            assert shown == forms[0], f"{language}: run `make messages` ({msgid!r})"
        else:
            plural = str(entry["msgid_plural"])
            for n, form in ((1, 0), (3, 1), (5, 2)):
                shown = (
                    compiled.ngettext(msgid, plural, n)
                    if context is None
                    else compiled.npgettext(str(context), msgid, plural, n)
                )
                assert shown == forms[form], msgid


def test_plural_forms_read_naturally() -> None:
    ru = gettext.GNUTranslations((LOCALE / "ru" / "LC_MESSAGES" / "django.mo").open("rb"))
    uk = gettext.GNUTranslations((LOCALE / "uk" / "LC_MESSAGES" / "django.mo").open("rb"))
    words = {
        n: ru.ngettext("%(n)s institution", "%(n)s institutions", n) % {"n": n} for n in (1, 2, 5, 11, 21, 22)
    }
    assert words == {
        1: "1 учреждение",
        2: "2 учреждения",
        5: "5 учреждений",
        11: "11 учреждений",
        21: "21 учреждение",
        22: "22 учреждения",
    }
    assert uk.ngettext("%(n)s field", "%(n)s fields", 14) % {"n": 14} == "14 полів"
