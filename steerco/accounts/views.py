"""Sign-in, preferences, and the administrators' pages for users and memberships."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from steerco.core.models import SiteFlag
from steerco.core.views import edit_page, posted

from . import lockout, services
from .forms import LanguageForm, MembershipForm, UserForm
from .models import Membership, User

# Listed on the sign-in page while the demo world is loaded; all share the password "demo".
DEMO_LOGINS = [
    ("admin", gettext_lazy("Administrator")),
    ("manager", gettext_lazy("Programme manager, both programmes")),
    ("me.officer", gettext_lazy("M&E officer, both programmes")),
    ("kz.coordinator", gettext_lazy("Country coordinator, BOMCA 10 Kazakhstan")),
    ("kg.coordinator", gettext_lazy("Country coordinator, BOMCA 10 Kyrgyzstan")),
    ("ua.coordinator", gettext_lazy("Country coordinator, EU4IBM-Resilience Ukraine")),
    ("kz.counterpart", gettext_lazy("National counterpart, Border Service of Kazakhstan")),
    ("eu.observer", gettext_lazy("EU Delegation observer, both programmes")),
    ("outsider", gettext_lazy("No membership")),
]


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if SiteFlag.objects.filter(key=SiteFlag.DEMO_LOADED).exists():
            context["demo_logins"] = DEMO_LOGINS
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        services.change_password(form.user, form.cleaned_data["new_password1"], acting_user=self.request.user)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password was changed."))
        return HttpResponseRedirect(reverse("programmes:list"))


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for the e-mail address and sends a link; the answer is the same whether or not an account
    has that address, so the page tells nobody who has an account."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        # Saved through the service, so the change is audited like any other.
        services.change_password(
            form.user,
            form.cleaned_data["new_password1"],
            acting_user=form.user,
            rationale=gettext_noop("password reset by e-mail"),
        )
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in user's choice is kept with their account."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.set_language(request.user, language, acting_user=request.user)  # type: ignore[arg-type]
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def _require_admin(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise Http404


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    users = User.objects.select_related("organisation").prefetch_related("memberships__programme")
    locked_accounts, locked_addresses = lockout.current_locks()
    rows = [(u, locked_accounts.get(u.username)) for u in users]
    return render(request, "accounts/user_list.html", {"rows": rows, "locked_addresses": locked_addresses})


@login_required
@require_POST
def unlock_sign_in(request: HttpRequest) -> HttpResponse:
    """An administrator ends a sign-in lock early, for an account or for an address."""
    _require_admin(request)
    username = request.POST.get("username", "").strip()
    address = request.POST.get("address", "").strip()
    if username:
        get_object_or_404(User, username=username)
        services.unlock_sign_in(username=username, acting_user=request.user)
        messages.success(request, _("Sign-in unlocked for %(username)s.") % {"username": username})
    elif address:
        services.unlock_sign_in(address=address, acting_user=request.user)
        messages.success(request, _("Sign-in unlocked for the address %(address)s.") % {"address": address})
    else:
        raise Http404
    return HttpResponseRedirect(reverse("accounts:users"))


@login_required
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_admin(request)
    instance = User() if pk is None else get_object_or_404(User, pk=pk)
    form = UserForm(posted(request), instance=instance)
    memberships = [] if pk is None else list(instance.memberships.select_related("programme"))
    sign_in_events = [] if pk is None else list(lockout.sign_in_events(instance))
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_user(
            f.instance, acting_user=request.user, password=f.cleaned_data["password"]
        ),
        template="accounts/user_form.html",
        success_url=lambda u: reverse("accounts:user_edit", args=[u.pk]),
        context={
            "subject": instance,
            "memberships": memberships,
            "membership_form": MembershipForm(),
            "sign_in_events": sign_in_events,
            "cancel_url": reverse("accounts:users"),
        },
    )


@login_required
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    user = get_object_or_404(User, pk=pk)
    form = MembershipForm(posted(request), instance=Membership(user=user))
    return edit_page(
        request,
        form=form,
        save=lambda f: services.add_membership(f.instance, acting_user=request.user),
        template="accounts/membership_form.html",
        success_url=reverse("accounts:user_edit", args=[user.pk]),
        context={"subject": user},
    )


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    _require_admin(request)
    membership = get_object_or_404(Membership, pk=membership_pk, user_id=pk)
    services.remove_membership(membership, acting_user=request.user)
    messages.success(request, _("Membership removed."))
    return HttpResponseRedirect(reverse("accounts:user_edit", args=[pk]))
