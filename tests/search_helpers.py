"""Helpers shared by the search tests."""

import html
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.models import StandardPage

_slugs = itertools.count(1)
_RESULT = re.compile(r'<h2 class="search-result__title"><a href="([^"]*)">(.*?)</a></h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def publish(parent, title, *, model=StandardPage, **fields):
    """Create and publish a page under ``parent`` the way an editor would. A plain string
    ``body`` becomes one paragraph of the StandardPage's StreamField."""
    if isinstance(fields.get("body"), str):
        fields["body"] = [("paragraph", f"<p>{fields['body']}</p>")]
    page = model(title=title, slug=f"p-{next(_slugs)}", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def search_url(language="vi"):
    with translation.override(language):
        return reverse("search")


def search(client, q=None, language="vi", **params):
    if q is not None:
        params["q"] = q
    response = client.get(search_url(language), params)
    assert response.status_code == 200
    return response


def result_titles(response):
    """Titles of the results in the order shown, as plain text."""
    return [html.unescape(_TAG.sub("", title)) for _url, title in _RESULT.findall(response.content.decode())]


def result_urls(response):
    return [url for url, _title in _RESULT.findall(response.content.decode())]


def frame_queries(client):
    """Queries of the search page without a query: the shared page frame (site, settings,
    menu, the content apps' sidebar blocks), which is not the search's to answer for."""
    with CaptureQueriesContext(connection) as context:
        search(client, "")
    return len(context)


@pytest.fixture(params=["native", "like"])
def any_backend(request, monkeypatch):
    """Runs a test on the database's own path (FTS5 on SQLite, full-text on PostgreSQL)
    and, on SQLite, again on the portable LIKE path."""
    from portal.search import query

    if request.param == "like":
        if connection.vendor != "sqlite":
            pytest.skip("the LIKE path is exercised on SQLite")
        monkeypatch.setattr(query, "USE_SQLITE_FTS", False)
    return request.param
