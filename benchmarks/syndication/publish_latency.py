"""How long a publish takes when a partner's webhook receiver answers, hangs or is down
(issue #13 item 1: publishing must never wait on a partner).

    python -m benchmarks.syndication.publish_latency [--publishes 30]

Builds a throwaway SQLite database (migrate, an organisation, a column), then for each case
registers one partner whose webhook URL is: none (no partner), a local socket that accepts and
never answers (hangs), a local port nobody listens on (down), a local server answering 200.
Each case publishes ``--publishes`` articles through the same code path as the admin
(``save_revision`` + publish with a confidentiality determination, in a real transaction, so
that the after-commit work runs) and prints p50/p95/max of the publish. Webhooks are sent by the
delivery worker (``manage.py deliver_webhooks --loop``), so the four columns should be equal
within noise; before the fix, a hanging receiver cost the HTTP timeout (10 s) per publish.
"""

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def hanging_socket():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held = []
    threading.Thread(
        target=lambda: [held.append(server.accept()) for _ in iter(int, 1)], daemon=True
    ).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}/hook"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answering_server():
    class Ok(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the stdlib's name
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/hook"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--publishes", type=int, default=30)
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp()) / "publish.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from disclosure.syndication.models import Partner
    from tests.factories import article, column, organisation

    organisation()
    notices = column(title="通知公告", slug="notices")
    cases = {
        "no partner": None,
        "receiver answers": answering_server(),
        "receiver hangs": hanging_socket(),
        "receiver down": f"http://127.0.0.1:{free_port()}/hook",
    }
    print(f"publish latency, {args.publishes} publishes per case (ms)")
    print(f"{'case':20} {'p50':>8} {'p95':>8} {'max':>8}")
    for name, url in cases.items():
        Partner.objects.all().delete()
        if url:
            Partner.objects.create(name=name, webhook_url=url)
        timings = []
        for n in range(args.publishes):
            started = time.perf_counter()
            article(notices, title=f"{name} {n}")
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{name:20} {percentile(timings, 50):8.1f} {percentile(timings, 95):8.1f} "
            f"{max(timings):8.1f}"
        )


if __name__ == "__main__":
    main()
