#!/usr/bin/env bash
# A 1,000-line script of alias creations in one process (LXD: ~10 ms per `lxc image alias create`).
source "$(dirname "$0")/common.sh"
store="$bench/alias-store"
script="$bench/aliases.lxs"
rm -rf "$store"
fp="$("$root/scripts/imgsh" --home "$store" image import "$(fixtures)/unified-xz.tar.xz" | awk '{print $NF}')"
for i in $(seq 1 1000); do echo "image alias create a$i ${fp:0:12}"; done > "$script"
for i in $(seq 1 1000); do echo "image alias delete a$i"; done > "$script.undo"
hyperfine -w 1 -r 5 --prepare "$root/scripts/imgsh --home $store --keep-going -f $script.undo 2>/dev/null || true" \
    "$root/scripts/imgsh --home $store -f $script"
