"""`{% load listing %}`: the template side of `steerco.core.listing`: sort headings, search field, pager."""

from __future__ import annotations

from typing import Any

from django import template

from steerco.core.listing import Listing

register = template.Library()


@register.inclusion_tag("core/_sort_header.html")
def sort_header(listing: Listing, key: str, css: str = "") -> dict[str, Any]:
    """A `<th>` whose heading is a link sorting the list by the column, with `aria-sort`."""
    return {"h": listing.header(key, css)}


@register.inclusion_tag("core/_search.html")
def search_field(listing: Listing) -> dict[str, Any]:
    """The `?q=` field of a list's filter form, with the chosen sort kept along."""
    return {"listing": listing}


@register.inclusion_tag("core/_pager.html")
def pager(listing: Listing) -> dict[str, Any]:
    """The pages of the list as a navigation landmark; links keep the filters, search and sort."""
    page = listing.page
    total = page.paginator.num_pages
    return {
        "page": page,
        "first": listing.page_href(1) if page.number > 1 else "",
        "previous": listing.page_href(page.number - 1) if page.has_previous() else "",
        "next": listing.page_href(page.number + 1) if page.has_next() else "",
        "last": listing.page_href(total) if page.number < total else "",
    }
