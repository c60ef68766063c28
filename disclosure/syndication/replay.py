"""A partner's check over HTTP: replay the change feed from the start and compare the rebuilt
set with what the read API returns (ids and content hashes).

    python -m disclosure.syndication.replay --url http://127.0.0.1:8000 --key dk_…

Exits 1 and lists the differences when they disagree. ``.ci/schemathesis.sh`` runs it against
the demo site; ``tests/syndication/test_feed.py`` does the same in the test suite.
"""

import argparse
import json
import sys
import urllib.parse
import urllib.request


def fetch(base, path, params, key=None):
    url = base.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        return json.loads(r.read())


def replay_feed(base, key, limit=500):
    state, after, events = {}, 0, 0
    while True:
        page = fetch(base, "/api/feed/", {"after": after, "limit": limit}, key)
        for event in page["events"]:
            events += 1
            if event["tombstone"]:
                state.pop(event["id"], None)
            else:
                state[event["id"]] = event["content_hash"]
        after = page["next_after"]
        if not page["has_more"]:
            return state, events


def read_api(base, key):
    state, params = {}, {"page_size": 100}
    while True:
        page = fetch(base, "/api/items/", params, key)
        state.update({item["id"]: item["content_hash"] for item in page["results"]})
        if not page["next_cursor"]:
            return state
        params = {"page_size": 100, "cursor": page["next_cursor"]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args(argv)
    replayed, events = replay_feed(args.url, args.key)
    api = read_api(args.url, args.key)
    print(f"feed: {events} events replayed → {len(replayed)} items; read API: {len(api)} items")
    missing = sorted(set(api) - set(replayed))
    extra = sorted(set(replayed) - set(api))
    changed = sorted(pk for pk in set(api) & set(replayed) if api[pk] != replayed[pk])
    if missing or extra or changed:
        print(
            f"DIFFERENT: missing from the feed {missing[:20]}, only in the feed {extra[:20]}, "
            f"different hashes {changed[:20]}"
        )
        return 1
    print("identical (ids and content hashes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
