#!/usr/bin/env bash
# Schemathesis against /api/openapi.json (issue #7): a throwaway SQLite database with the demo
# data and a partner API key, the app served with production settings (DEBUG=False), then
# property-based calls of every documented operation. Fails on any server error, any response
# that does not match the document, or fewer than MIN_CALLS generated calls.
#
#   bash .ci/schemathesis.sh            (from the repo root; about 3-5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PORT=${SCHEMATHESIS_PORT:-8765}
MIN_CALLS=${SCHEMATHESIS_MIN_CALLS:-1000}
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-110}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/schemathesis-XXXXXX")
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=cms.settings.production
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export SECRET_KEY="schemathesis-$(date +%s)-$RANDOM"
export ALLOWED_HOSTS=127.0.0.1 SECURE_COOKIES=0 SECURE_SSL_REDIRECT=0 MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export API_RATE_LIMIT_ANONYMOUS=0   # no limit: the run itself would be rate limited
export PYTHONWARNINGS=ignore
unset SEARCH_BACKEND SEARCH_URL CACHE_URL DEBUG

$PY manage.py migrate --no-input -v 0
$PY manage.py collectstatic --no-input -v 0   # production settings use the manifest storage
$PY manage.py load_demo --laws 30 >/dev/null
KEY=$($PY manage.py shell -c "
from disclosure.syndication.models import ApiKey, Partner
partner, _ = Partner.objects.get_or_create(name='schemathesis', defaults={'rate_limit': 1000000})
print(ApiKey.issue(partner, label='CI')[1])" | tail -n 1)
$PY manage.py syndication_sync >/dev/null

# runserver, with every unhandled exception's traceback in the log (DEBUG=False logs none).
$PY -c "
import sys, traceback
import django
django.setup()
from django.core.signals import got_request_exception
got_request_exception.connect(
    lambda sender, request=None, **kw: print('Traceback', request and request.get_full_path(),
                                             traceback.format_exc(), file=sys.stderr, flush=True),
    weak=False,
)
from django.core.management import call_command
call_command('runserver', '127.0.0.1:$PORT', use_reloader=False, skip_checks=True)
" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    if $PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/api/openapi.json', timeout=2)" 2>/dev/null; then break; fi
    sleep 1
done

# Issue #7's "done when": a partner replaying the feed of the demo data rebuilds the read API.
$PY -m disclosure.syndication.replay --url "http://127.0.0.1:$PORT" --key "$KEY"

# Not run: positive_data_acceptance (a schema-valid value can still be refused on its meaning:
# a column id that does not exist, a feed position beyond the end — a 400 by design).
EXCLUDED_CHECKS=${SCHEMATHESIS_EXCLUDED_CHECKS:-positive_data_acceptance}
set +e
.venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/openapi.json" \
    --checks all \
    --exclude-checks "$EXCLUDED_CHECKS" \
    --header "Authorization: Bearer $KEY" \
    --max-examples "$EXAMPLES" \
    --seed "${SCHEMATHESIS_SEED:-20261127}" \
    --workers 1 \
    --suppress-health-check all \
    --report ndjson --report-ndjson-path "$WORK/events.ndjson" \
    --warnings off
STATUS=$?
set -e
CALLS=$($PY - "$WORK/events.ndjson" <<'PY'
import json, sys
calls = 0
for line in open(sys.argv[1], encoding="utf-8"):
    calls += line.count('"response"')
print(calls)
PY
)
echo "schemathesis: ${CALLS} calls answered"
if grep -q "Traceback\|Internal Server Error" "$WORK/server.log"; then
    echo "server errors in the log:"; grep -B2 -A20 "Traceback" "$WORK/server.log" | head -80
    STATUS=1
fi
if [ "$CALLS" -lt "$MIN_CALLS" ]; then
    echo "fewer than $MIN_CALLS calls"; STATUS=1
fi
exit $STATUS
