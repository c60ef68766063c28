from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 20


def search(request):
    """The portal's search page (the Chinese-aware backend comes with the search issue)."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.live().public().search(query) if query else Page.objects.none()
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "page_obj": page_obj})
