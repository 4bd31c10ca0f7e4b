"""Helpers for the demo world: loaders that can run again without duplicating anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext_noop

_M = TypeVar("_M", bound=models.Model)

# The apps whose `demo.load(acting_user)` builds the demo world, in dependency order.
DEMO_MODULES = [
    "steerco.programmes.demo",
    "steerco.accounts.demo",
    "steerco.results.demo",
    "steerco.delivery.demo",
    # Last: the packs it circulates are frozen from the results and delivery data loaded before.
    "steerco.steering.demo",
    # After all of them: the texts they wrote in English, in Russian and Ukrainian.
    "steerco.core.demo_languages",
]

# Stored in English on the demo programmes; marked here so the catalogues carry it and base.html
# shows it in the reader's language.
ILLUSTRATIVE_NOTE = gettext_noop(
    "Demo data: public facts where known; figures marked TBC in public sources "
    "(budgets, some dates, risks) are illustrative."
)


def ensure(
    model: type[_M],
    save: Callable[..., Any],
    *,
    acting_user: Any,
    lookup: dict[str, Any],
    defaults: dict[str, Any] | None = None,
    **save_kwargs: Any,
) -> _M:
    """The object matching `lookup`, created through the service `save` when it is missing."""
    existing = model._default_manager.filter(**lookup).first()
    if existing is not None:
        return existing
    obj = model(**lookup, **(defaults or {}))
    save(obj, acting_user=acting_user, **save_kwargs)
    return obj
