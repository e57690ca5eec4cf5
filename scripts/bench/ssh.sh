#!/usr/bin/env bash
# The SSH console of `imgsh serve` with the real OpenSSH client, over loopback:
#  1. time from `ssh` to the output of a one-shot command (`--version`, `image list`) and to the prompt (a pty,
#     the prompt drawn, `exit` typed);
#  2. memory per idle session: the daemon's live heap and RSS with 20 idle prompts open, against none;
#  3. 20 concurrent exec sessions of `image list`: every one must succeed (hyperfine stops on a failure).
# Needs ssh, ssh-keygen, jcmd (the JDK's) and hyperfine.
source "$(dirname "$0")/common.sh"
store="$bench/ssh-store"
keys="$bench/ssh-keys"
rm -rf "$store" "$keys"
cp -r "$(small_store)" "$store"
mkdir -p "$keys"
ssh-keygen -q -t ed25519 -N '' -f "$keys/admin"
install -m 600 "$keys/admin.pub" "$keys/authorized_keys"
imgsh() { "$root/scripts/imgsh" --home "$store" "$@"; }
imgsh config set core.ssh_address 127.0.0.1:0
imgsh config set core.ssh_authorized_keys "$keys/authorized_keys"
imgsh config set core.ssh_max_sessions 50

imgsh serve > "$bench/ssh-serve.out" 2> "$bench/ssh-serve.err" &
server=$!
idle=()
cleanup() {
    for pid in "${idle[@]}"; do kill "$pid" 2>/dev/null || true; done
    kill $server 2>/dev/null
    wait $server 2>/dev/null || true
}
trap cleanup EXIT
until grep -q "Serving the SSH console" "$bench/ssh-serve.out"; do
    kill -0 $server 2>/dev/null || { cat "$bench/ssh-serve.err" >&2; exit 1; }
    sleep 0.2
done
port="$(grep -o '127.0.0.1:[0-9]*' "$bench/ssh-serve.out" | cut -d: -f2)"
ssh=(ssh -F /dev/null -o UserKnownHostsFile="$keys/known_hosts" -o StrictHostKeyChecking=accept-new
     -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR -i "$keys/admin" -p "$port")
s="${ssh[*]}"
"${ssh[@]}" -- admin@127.0.0.1 --version >/dev/null # records the host key

echo "== from ssh to the output of a one-shot command, and to the prompt and out again"
hyperfine -N -w 3 -r 20 -n "ssh host --version" "$s -- admin@127.0.0.1 --version" \
    -n "ssh host image list" "$s admin@127.0.0.1 image list" \
    -n "ssh -tt host (prompt, exit)" "bash -c \"printf 'exit\\\\n' | TERM=xterm $s -tt admin@127.0.0.1\""

jvm="$(pgrep -P $server || echo $server)" # the launcher's java
jcmd="$(dirname "$(readlink -f /proc/$jvm/exe)")/jcmd" # of the daemon's own JDK
heap() { # the live heap after a full GC, in KiB
    "$jcmd" $jvm GC.run >/dev/null
    "$jcmd" $jvm GC.heap_info | grep -oE 'total [0-9]+K, used [0-9]+K' | grep -oE 'used [0-9]+' \
        | grep -oE '[0-9]+' | paste -sd+ | bc
}
heap0="$(heap)" rss0="$(ps -o rss= -p $jvm)"
logins0="$(grep -c 'SSH login' "$bench/ssh-serve.err" || true)"
mkfifo "$keys/idle"
exec 3<>"$keys/idle" # held open: the idle prompts wait for input that never comes
for i in $(seq 20); do
    TERM=xterm "${ssh[@]}" -tt admin@127.0.0.1 < "$keys/idle" >/dev/null 2>&1 &
    idle+=($!)
done
until (( $(grep -c 'SSH login' "$bench/ssh-serve.err") >= logins0 + 20 )); do sleep 0.2; done
sleep 2 # each prompt drawn
heap1="$(heap)" rss1="$(ps -o rss= -p $jvm)"
echo "== 20 idle prompts: live heap $heap0 -> $heap1 KiB ($(( (heap1 - heap0) / 20 )) KiB each)," \
    "RSS $rss0 -> $rss1 KiB ($(( (rss1 - rss0) / 20 )) KiB each)"
kill "${idle[@]}"
idle=()

echo "== 20 concurrent exec sessions of image list (all must succeed)"
hyperfine -w 1 -r 10 -n "20 x ssh host image list" \
    "seq 20 | xargs -P20 -I{} $s admin@127.0.0.1 image list --format csv >/dev/null"
