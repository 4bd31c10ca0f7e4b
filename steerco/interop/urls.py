from django.urls import path

from . import views

app_name = "interop"

P = "programmes/<slug:slug>/"

urlpatterns = [
    path(P + "import/<str:kind>/", views.import_page, name="import"),
    path(P + "countries/<str:iso2>/import/<str:kind>/", views.import_page, name="country_import"),
]
