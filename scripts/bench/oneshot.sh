#!/usr/bin/env bash
# One-shot commands beside `lxc` 5.0.2, each pair in one hyperfine run so both share the machine's load of the moment:
#  1. `image list` of 1,000 images (the stores serve.sh fills, one per side);
#  2. `image import` of a real Debian image (debootstrap minbase bookworm, unified, xz) into an empty store vs
#     `lxc image import` (deleted again before each run);
#  3. 500 `image alias create` lines in one imgsh script vs 500 `lxc image alias create` calls.
# LXD runs as serve.sh's second daemon (127.0.0.1:8445, /tmp/lxdbench), so the shared peer is not filled with
# benchmark images; run serve.sh once first to fill both sides. Needs root and debootstrap for the Debian image.
source "$(dirname "$0")/common.sh"
peer="$root/../shared/peers/lxd-peer.sh"
export LXD_PEER_DIR=/tmp/lxdbench LXD_PEER_CONF=/tmp/lxdbench-client LXD_PEER_ADDR=127.0.0.1:8445
bash "$peer" start >/dev/null
export LXD_DIR="$LXD_PEER_DIR" LXD_CONF="$LXD_PEER_CONF"
imgsh="$root/scripts/imgsh"
listed="$bench/serve-store"
[[ -f "$listed/imgsh.db" ]] || { echo "run scripts/bench/serve.sh once first: it fills both stores" >&2; exit 1; }
debian="$(debian_image)"
$imgsh --version >/dev/null # the start-up cache is trained before timing

echo "== image list, $("$imgsh" --home "$listed" image list -f csv | wc -l) images here," \
    "$(lxc image list local: -f csv | wc -l) in LXD"
hyperfine -N -w 2 -r 10 -n imgsh "$imgsh --home $listed image list" -n lxc "lxc image list local:"

echo "== image import of $(du -m "$debian" | cut -f1) MiB ($debian)"
fp="$(sha256sum "$debian" | cut -c1-64)"
store="$bench/oneshot-store"
hyperfine -w 1 -r 10 \
    --prepare "rm -rf $store" -n imgsh "$imgsh --home $store image import $debian" \
    --prepare "lxc image delete local:$fp >/dev/null 2>&1 || true" -n lxc "lxc image import $debian local:"

echo "== 500 alias creations: one imgsh script vs 500 lxc calls"
for i in $(seq 1 500); do echo "image alias create oneshot-$i ${fp:0:12}"; done > "$bench/aliases-500.lxs"
for i in $(seq 1 500); do echo "image alias delete oneshot-$i"; done > "$bench/aliases-500.undo"
loop="for i in \$(seq 1 500); do lxc image alias create local:oneshot-\$i $fp >/dev/null; done"
unloop="for i in \$(seq 1 500); do lxc image alias delete local:oneshot-\$i >/dev/null 2>&1; done; true"
hyperfine -w 1 -r 5 \
    --prepare "$imgsh --home $store --keep-going -f $bench/aliases-500.undo >/dev/null 2>&1 || true" \
    -n imgsh "$imgsh --home $store -f $bench/aliases-500.lxs" \
    --prepare "$unloop" -n lxc "$loop"
bash -c "$unloop"
lxc image delete "local:$fp" >/dev/null 2>&1 || true
