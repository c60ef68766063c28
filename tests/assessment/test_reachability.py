"""站点无法访问 (国办秘函〔2019〕19号): a week of probes of the home page; ≥ 5 % not open within 15 s
trips, ≥ 2 % warns, no probes is 未监测 — never passed."""

import datetime as dt
import http.server
import threading
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from disclosure.assessment import digest, indicators, reachability
from disclosure.assessment.models import ReachabilityProbe

pytestmark = pytest.mark.django_db


def probes(reachable, failed, days_ago=1):
    moment = timezone.now() - dt.timedelta(days=days_ago)
    for ok in [True] * reachable + [False] * failed:
        ReachabilityProbe.objects.create(
            checked_at=moment, url="https://example.gov.cn/", reachable=ok, status_code=200
        )


def indicator():
    return indicators._reachability("站点无法访问")


def test_without_probes_it_is_not_monitored_rather_than_passed():
    found = indicator()
    assert found.status == indicators.UNKNOWN and found.count is None
    assert "probe_site" in found.note


@pytest.mark.parametrize(
    "ok, failed, status",
    [
        (100, 0, indicators.PASSED),
        (99, 1, indicators.PASSED),  # 1 %
        (98, 2, indicators.WARNING),  # 2 %
        (96, 4, indicators.WARNING),  # 4 %
        (95, 5, indicators.TRIPPED),  # 5 %: 超过（含）5%
        (0, 1, indicators.TRIPPED),
    ],
)
def test_the_share_of_failed_probes_against_five_per_cent(ok, failed, status):
    probes(ok, failed)
    found = indicator()
    assert (found.status, found.count) == (status, failed)
    assert f"探测 {ok + failed} 次，{failed} 次" in found.note


def test_only_the_last_week_counts():
    probes(0, 10, days_ago=8)
    probes(100, 0, days_ago=6)
    assert indicator().status == indicators.PASSED


def test_the_digest_names_a_tripped_reachability_with_its_figures():
    probes(10, 10)
    text = digest.body()
    assert "网站不可访问" in text and "20 次，10 次15秒内未打开" in text
    assert "否决线 None" not in text


class _Handler(http.server.BaseHTTPRequestHandler):
    status = 200
    delay = 0

    def do_GET(self):
        time.sleep(self.delay)
        self.send_response(self.status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    _Handler.status, _Handler.delay = 200, 0


def test_a_probe_that_answers_is_reachable(server):
    url = f"http://127.0.0.1:{server.server_port}/"
    call_command("probe_site", url=url, stdout=open("/dev/null", "w"))
    found = ReachabilityProbe.objects.get()
    assert (found.reachable, found.status_code, found.url) == (True, 200, url)
    assert found.elapsed_ms is not None and found.error == ""


def test_an_error_status_a_timeout_and_a_closed_port_are_not_reachable(server):
    url = f"http://127.0.0.1:{server.server_port}/"
    _Handler.status = 503
    assert reachability.probe(url).reachable is False
    _Handler.status, _Handler.delay = 200, 0.5
    slow = reachability.probe(url, timeout=0.1)
    assert slow.reachable is False and "timed out" in slow.error
    server.shutdown()
    server.server_close()
    closed = reachability.probe(url, timeout=1)
    assert closed.reachable is False and closed.status_code is None and closed.error


def test_a_probe_is_a_record_never_changed():
    probes(1, 0)
    found = ReachabilityProbe.objects.get()
    with pytest.raises(RuntimeError):
        found.save()
    with pytest.raises(RuntimeError):
        found.delete()
