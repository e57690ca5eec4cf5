#!/usr/bin/env bash
# Builds the class-data-sharing archive for scripts/imgsh: runs cds-training.lxs on tiny images made here, and
# archives every class that loaded. Usage: cds-train.sh JAVA JAR ARCHIVE [JVM OPTIONS...]
set -euo pipefail
java="$1" jar="$2" archive="$3"
shift 3
work="$(mktemp -d)"
trap 'rm -rf "$work" "$archive.$$"' EXIT

mkdir -p "$work/image/rootfs/etc"
printf 'architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  description: training\n  os: train\n' \
    > "$work/image/metadata.yaml"
echo train > "$work/image/rootfs/etc/hostname"
tar -C "$work/image" -czf "$work/unified.tar.gz" metadata.yaml rootfs
tar -C "$work/image" -cf "$work/meta.tar" metadata.yaml
tar -C "$work/image/rootfs" -cf "$work/rootfs.tar" .
if command -v xz >/dev/null; then
    xz -k "$work/meta.tar" && mv "$work/meta.tar.xz" "$work/meta.tar"
fi

"$java" -XX:ArchiveClassesAtExit="$archive.$$" "$@" -jar "$jar" --home "$work/store" \
    -f "$(dirname "$0")/cds-training.lxs" -D "IMAGES=$work" >/dev/null
mv "$archive.$$" "$archive"
