#!/usr/bin/env bash
# Instances on LXC: `launch` of the ~100 MiB reference image already in the store (time until the container is
# running), and `publish` of that container with gzip and with xz, beside `tar | gzip` and `tar | xz -T2` of the same
# rootfs as the floor (LXD itself cannot run containers on this machine). The image is the big reference image with
# a static busybox as /sbin/init (apt-get install busybox-static), made once. Needs root and Debian's lxc package.
source "$(dirname "$0")/common.sh"
[[ -x /bin/busybox ]] || { echo "a static busybox is needed: apt-get install busybox-static" >&2; exit 1; }
command -v lxc-start >/dev/null || { echo "LXC is needed: apt-get install lxc" >&2; exit 1; }
imgsh="$root/scripts/imgsh"
image="$bench/launch-image.tar.xz"
if [[ ! -f "$image" ]]; then
    echo "making the bootable big image (once)..."
    work="$(mktemp -d)"
    tar -C "$work" -xJf "$(fixtures big)/big-unified.tar.xz"
    mkdir -p "$work/rootfs/bin" "$work/rootfs/sbin" "$work/rootfs/dev" "$work/rootfs/proc" "$work/rootfs/sys"
    cp /bin/busybox "$work/rootfs/bin/busybox"
    ln -sf /bin/busybox "$work/rootfs/sbin/init"
    ln -sf busybox "$work/rootfs/bin/sh"
    tar -C "$work" --numeric-owner --owner=0 --group=0 -cf - metadata.yaml templates rootfs | xz -T2 > "$image"
    rm -rf "$work"
fi
store="$bench/launch-store"
if [[ ! -f "$store/imgsh.db" ]]; then
    "$imgsh" --home "$store" image import "$image" --alias big >/dev/null
fi
chmod o+x "$root" "$bench" "$store"
run() { "$imgsh" --home "$store" "$@"; }
trap 'run delete --force b1 >/dev/null 2>&1 || true' EXIT
echo "image: $(du -m "$image" | cut -f1) MiB compressed, $(xz -lv "$image" | awk '/Uncompressed/ {print $3, $4; exit}') unpacked"

echo "== launch of the cached image until the container runs"
hyperfine -w 1 -r 5 -p "$imgsh --home $store delete --force b1 2>/dev/null || true" -n "imgsh launch" \
    "$imgsh --home $store launch big b1"
run exec b1 -- sh -c 'echo running as $(id -u) in $(hostname)'
run stop --force b1
rootfs="$store/instances/b1/rootfs"

echo "== publish of the stopped container"
hyperfine -w 0 -r 3 -p "$imgsh --home $store image delete pub-gz 2>/dev/null || true" -n "imgsh publish gzip" \
    "$imgsh --home $store publish b1 --alias pub-gz --compression gzip" \
    -n "tar | gzip (floor)" "tar -C $rootfs/.. --numeric-owner -cf - rootfs | gzip > /dev/null"
hyperfine -w 0 -r 1 -p "$imgsh --home $store image delete pub-xz 2>/dev/null || true" -n "imgsh publish xz" \
    "$imgsh --home $store publish b1 --alias pub-xz --compression xz" \
    -n "tar | xz -T2 (floor)" "tar -C $rootfs/.. --numeric-owner -cf - rootfs | xz -T2 > /dev/null"
