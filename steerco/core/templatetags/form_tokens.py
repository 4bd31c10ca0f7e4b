"""`{% submission_token %}`: the one-time token of a form that is not a Django form (a single button)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from steerco.core.edits import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
