#!/usr/bin/env bash
# Copying the ~102 MiB reference image from the real LXD 5.0.2 peer over loopback: curl of the export (the floor),
# imgsh one-shot and in one session, and `lxc image copy` between two LXD daemons when a second peer runs
# (LXD_PEER_DIR=/tmp/lxdpeer2 LXD_PEER_ADDR=127.0.0.1:8444 ../shared/peers/lxd-peer.sh start).
source "$(dirname "$0")/common.sh"
big="$(fixtures big)/big-unified.tar.xz"
fp="$(sha256sum "$big" | cut -c1-64)"
export LXD_DIR=/tmp/lxdpeer LXD_CONF=/tmp/lxdpeer-client
lxc info >/dev/null 2>&1 || { echo "no LXD peer: run ../shared/peers/lxd-peer.sh start" >&2; exit 1; }
lxc image info "$fp" >/dev/null 2>&1 || lxc image import "$big" >/dev/null
# import.sh times `lxc image import` of the same file, which leaves it private and without this alias
lxc image show "$fp" | sed 's/^public: false$/public: true/' | lxc image edit "$fp"
lxc image alias create bench-big "$fp" >/dev/null 2>&1 || true

echo "== curl of the export, to /dev/null and to a file"
hyperfine -N -w 2 -r 10 "curl -sk -o /dev/null https://127.0.0.1:8443/1.0/images/$fp/export" \
    "curl -sk -o $bench/curl-export https://127.0.0.1:8443/1.0/images/$fp/export"
rm -f "$bench/curl-export"

store="$bench/copy-store"
export XDG_CONFIG_HOME="$bench/copy-config"
rm -rf "$store" "$XDG_CONFIG_HOME"
"$root/scripts/imgsh" --home "$store" remote add peer https://127.0.0.1:8443 --accept-certificate --public >/dev/null
echo "== one-shot scripts/imgsh image copy"
hyperfine -w 1 -r 6 --prepare "$root/scripts/imgsh --home $store image delete $fp >/dev/null 2>&1 || true" \
    "$root/scripts/imgsh --home $store image copy peer:bench-big local:"
echo "== in one session (prompt or script)"
java -XX:+UseSerialGC -cp "$classpath" "$root/scripts/bench/CopyBench.java" "$store" peer:bench-big "$fp" 7

if LXD_DIR=/tmp/lxdpeer2 lxc info >/dev/null 2>&1; then
    echo "== lxc image copy between two LXD daemons"
    export LXD_DIR=/tmp/lxdpeer2 LXD_CONF="$bench/lxc-client2"
    lxc remote add src https://127.0.0.1:8443 --public --accept-certificate >/dev/null 2>&1 || true
    hyperfine -w 1 -r 6 --prepare "lxc image delete local:$fp >/dev/null 2>&1 || true" "lxc image copy src:bench-big local:"
fi
