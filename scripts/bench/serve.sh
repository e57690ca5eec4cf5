#!/usr/bin/env bash
# `imgsh serve` beside LXD 5.0.2, both serving over loopback on this machine:
#  1. export of the same ~100 MB image, 1 client and 16 concurrent clients (curl), and each server's RSS after
#     (IMGSH_JAVA_OPTS=-Xmx6g lifts the launcher's heap bound of imgsh serve, to compare);
#  2. GET /1.0/images?recursion=1 with 1,000 public images, 16 connections for 10 s (wrk);
#  3. upload of the same image by the real client: `lxc image import FILE ours:` vs `… local:` (each run deletes it
#     first, so the image is back on both servers at the end).
# LXD runs as a second daemon of its own for this (127.0.0.1:8445, /tmp/lxdbench), so the shared peer is not filled
# with benchmark images. Needs curl, wrk (apt-get install wrk) and lxd (../shared/peers/lxd-peer.sh install).
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
peer="$root/../shared/peers/lxd-peer.sh"
export LXD_PEER_DIR=/tmp/lxdbench LXD_PEER_CONF=/tmp/lxdbench-client LXD_PEER_ADDR=127.0.0.1:8445
bash "$peer" start >/dev/null
export LXD_DIR="$LXD_PEER_DIR" LXD_CONF="$LXD_PEER_CONF"
port=18443
big="$(fixtures big)/big-unified.tar.xz"
fp="$(sha256sum "$big" | cut -c1-64)"

# 1,000 public images in an imgsh store, and the same files in LXD (imported once; kept for the next run)
store="$bench/serve-store"
if [[ ! -f "$store/imgsh.db" ]]; then
    echo "populating 1,000 images..."
    java -cp "$classpath" "$root/scripts/bench/PopulateStore.java" "$store" 1000 public
    "$root/scripts/imgsh" --home "$store" image import "$big" --alias big --public >/dev/null
fi
if ! lxc image list local: -c F -f csv | grep -q "$fp"; then
    echo "importing the same images into LXD (a few minutes, once)..."
    for f in "$store"/images/*; do
        [[ "$(basename "$f")" == "$fp" ]] && continue
        lxc image import "$f" local: --public >/dev/null
    done
    lxc image import "$big" local: --public --alias big >/dev/null
fi

"$root/scripts/imgsh" --home "$store" serve --listen "127.0.0.1:$port" > "$bench/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
until grep -q "Serving images" "$bench/serve.log"; do
    kill -0 $server 2>/dev/null || { cat "$bench/serve.log" >&2; exit 1; }
    sleep 0.2
done
ours="https://127.0.0.1:$port" lxd="https://$LXD_PEER_ADDR"

echo "== export of $(du -m "$big" | cut -f1) MB, one client"
hyperfine -N -w 2 -r 10 -n imgsh "curl -sk -o /dev/null $ours/1.0/images/$fp/export" \
    -n lxd "curl -sk -o /dev/null $lxd/1.0/images/$fp/export"
echo "== export, 16 clients at once"
hyperfine -w 1 -r 5 -n imgsh "seq 16 | xargs -P16 -I{} curl -sk -o /dev/null $ours/1.0/images/$fp/export" \
    -n lxd "seq 16 | xargs -P16 -I{} curl -sk -o /dev/null $lxd/1.0/images/$fp/export"
echo "RSS after: imgsh serve $(ps -o rss= -p $server) KiB, lxd $(ps -o rss= -p "$(cat "$LXD_PEER_DIR/lxd.pid")") KiB"

echo "== GET /1.0/images?recursion=1, 1,000 images, 16 connections, 10 s"
for name in imgsh lxd; do
    url="$ours"; [[ $name == lxd ]] && url="$lxd"
    echo "-- $name"
    wrk -t 2 -c 16 -d 10s "$url/1.0/images?recursion=1" | grep -E 'Requests/sec|Latency|Non-2xx'
done
echo "RSS after: imgsh serve $(ps -o rss= -p $server) KiB, lxd $(ps -o rss= -p "$(cat "$LXD_PEER_DIR/lxd.pid")") KiB"

echo "== upload of $(du -m "$big" | cut -f1) MB by lxc image import"
lxc remote add ours "$ours" --accept-certificate >/dev/null 2>&1 || true # untrusted: it makes the client certificate
"$root/scripts/imgsh" --home "$store" config trust add "$LXD_CONF/client.crt" --name bench >/dev/null 2>&1 || true
lxc remote remove ours >/dev/null 2>&1 || true
lxc remote add ours "$ours" --accept-certificate >/dev/null
hyperfine -N -w 1 -r 5 \
    --prepare "lxc image delete ours:$fp" -n imgsh "lxc image import $big ours: --public --alias big" \
    --prepare "lxc image delete local:$fp" -n lxd "lxc image import $big local: --public --alias big"
echo "RSS after: imgsh serve $(ps -o rss= -p $server) KiB, lxd $(ps -o rss= -p "$(cat "$LXD_PEER_DIR/lxd.pid")") KiB"
