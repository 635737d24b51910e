#!/usr/bin/env bash
# Fault test on separate network stacks, as at a venue: the facilitator's
# headless host in this network namespace, each team laptop (firebreak join
# --script) in a namespace of its own, joined by a veth pair. Mid-exercise
# Alpha's link goes down for 10 seconds and comes back — a laptop walking out
# of Wi-Fi range: no FIN, no RST, packets just stop — so the laptop has to
# notice by itself, reconnect and catch up, and its choice made meanwhile must
# count once. Both laptops must exit 0 with the decisions and endings of a
# headless play of the same script.
#
#   bash scripts/netns-fault.sh [./firebreak]      (needs root and iproute2)
set -euo pipefail
bin=$(realpath "${1:-./firebreak}")
here=$(cd "$(dirname "$0")/.." && pwd)
scenario=$here/internal/engine/testdata/mini.yaml
work=$(mktemp -d)
port=4499
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for t in alpha bravo; do
    ip netns del "fb-$t" 2>/dev/null || true
    ip link del "fb-$t-h" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/script.yaml" <<'EOF'
teams: [Alpha, Bravo]
actions:
  - {at: 6m, team: Alpha, decide: first, choose: good}
  - {at: 11m, team: Bravo, decide: first, choose: bad}
  - {at: 13m, team: Alpha, decide: first, choose: bad}
  - {at: 16m, team: Bravo, decide: second, choose: apologise}
EOF

# Two laptops, each on its own link to the facilitator's laptop.
n=1
for t in alpha bravo; do
  ip netns add "fb-$t"
  ip link add "fb-$t-h" type veth peer name "fb-$t-l"
  ip link set "fb-$t-l" netns "fb-$t"
  ip addr add "10.214.$n.1/24" dev "fb-$t-h"
  ip link set "fb-$t-h" up
  ip netns exec "fb-$t" ip addr add "10.214.$n.2/24" dev "fb-$t-l"
  ip netns exec "fb-$t" ip link set "fb-$t-l" up
  ip netns exec "fb-$t" ip link set lo up
  n=$((n + 1))
done

# The reference: the same script played headless on one machine.
"$bin" play "$scenario" --script "$work/script.yaml" --db "$work/play.db" --out "$work/play" --speed max >/dev/null

# The facilitator's laptop, at 15×: the exercise lasts about 75 seconds.
"$bin" host "$scenario" --teams Alpha,Bravo --listen "0.0.0.0:$port" --db "$work/host.db" --out "$work/host" \
  --speed 15 >"$work/host.out" 2>"$work/host.err" &
pids+=($!)
host=${pids[0]}
for _ in $(seq 100); do grep -q '"join_code"' "$work/host.out" 2>/dev/null && break; sleep 0.1; done
code=$(grep -o '"join_code":"[^"]*"' "$work/host.out" | cut -d'"' -f4)
[ -n "$code" ] || { echo "netns fault: the host printed no join code"; cat "$work/host.err"; exit 1; }
echo "netns fault: host up, join code $code"

ip netns exec fb-alpha "$bin" join "10.214.1.1:$port" --code "$code" --team Alpha --script "$work/script.yaml" \
  >"$work/alpha.out" 2>"$work/alpha.err" &
alpha=$!; pids+=($alpha)
ip netns exec fb-bravo "$bin" join "10.214.2.1:$port" --code "$code" --team Bravo --script "$work/script.yaml" \
  >"$work/bravo.out" 2>"$work/bravo.err" &
bravo=$!; pids+=($bravo)

# Once the clock runs (every team in), Alpha's link drops from about 5.5 to
# 8 minutes of exercise time: decision "first" is open (5 to 10 minutes) and
# Alpha's choice at 6 minutes is made while cut off. (Cut off past the
# deadline, the choice would be refused, with the reason, when it arrives.)
for _ in $(seq 100); do grep -q '"type":"inject"' "$work/alpha.out" 2>/dev/null && break; sleep 0.1; done
sleep 22
ip link set fb-alpha-h down
echo "netns fault: Alpha's link down"
sleep 10
ip link set fb-alpha-h up
echo "netns fault: Alpha's link up"

status=0
for p in $alpha $bravo $host; do
  if ! timeout 90 tail --pid="$p" -f /dev/null; then echo "netns fault: process $p did not finish"; status=1; fi
done
for p in alpha bravo; do
  wait "${!p}" || { echo "netns fault: $p exited $?"; cat "$work/$p.err"; status=1; }
done
wait "$host" || { echo "netns fault: the host exited $?"; cat "$work/host.err"; status=1; }
[ $status -eq 0 ] || exit 1

# Same decisions and endings as the headless play.
facts() { grep -o '"\(ending\|decision\|option\|timed_out\)":[^,}]*' "$1" | tr '\n' ' '; }
want=$(facts "$work/play/result.json")
got=$(facts "$work/host/result.json")
if [ "$want" != "$got" ]; then
  echo "netns fault: the result differs from play"
  echo "play: $want"; echo "host: $got"
  exit 1
fi
grep -q "disconnected from the host" "$work/alpha.err" || { echo "netns fault: Alpha never noticed the link drop"; cat "$work/alpha.err"; exit 1; }
echo "netns fault: Alpha dropped and caught up; both laptops finished; result equals play"
grep -h "disconnected\|reconnected" "$work/alpha.err" | head -4
grep -h '"type":"decision"' "$work/alpha.out" "$work/bravo.out"
