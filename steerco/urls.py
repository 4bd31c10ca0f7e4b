"""The site's addresses; each app keeps its own under the stable paths of the design."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import include, path
from django.views.generic import TemplateView


def home(request):  # type: ignore[no-untyped-def]
    return redirect("programmes:list")


urlpatterns = [
    path("", home, name="home"),
    path("", include("steerco.accounts.urls")),
    path("", include("steerco.programmes.urls")),
    path("", include("steerco.results.urls")),
    path("", include("steerco.audit.urls")),
    path("", include("steerco.steering.urls")),
    path("", include("steerco.delivery.urls")),
    path("", include("steerco.reports.urls")),
    path("", include("steerco.work.urls")),
    path("", include("steerco.interop.urls")),
    # The cheapest page that still renders the base template for a signed-in user: the floor of `make bench`.
    path("ping/", login_required(TemplateView.as_view(template_name="core/ping.html")), name="ping"),
]
