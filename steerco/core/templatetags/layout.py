"""`{% programme_nav programme %}`: the programme's navigation bar, rendered once per programme and language.

Every programme page shows the same ten links; reversing their addresses on every request cost more
than the rest of a kept page. The bar depends on nothing but the programme's address and the language.
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def programme_nav(programme: Any) -> SafeString:
    return _nav(programme.slug, get_language())


@functools.lru_cache(maxsize=512)
def _nav(slug: str, language: str) -> SafeString:
    # The language is part of the key and already active: render_to_string translates with it.
    return mark_safe(render_to_string("programmes/_nav.html", {"programme": {"slug": slug}}))
