#!/usr/bin/env bash
# The discovery tests (internal/discovery) advertise and find exercises by
# multicast DNS for real, which needs one network interface that is up,
# carries multicast and has an IPv4 address — any laptop's Wi-Fi or
# Ethernet does. A bare CI container may have only loopback: then this adds
# a veth pair with a private address (needs root). It changes nothing on a
# machine that already has such an interface.
set -euo pipefail
has_multicast() {
  ip -o -4 addr show up 2>/dev/null | awk '{print $2}' | sort -u | while read -r ifc; do
    flags=$(ip -o link show dev "$ifc" 2>/dev/null)
    case "$flags" in *LOOPBACK*|*POINTOPOINT*) ;; *MULTICAST*) echo "$ifc"; break;; esac
  done
}
ifc=$(has_multicast)
if [ -n "$ifc" ]; then
  echo "multicast interface for the discovery tests: $ifc"
  exit 0
fi
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo ip link add fbmc0 type veth peer name fbmc1
$sudo ip addr add 10.213.0.1/24 dev fbmc0
$sudo ip link set fbmc0 up
$sudo ip link set fbmc1 up
echo "no multicast interface: added veth fbmc0 (10.213.0.1/24) for the discovery tests"
