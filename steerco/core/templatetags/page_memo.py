"""`{% memo "name" programme_id part… %}…{% endmemo %}`: a fragment rendered once per programme revision.

The key adds what the reader may do in the programme, the language and the day to the parts given,
so one person's page never shows another scope's figures. The view hands the fragment its data as
lazy objects, so nothing is computed when the fragment is found (see `steerco.core.memo`).
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from steerco.core import memo

register = template.Library()


class MemoNode(template.Node):
    def __init__(self, nodelist: NodeList, parts: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context: template.Context) -> SafeString:
        name, programme_id, *parts = (part.resolve(context) for part in self.parts)
        request = context.get("request")
        if request is None or programme_id is None:
            return self.nodelist.render(context)
        key = (*(str(p) for p in parts), get_language(), timezone.localdate())
        return memo.remember(
            str(name), int(programme_id), request.user, key, lambda: self.nodelist.render(context)
        )


@register.tag("memo")
def do_memo(parser: Parser, token: Token) -> MemoNode:
    bits = token.split_contents()[1:]
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% memo %} needs a name and a programme id")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in bits])
