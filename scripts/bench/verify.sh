#!/usr/bin/env bash
# `image verify` of a store of N images (M MB of random data each) against `sha256sum` of the same files: both
# read every byte once and hash it with SHA-256, one file after another, from a warm page cache.
# Usage: scripts/bench/verify.sh [N=4] [M=256]
source "$(dirname "$0")/common.sh"
n="${1:-4}"
mb="${2:-256}"
store="$bench/verify-store-$n-$mb"
if [[ ! -d "$store" ]]; then
    work="$(mktemp -d)"
    for i in $(seq 1 "$n"); do
        mkdir -p "$work/img/rootfs"
        printf 'architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  description: verify bench %s\n' \
            "$i" > "$work/img/metadata.yaml"
        head -c "$((mb * 1000000))" /dev/urandom > "$work/img/rootfs/blob"
        tar -C "$work/img" -cf "$work/image.tar" metadata.yaml rootfs
        "$root/scripts/imgsh" --home "$store" image import "$work/image.tar" >/dev/null
        rm -rf "$work/img" "$work/image.tar"
    done
    rm -rf "$work"
fi
bytes="$(find "$store/images" -type f -printf '%s\n' | awk '{s += $1} END {print s}')"
echo "store: $n images, $((bytes / 1000000)) MB"
json="$bench/verify.json"
hyperfine -w 1 -r 3 --export-json "$json" \
    -n "imgsh image verify" "$root/scripts/imgsh --home $store image verify" \
    -n "sha256sum" "sha256sum $store/images/*"
jq -r --argjson bytes "$bytes" \
    '.results[] | "\(.command): \(.mean * 1000 | round) ms, \($bytes / .mean / 1000000 | round) MB/s"' "$json"
