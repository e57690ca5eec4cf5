#!/usr/bin/env bash
# One-shot listing: start-up on a small store, and 10,000 images (LXD needs ~1.2 ms per image).
source "$(dirname "$0")/common.sh"
small="$(small_store)"
large="$bench/store-10k"
if [[ ! -f "$large/imgsh.db" ]]; then
    echo "populating 10,000 images..."
    java -cp "$classpath" "$root/scripts/bench/PopulateStore.java" "$large" 10000
fi
hyperfine -N -w 3 -r 20 \
    "$root/scripts/imgsh --home $small image list" \
    "$root/scripts/imgsh --home $large image list" \
    "$root/scripts/imgsh --home $large image list --format json" \
    "$root/scripts/imgsh --home $large image list os=bench release=3.* aarch64"
