#!/usr/bin/env bash
# A testnet of real hosts on one machine: N network namespaces on one bridge, each with its own
# address, one kadring peer in each, run from the built jar. Needs root and iproute2.
#
#   testnet.sh up N [--ipv6] [-- PEER-FLAGS...]   make N hosts and start a peer on each
#   testnet.sh down                              stop every peer, remove the hosts and the bridge
#   testnet.sh partition A B                     cut the hosts of A from those of B (lists: 1-4 or 1,3,5)
#   testnet.sh heal                              undo every partition
#   testnet.sh status [--json]                   each peer: process, phase, contacts, successor
#   testnet.sh kill LIST                         SIGKILL the peers of LIST (their data stays)
#   testnet.sh start LIST [-- PEER-FLAGS...]     start the peers of LIST again (after kill)
#   testnet.sh exec I COMMAND...                 run COMMAND on host I (e.g. the kadring CLI)
#   testnet.sh address I                         host I's address (and its peer's UDP port)
#
# Host i (1..N) is namespace kadring-i at 10.77.0.i/24 (fd77::i/64 with --ipv6), its peer on UDP
# port 7420 with its admin API on 127.0.0.1:7421 inside the host, its data directory, log and pid
# file under $KADRING_TESTNET_DIR (default /tmp/kadring-testnet). Peer 1 starts the network; the
# others bootstrap through peer 1 (and peer 2, once there is one), over IPv6 with --ipv6 (the
# peers then bind :: and speak both). A partition is a blackhole
# route on each side for each address of the other: datagrams are dropped where they are sent.
# The jar is $KADRING_JAR (default bootstrap/target/kadring.jar of this checkout).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${KADRING_TESTNET_DIR:-/tmp/kadring-testnet}"
jar="${KADRING_JAR:-$root/bootstrap/target/kadring.jar}"
bridge=kadring-br0
port=7420
admin=7421

die() { echo "testnet: $*" >&2; exit 2; }

ns() { echo "kadring-$1"; }
ipv4() { echo "10.77.0.$1"; }
ipv6() { echo "fd77::$1"; }
hosts() { cat "$dir/hosts" 2>/dev/null || echo 0; }
uses_ipv6() { [[ -f "$dir/ipv6" ]]; }

# 1-4,7 -> 1 2 3 4 7, each checked against the hosts there are
expand() {
    local list="$1" n out=() part a b i
    n="$(hosts)"
    IFS=',' read -ra parts <<<"$list"
    for part in "${parts[@]}"; do
        if [[ "$part" =~ ^([0-9]+)-([0-9]+)$ ]]; then
            a="${BASH_REMATCH[1]}" b="${BASH_REMATCH[2]}"
        elif [[ "$part" =~ ^[0-9]+$ ]]; then
            a="$part" b="$part"
        else
            die "bad host list '$list': expected numbers and ranges such as 1-4 or 1,3,5"
        fi
        for ((i = a; i <= b; i++)); do
            ((i >= 1 && i <= n)) || die "no host $i: the testnet has hosts 1..$n"
            out+=("$i")
        done
    done
    ((${#out[@]} > 0)) || die "empty host list '$list'"
    echo "${out[@]}"
}

need_root() {
    [[ "$(id -u)" == 0 ]] || die "needs root (network namespaces); run it with sudo"
    command -v ip >/dev/null || die "needs iproute2 (the ip command)"
}

bootstrap_of() {
    local i="$1" list=()
    ((i == 1)) && return 0
    if uses_ipv6; then
        list+=("[$(ipv6 1)]:$port")
        ((i > 2)) && list+=("[$(ipv6 2)]:$port")
    else
        list+=("$(ipv4 1):$port")
        ((i > 2)) && list+=("$(ipv4 2):$port")
    fi
    local IFS=,
    echo "--bootstrap=${list[*]}"
}

start_peer() {
    local i="$1"; shift
    local pidfile="$dir/peer-$i.pid"
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        die "peer $i runs already (pid $(cat "$pidfile"))"
    fi
    mkdir -p "$dir/peer-$i"
    local flags=()
    [[ -f "$dir/flags" ]] && mapfile -t flags <"$dir/flags"
    uses_ipv6 && flags=(--host :: "${flags[@]+"${flags[@]}"}") # both families; peers meet over IPv6
    # shellcheck disable=SC2046
    setsid ip netns exec "$(ns "$i")" java -Xms32m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" peer \
        --data-dir "$dir/peer-$i" --port "$port" $(bootstrap_of "$i") "${flags[@]}" "$@" \
        >>"$dir/peer-$i.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
}

up() {
    need_root
    [[ $# -ge 1 && "$1" =~ ^[0-9]+$ ]] || die "usage: testnet.sh up N [--ipv6] [-- PEER-FLAGS...]"
    local n="$1"; shift
    ((n >= 1 && n <= 200)) || die "N must be 1..200, got $n"
    local v6=0 flags=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --ipv6) v6=1; shift ;;
            --) shift; flags=("$@"); break ;;
            *) die "unknown option '$1' (expected --ipv6 or -- PEER-FLAGS...)" ;;
        esac
    done
    [[ -f "$jar" ]] || die "no jar at $jar: build it first (mvn -B -q package -DskipTests) or set KADRING_JAR"
    ip link show "$bridge" >/dev/null 2>&1 && die "a testnet is up already: testnet.sh down first"
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "$n" >"$dir/hosts"
    ((v6)) && touch "$dir/ipv6"
    printf '%s\n' "${flags[@]+"${flags[@]}"}" | sed '/^$/d' >"$dir/flags"
    ip link add "$bridge" type bridge
    ip link set "$bridge" up
    local i
    for ((i = 1; i <= n; i++)); do
        ip netns add "$(ns "$i")"
        ip link add "kadv$i" type veth peer name eth0 netns "$(ns "$i")"
        ip link set "kadv$i" master "$bridge" up
        ip -n "$(ns "$i")" link set lo up
        ip -n "$(ns "$i")" addr add "$(ipv4 "$i")/24" dev eth0
        if ((v6)); then
            ip -n "$(ns "$i")" addr add "$(ipv6 "$i")/64" dev eth0 nodad
        fi
        ip -n "$(ns "$i")" link set eth0 up
    done
    for ((i = 1; i <= n; i++)); do
        start_peer "$i"
        ((i == 1)) && sleep 0.5 # the first binds before the others ask it (they retry anyway)
    done
    echo "testnet: $n hosts up (10.77.0.1..$n$( ((v6)) && echo ", fd77::1..$n")), peers starting; logs in $dir"
}

stop_peers() {
    local pidfile pid
    for pidfile in "$dir"/peer-*.pid; do
        [[ -f "$pidfile" ]] || continue
        pid="$(cat "$pidfile")"
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pidfile in "$dir"/peer-*.pid; do
        [[ -f "$pidfile" ]] || continue
        pid="$(cat "$pidfile")"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

down() {
    need_root
    stop_peers
    local name
    for name in $(ip netns list | awk '{print $1}' | grep '^kadring-' || true); do
        ip netns pids "$name" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
        ip netns del "$name"
    done
    ip link del "$bridge" 2>/dev/null || true
    echo "testnet: down"
}

cut() {
    local from="$1" to="$2"
    ip -n "$(ns "$from")" route replace blackhole "$(ipv4 "$to")/32"
    if uses_ipv6; then ip -n "$(ns "$from")" -6 route replace blackhole "$(ipv6 "$to")/128"; fi
}

partition() {
    need_root
    [[ $# -eq 2 ]] || die "usage: testnet.sh partition A B (host lists such as 1-4 5-8)"
    local a b
    for a in $(expand "$1"); do
        for b in $(expand "$2"); do
            [[ "$a" == "$b" ]] && die "host $a is on both sides"
            cut "$a" "$b"
            cut "$b" "$a"
        done
    done
    echo "testnet: hosts $1 cut from hosts $2"
}

heal() {
    need_root
    local i n route
    n="$(hosts)"
    for ((i = 1; i <= n; i++)); do
        while read -r route; do
            [[ -n "$route" ]] && ip -n "$(ns "$i")" route del $route
        done < <(ip -n "$(ns "$i")" route show type blackhole | sed 's/^blackhole //')
        if uses_ipv6; then
            while read -r route; do
                [[ -n "$route" ]] && ip -n "$(ns "$i")" -6 route del blackhole $route
            done < <(ip -n "$(ns "$i")" -6 route show type blackhole | sed 's/^blackhole //' | awk '{print $1}')
        fi
    done
    echo "testnet: healed"
}

status() {
    need_root
    local json=0 i n pid alive answer
    [[ "${1:-}" == "--json" ]] && json=1
    n="$(hosts)"
    ((n > 0)) || die "no testnet is up"
    ((json)) && printf '['
    for ((i = 1; i <= n; i++)); do
        pid="$(cat "$dir/peer-$i.pid" 2>/dev/null || true)"
        alive=false
        [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && alive=true
        answer="$(ip netns exec "$(ns "$i")" curl -s -m 2 "http://127.0.0.1:$admin/status" 2>/dev/null || true)"
        [[ "$answer" == \{* ]] || answer=null
        if ((json)); then
            ((i > 1)) && printf ','
            printf '{"host":%d,"address":"%s:%d","running":%s,"status":%s}' "$i" "$(ipv4 "$i")" "$port" "$alive" "$answer"
        else
            printf 'host %d  %s:%d  %s  %s\n' "$i" "$(ipv4 "$i")" "$port" \
                "$($alive && echo running || echo stopped)" "$answer"
        fi
    done
    ((json)) && printf ']\n'
    return 0
}

kill_peers() {
    need_root
    [[ $# -eq 1 ]] || die "usage: testnet.sh kill LIST"
    local i pid
    for i in $(expand "$1"); do
        pid="$(cat "$dir/peer-$i.pid" 2>/dev/null || true)"
        [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
        rm -f "$dir/peer-$i.pid"
    done
    echo "testnet: killed $1"
}

start_peers() {
    need_root
    [[ $# -ge 1 ]] || die "usage: testnet.sh start LIST [-- PEER-FLAGS...]"
    local list="$1"; shift
    [[ "${1:-}" == "--" ]] && shift
    local i
    for i in $(expand "$list"); do start_peer "$i" "$@"; done
    echo "testnet: started $list"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
    up) up "$@" ;;
    down) down ;;
    partition) partition "$@" ;;
    heal) heal ;;
    status) status "$@" ;;
    kill) kill_peers "$@" ;;
    start) start_peers "$@" ;;
    exec)
        need_root
        [[ $# -ge 2 ]] || die "usage: testnet.sh exec I COMMAND..."
        i="$(expand "$1")"; shift
        exec ip netns exec "$(ns "$i")" "$@" ;;
    address)
        [[ $# -eq 1 ]] || die "usage: testnet.sh address I"
        echo "$(ipv4 "$(expand "$1")"):$port" ;;
    *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" ]] && exit 0; exit 2 ;;
esac
