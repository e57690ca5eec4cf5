#!/usr/bin/env bash
# Time to the first prompt, as a newcomer sees it: a fresh clone of this repository, `scripts/imgsh` in tmux,
# the clock stopped when `imgsh local> ` shows. The first start builds with Maven (from its local repository, after
# a first download) and trains the start-up cache; the next starts only start. Needs tmux and git.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v tmux >/dev/null || { echo "tmux is needed: apt-get install tmux" >&2; exit 1; }
work="$(mktemp -d)"
trap 'tmux kill-session -t imgsh-first-start 2>/dev/null || true; rm -rf "$work"' EXIT
git clone -q "$root" "$work/imgsh"

# Seconds from starting the launcher in a terminal until the prompt shows.
to_prompt() {
    local start end
    start=$(date +%s.%N)
    tmux new-session -d -s imgsh-first-start -x 120 -y 30 \
        "env IMGSH_HOME=$work/store XDG_STATE_HOME=$work/state $work/imgsh/scripts/imgsh"
    until tmux capture-pane -p -t imgsh-first-start | grep -q 'imgsh local>'; do
        sleep 0.02
    done
    end=$(date +%s.%N)
    tmux send-keys -t imgsh-first-start 'exit' Enter
    while tmux has-session -t imgsh-first-start 2>/dev/null; do
        sleep 0.05
    done
    echo "$end - $start" | bc
}

printf 'first start (build + start-up cache): %.1f s\n' "$(to_prompt)"
for i in 1 2 3 4 5; do
    printf 'later start %d: %.2f s\n' "$i" "$(to_prompt)"
done
