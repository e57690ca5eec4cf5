#!/usr/bin/env bash
# One-shot start-up: `image list` on a small store (2 images), `--version` and `help`, through the launcher as a user
# runs it (with a JDK 25+: its AOT cache) beside the launcher held to the java on PATH without a JDK 25 (Java 17: the
# CDS archive), in one hyperfine run; then `lxc` on the same machine when the LXD peer runs
# (../shared/peers/lxd-peer.sh start).
source "$(dirname "$0")/common.sh"
small="$(small_store)"
imgsh="$root/scripts/imgsh"
# the launcher with no JDK 25 to find: JAVA_HOME unset, nothing under IMGSH_JDKS, so the java on PATH
fallback="env -u JAVA_HOME -u IMGSH_JAVA IMGSH_JDKS=/nonexistent $imgsh"
# each start-up cache is trained once, before timing
$imgsh --version >/dev/null
$fallback --version >/dev/null
echo "== launcher: $(bash -x "$imgsh" --version 2>&1 >/dev/null | sed -n 's/^+ exec \([^ ]*\) .*/\1/p')" \
    "vs fallback: $(command -v java) ($(java -version 2>&1 | head -1))"

# one hyperfine run per pair, so that each A/B pair shares the machine's load of the moment
for args in "--home $small image list" "--version" "help"; do
    hyperfine -N -w 3 -r 30 "$imgsh $args" "$fallback $args"
done

if command -v lxc >/dev/null && LXD_DIR=/tmp/lxdpeer LXD_CONF=/tmp/lxdpeer-client lxc info >/dev/null 2>&1; then
    export LXD_DIR=/tmp/lxdpeer LXD_CONF=/tmp/lxdpeer-client
    echo "== lxc (LXD 5.0.2 peer, $(lxc image list local: --format csv | wc -l) images)"
    hyperfine -N -w 3 -r 30 "lxc image list local:" "lxc --version" "lxc help"
else
    echo "== lxc: no LXD peer running (../shared/peers/lxd-peer.sh start); imgsh measured alone"
fi
