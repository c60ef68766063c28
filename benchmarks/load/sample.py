"""Sample the URLs a load run requests from the database it serves (JSON on stdout).

Run with the server's ``DATABASE_URL`` and settings::

    .venv/bin/python -m benchmarks.load.sample --partner 省政府网站集约化平台（演示） > /tmp/urls.json

It prints the home page, every live column, every live article, up to ``--laws`` law pages
drawn at random (seed 1), up to ``--items`` item ids of ``/api/items/{id}/``, the feed's last
position, the search queries of ``benchmarks/search/queries.json`` and a fresh API key of the
partner (the change feed needs one); the partner's per-minute limit is lifted to 1,000,000 so
that the run measures the server, not the limit.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

import django

PROJECT_ROOT = Path(__file__).resolve().parents[2]
QUERIES = PROJECT_ROOT / "benchmarks" / "search" / "queries.json"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partner", default="省政府网站集约化平台（演示）")
    parser.add_argument("--laws", type=int, default=500)
    parser.add_argument("--items", type=int, default=500)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(PROJECT_ROOT))
    django.setup()
    from django.db.models import Max
    from wagtail.models import Site

    from disclosure.columns.models import ColumnPage
    from disclosure.normative.models import NormativeDocumentPage
    from disclosure.publishing.models import ArticlePage
    from disclosure.syndication.models import ApiKey, CatalogueEntry, FeedEntry, Partner

    rng = random.Random(1)

    def paths(queryset, limit=None):
        urls = [p.url for p in queryset.live().public().only("id", "url_path")]
        urls = sorted(u for u in urls if u)
        if limit is not None and len(urls) > limit:
            urls = rng.sample(urls, limit)
        return urls

    site = Site.objects.get(is_default_site=True)
    law_ids = list(NormativeDocumentPage.objects.live().public().values_list("pk", flat=True))
    law_ids = rng.sample(law_ids, min(args.laws, len(law_ids)))
    item_ids = list(CatalogueEntry.objects.values_list("page_id", flat=True))
    partner = Partner.objects.get(name=args.partner)
    partner.rate_limit = 1_000_000
    partner.save(update_fields=["rate_limit"])
    _key, raw = ApiKey.issue(partner, label="load test")
    out = {
        "home": site.root_page.url or "/",
        "columns": paths(ColumnPage.objects.all()),
        "articles": paths(ArticlePage.objects.all()),
        "laws": paths(NormativeDocumentPage.objects.filter(pk__in=law_ids)),
        "items": rng.sample(item_ids, min(args.items, len(item_ids))),
        "feed_last": FeedEntry.objects.aggregate(m=Max("position"))["m"] or 0,
        "queries": [q["query"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))],
        "api_key": raw,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
