"""The demo world's texts in Russian and Ukrainian, set on the objects the demo built in English.

Each app's `demo_languages.py` lists, per translated field, the English texts of its demo and their
versions (`Versions`). The demo builds its world in English, then `load` sets the other languages'
columns of every object whose English text is listed. A listed text that matches no object is
reported (`UnmatchedDemoText`; the test settings turn it into an error), so a change to the English
demo cannot leave its versions behind unnoticed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from steerco.audit.models import AuditAction
from steerco.audit.services import record, snapshot
from steerco.core.content import localized_name
from steerco.core.demo_warnings import UnmatchedDemoText
from steerco.core.permissions import SYSTEM

# The apps whose `demo_languages.VERSIONS` carry the demo's texts in other languages.
VERSION_MODULES = [
    "steerco.programmes.demo_languages",
    "steerco.results.demo_languages",
    "steerco.delivery.demo_languages",
    "steerco.steering.demo_languages",
]

Texts = Mapping[Any, Mapping[str, Any]]


@dataclass(frozen=True)
class Versions:
    """Versions of one field's English texts on the objects of one programme (or of none).

    `texts` maps an English text (a tuple for a list field) to its versions by language code. The
    object's English text is read from `<field>_en`, or from `key_field` where the field has no
    English version of its own (option labels are keyed by the options they name).
    """

    model: type[models.Model]
    field: str
    texts: Texts
    programme: str | None = None  # the programme's slug; None for reference data (organisations)
    key_field: str | None = None

    def key_of(self, obj: models.Model) -> Any:
        return frozen(getattr(obj, self.key_field or localized_name(self.field, "en")))

    def objects(self) -> models.QuerySet[Any]:
        queryset = self.model._default_manager.all()
        if self.programme is None:
            return queryset
        path: str = self.model.scope_programme  # type: ignore[attr-defined]
        return queryset.filter(**{"slug" if path == "pk" else f"{path}__slug": self.programme})

    def label(self, key: Any) -> str:
        where = f" in {self.programme}" if self.programme else ""
        return f"{self.model.__name__}.{self.field}{where}: {key!r}"


def frozen(value: Any) -> Any:
    """A text as a dictionary key: lists become tuples."""
    if isinstance(value, list):
        return tuple(frozen(v) for v in value)
    return value


def thawed(value: Any) -> Any:
    if isinstance(value, tuple):
        return [thawed(v) for v in value]
    return value


def all_versions() -> list[Versions]:
    import importlib

    return [v for name in VERSION_MODULES for v in importlib.import_module(name).VERSIONS]


def unmatched(versions: Iterable[Versions]) -> list[str]:
    """The listed English texts that no object of the demo has."""
    missing: list[str] = []
    for spec in versions:
        found = {spec.key_of(obj) for obj in spec.objects()}
        missing += [spec.label(key) for key in spec.texts if frozen(key) not in found]
    return missing


@transaction.atomic
def set_versions(versions: Iterable[Versions], *, acting_user: Any) -> int:
    """Set the listed versions on the matching objects, in one bulk update per model; audited.

    Only the project itself writes the demo's versions (`SYSTEM`). An object that has its versions
    already is left alone, so loading the demo again changes nothing. Returns how many objects
    changed.
    """
    if acting_user is not SYSTEM:
        raise PermissionError("only the demo (SYSTEM) sets the demo world's versions")
    specs = list(versions)
    for label in unmatched(specs):
        warnings.warn(UnmatchedDemoText(label), stacklevel=2)
    by_model: dict[type[models.Model], list[Versions]] = {}
    for spec in specs:
        by_model.setdefault(spec.model, []).append(spec)
    changed = 0
    for model, model_specs in by_model.items():
        changed += _set_on_model(model, model_specs, acting_user)
    return changed


def _set_on_model(model: type[models.Model], specs: list[Versions], acting_user: Any) -> int:
    objects: dict[Any, models.Model] = {}
    before: dict[Any, dict[str, Any]] = {}
    columns: set[str] = set()
    for spec in specs:
        texts = {frozen(k): v for k, v in spec.texts.items()}
        for obj in spec.objects():
            versions = texts.get(spec.key_of(obj))
            if versions is None:
                continue
            obj = objects.get(obj.pk, obj)
            for language, text in versions.items():
                column = localized_name(spec.field, language)
                value = thawed(text)
                _check_fits(model, column, value, spec)
                if getattr(obj, column) != value:
                    before.setdefault(obj.pk, snapshot(obj))
                    setattr(obj, column, value)
                    columns.add(column)
                    objects[obj.pk] = obj
    changed = [obj for pk, obj in objects.items() if pk in before]
    if not changed:
        return 0
    model._default_manager.bulk_update(changed, sorted(columns), batch_size=200)
    for obj in changed:
        record(
            actor=acting_user,
            action=AuditAction.UPDATE,
            obj=obj,
            before=before[obj.pk],
            after=snapshot(obj),
        )
    return len(changed)


def _check_fits(model: type[models.Model], column: str, value: Any, spec: Versions) -> None:
    field = model._meta.get_field(column)
    limit = getattr(field, "max_length", None)
    if limit and isinstance(value, str) and len(value) > limit:
        raise ValueError(f"{spec.label(value)} is longer than the {limit} characters of {column}")


def load(*, acting_user: Any, versions: Callable[[], list[Versions]] = all_versions) -> None:
    """The last step of `steerco demo`: the demo world's texts in Russian and Ukrainian."""
    set_versions(versions(), acting_user=acting_user)
