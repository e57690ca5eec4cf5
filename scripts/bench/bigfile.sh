#!/usr/bin/env bash
# Imports a 1 GB unified image with a 64 MiB heap: memory stays bounded whatever the file size.
source "$(dirname "$0")/common.sh"
big="$bench/big-1g.tar"
if [[ ! -f "$big" ]]; then
    dir="$(mktemp -d)"
    mkdir -p "$dir/rootfs"
    printf 'architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  description: one gigabyte\n' > "$dir/metadata.yaml"
    head -c 1000000000 /dev/urandom > "$dir/rootfs/blob"
    tar -C "$dir" -cf "$big" metadata.yaml rootfs
    rm -rf "$dir"
fi
ls -l "$big"
store="$bench/bigfile-store"
rm -rf "$store"
IMGSH_JAVA_OPTS="-Xmx64m" /usr/bin/time -f "wall %e s, max RSS %M KB" \
    "$root/scripts/imgsh" --home "$store" image import "$big"
rm -rf "$store"
