from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/language/", views.set_language, name="set_language"),
    path("accounts/users/", views.user_list, name="users"),
    path("accounts/users/add/", views.user_edit, name="user_add"),
    path("accounts/users/unlock/", views.unlock_sign_in, name="unlock"),
    path("accounts/users/<int:pk>/", views.user_edit, name="user_edit"),
    path("accounts/users/<int:pk>/memberships/add/", views.membership_add, name="membership_add"),
    path(
        "accounts/users/<int:pk>/memberships/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
]
