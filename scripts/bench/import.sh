#!/usr/bin/env bash
# Import of the ~102 MiB reference image: openssl's SHA-256 of the file (the floor), imgsh in-process,
# one-shot scripts/imgsh, and lxc image import when an LXD peer runs (../shared/peers/lxd-peer.sh start).
source "$(dirname "$0")/common.sh"
big="$(fixtures big)/big-unified.tar.xz"
ls -l "$big"

echo "== openssl dgst -sha256 (hashing floor)"
hyperfine -N -w 2 -r 10 "openssl dgst -sha256 $big"

echo "== in-process import (Engine API, warm JVM)"
java -cp "$classpath" "$root/scripts/bench/ImportBench.java" "$big" 11

echo "== one-shot scripts/imgsh image import"
store="$bench/import-store"
hyperfine -w 1 -r 10 --prepare "rm -rf $store" "$root/scripts/imgsh --home $store image import $big"

if command -v lxc >/dev/null && LXD_DIR=/tmp/lxdpeer lxc info >/dev/null 2>&1; then
    echo "== lxc image import (LXD 5.0.2 peer)"
    export LXD_DIR=/tmp/lxdpeer LXD_CONF=/tmp/lxdpeer-client
    fp="$(sha256sum "$big" | cut -c1-64)"
    hyperfine -w 1 -r 5 --prepare "lxc image delete $fp >/dev/null 2>&1 || true" "lxc image import $big"
else
    echo "== lxc image import: no LXD peer running (reference: 0.43 s, ../shared/reference/lxd-5.0.2-observed.md §7)"
fi
