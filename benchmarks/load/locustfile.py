"""Locust scenario: visitors of the portal, its search and partners of the API, mixed.

Run by :mod:`benchmarks.load.run` (which samples the URLs from the database into the JSON file
named by ``LOAD_URLS``); by hand::

    LOAD_URLS=/tmp/urls.json .venv/bin/locust -f benchmarks/load/locustfile.py --headless \\
        -u 100 -r 20 -t 60s --host http://127.0.0.1:8800 --csv /tmp/load

Every request is named by its endpoint group (``page:home``, ``page:column``, ``page:article``,
``page:law``, ``search``, ``api:items``, ``api:item``, ``api:feed``), so the statistics come per
group. The weights give roughly the mix of a portal: two thirds pages (laws most), one sixth
search, one sixth API. Each user waits ``LOAD_WAIT`` seconds between requests (default ``0.5-2.5``,
a reader clicking quickly); ``0`` makes every user send the next request as soon as the last
answers (saturation).
"""

import json
import os
import random

from locust import HttpUser, between, constant, task

URLS = json.loads(open(os.environ["LOAD_URLS"], encoding="utf-8").read())  # noqa: SIM115


def wait_time_from_env():
    spec = os.environ.get("LOAD_WAIT", "0.5-2.5")
    if "-" in spec:
        low, high = (float(x) for x in spec.split("-"))
        return between(low, high)
    return constant(float(spec))


class Visitor(HttpUser):
    wait_time = wait_time_from_env()

    def get(self, url, name, **kwargs):
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(10)
    def home(self):
        self.get(URLS["home"], "page:home")

    @task(12)
    def column(self):
        self.get(random.choice(URLS["columns"]), "page:column")

    @task(12)
    def article(self):
        self.get(random.choice(URLS["articles"]), "page:article")

    @task(20)
    def law(self):
        self.get(random.choice(URLS["laws"]), "page:law")

    @task(12)
    def search(self):
        self.get("/search/", "search", params={"q": random.choice(URLS["queries"])})

    @task(6)
    def api_items(self):
        self.get("/api/items/", "api:items")

    @task(6)
    def api_item(self):
        self.get(f"/api/items/{random.choice(URLS['items'])}/", "api:item")

    @task(3)
    def api_feed(self):
        after = random.randint(0, max(URLS["feed_last"] - 50, 0))
        self.get(
            "/api/feed/",
            "api:feed",
            params={"after": after, "limit": 50},
            headers={"Authorization": f"Bearer {URLS['api_key']}"},
        )
