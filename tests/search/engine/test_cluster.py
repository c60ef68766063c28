"""The engine as a three-node cluster: one node stops and comes back, nothing is lost.

Runs against a cluster of ``.ci/opensearch.sh``'s multi-node mode, with one replica per shard
and every node in ``SEARCH_URL``::

    export OPENSEARCH_NODES=3 OPENSEARCH_PORT=9261
    url=$(bash .ci/opensearch.sh start)
    SEARCH_BACKEND=opensearch2 SEARCH_URL=$url SEARCH_REPLICAS=1 SEARCH_TIMEOUT=5 \\
        SEARCH_CLUSTER_CONTROL="bash .ci/opensearch.sh" REQUIRE_CLUSTER=1 \\
        .venv/bin/pytest tests/search/engine/test_cluster.py -q -s

``SEARCH_CLUSTER_CONTROL`` is the command that takes ``stop-node N`` / ``start-node N`` (run
through subprocess, with this environment); ``SEARCH_CLUSTER_NODE`` the node to stop (2).
Skipped unless the engine answers as a cluster of >= 3 nodes and the control command is
given; ``REQUIRE_CLUSTER=1`` turns the skip into a failure (CI).
"""

import os
import shlex
import subprocess
import time

import pytest

from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, organisation

# Not marked ``engine``: REQUIRE_ENGINE=1 on a single node must not fail these; REQUIRE_CLUSTER does.
pytestmark = [pytest.mark.django_db]

ARTICLES = 12
COMMON = "抽查"
NEW_TITLE = "关于开展电梯维保质量专项检查的公告"
NEW_WORDS = ("电梯", "维保")


def _skip_or_fail(reason):
    if os.environ.get("REQUIRE_CLUSTER") == "1":
        pytest.fail(f"REQUIRE_CLUSTER=1 but {reason}", pytrace=False)
    pytest.skip(f"needs a search cluster: {reason}")


@pytest.fixture
def cluster(request, engine_unavailable):
    """The engine backend, when it is a cluster of >= 3 nodes that the test may control."""
    if engine_unavailable:
        _skip_or_fail(engine_unavailable)
    control = os.environ.get("SEARCH_CLUSTER_CONTROL", "")
    if not control:
        _skip_or_fail("SEARCH_CLUSTER_CONTROL (the stop-node/start-node command) is not set")
    engine = request.getfixturevalue("engine")
    nodes = engine.es.cluster.health()["number_of_nodes"]
    if nodes < 3:
        _skip_or_fail(f"the engine has {nodes} node(s), not >= 3")
    replicas = engine.settings["settings"].get("index", {}).get("number_of_replicas", 0)
    if int(replicas) < 1:
        _skip_or_fail("the index settings keep no replica (set SEARCH_REPLICAS=1)")
    node = os.environ.get("SEARCH_CLUSTER_NODE", "2")
    yield engine, shlex.split(control), node
    # Whatever happened, leave the cluster complete for the next test.
    subprocess.run([*shlex.split(control), "start-node", node], capture_output=True, check=False)


def control(command, action, node):
    return subprocess.Popen(
        [*command, action, node], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def finish(proc):
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]


def wait_green(backend, nodes):
    health = backend.es.cluster.health(
        wait_for_status="green", wait_for_nodes=str(nodes), timeout="120s", request_timeout=130
    )
    assert health["status"] == "green" and not health["timed_out"], health
    return health


def titles(query):
    return {page.title for page in ArticlePage.objects.live().search(query)}


def page_count(backend):
    backend.refresh_indexes()
    index = backend.get_index_for_model(ArticlePage)
    return backend.es.count(index=index.name)["count"]


def test_searches_never_fail_while_a_node_stops_and_rejoins(cluster):
    backend, command, node = cluster
    organisation()
    notices = column(title="通知公告", slug="notices")
    expected = {
        article(notices, title=f"第{i}批双随机{COMMON}结果公示").title for i in range(ARTICLES)
    }
    backend.refresh_indexes()
    nodes = backend.es.cluster.health()["number_of_nodes"]
    wait_green(backend, nodes)
    before = page_count(backend)
    assert titles(COMMON) == expected

    searches, failures = 0, []

    def search_while(proc, at_least=1.0):
        nonlocal searches
        started = time.monotonic()
        while proc.poll() is None or time.monotonic() - started < at_least:
            searches += 1
            try:
                found = titles(COMMON)
            except Exception as error:  # a failed search, whatever the reason
                failures.append(repr(error))
                continue
            if found != expected:
                failures.append(f"{len(found)} of {len(expected)} results")

    stopping = control(command, "stop-node", node)
    search_while(stopping)
    finish(stopping)
    during = searches
    search_while(stopping, at_least=3.0)  # the node is down: the replicas answer
    restarting = control(command, "start-node", node)
    search_while(restarting)
    finish(restarting)
    health = wait_green(backend, nodes)
    after = page_count(backend)
    print(
        f"\ncluster fault test: node {node} stopped and restarted; {searches} searches "
        f"({during} while it stopped), {len(failures)} failed; documents before {before}, "
        f"after {after}; status {health['status']}, {health['number_of_nodes']} nodes"
    )
    assert failures == []
    assert after == before == ARTICLES + 1  # the articles and their column page
    assert titles(COMMON) == expected


def test_publishing_while_a_node_is_down_loses_nothing(cluster):
    backend, command, node = cluster
    organisation()
    notices = column(title="通知公告", slug="notices")
    for i in range(3):
        article(notices, title=f"第{i}批双随机{COMMON}结果公示")
    nodes = backend.es.cluster.health()["number_of_nodes"]
    wait_green(backend, nodes)
    before = page_count(backend)

    finish(control(command, "stop-node", node))
    assert backend.es.cluster.health()["number_of_nodes"] == nodes - 1
    # A real Wagtail publish: a revision saved and published (tests/factories.article).
    page = article(notices, title=NEW_TITLE, body="<p>全市电梯维保单位质量专项检查。</p>")
    assert page.live
    during = page_count(backend)

    finish(control(command, "start-node", node))
    health = wait_green(backend, nodes)
    after = page_count(backend)
    print(
        f"\ncluster publish test: node {node} down during the publish; documents before "
        f"{before}, while down {during}, after it rejoined {after}; status {health['status']}"
    )
    assert during == after == before + 1
    for word in NEW_WORDS:
        assert NEW_TITLE in titles(word)
