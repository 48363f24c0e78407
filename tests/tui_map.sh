#!/bin/sh
# tui_map.sh: the interface opened with --map (tmux) on the synthetic
# Spotify Web API style file: it loads, the ledger shows the unknown keys,
# Browse tags them, one epoch trains; a --map naming an absent column ends
# with the message and status 1. Prints TAP; skips without tmux.
GENRETUI=${GENRETUI:-./genretui}
API=${GT_TESTDATA:-tests/data}/spotify_api_synthetic.csv
MAP=music_genre=track_genre,artist_name=artists,duration_ms=duration,instance_id=track_id

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
sock="gt-map-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; tm capture-pane -p -t gt 2>/dev/null | sed 's/^/# /'; }
screen() { tm capture-pane -p -J -t gt; }   # -J: wrapped lines joined
wait_for() {
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
expect() { if wait_for "$2" "${3:-5}"; then ok "$1"; else not_ok "$1"; fi; }
keys() { tm send-keys -t gt "$@"; sleep 0.2; }
start() {
	tm kill-session -t gt 2>/dev/null
	tm new-session -d -s gt -x 120 -y 40 \
		"env LANG=C.UTF-8 TERM=xterm-256color sh -c '$GENRETUI --epochs 1 $1 $API; echo EXIT=\$?; sleep 60'"
}

echo "1..8"
start "--map $MAP"
expect "the interface reads the file through --map" "300 rows read  |  297 kept" 20
keys 2
expect "the Balance ledger counts the unknown keys" "unknown key (-1)"
expect "and so do the notes beside it" "key -1"
keys 1
keys f f
expect "Browse tags a dropped row ?key" "?key"
keys 3
keys t
expect "one epoch trains" "done after 1 epochs" 30
keys q
expect "q exits with status 0" "EXIT=0"
start "--map music_genre=genre,duration_ms=duration"
expect "an absent mapped column ends the program with its name" \
	"music_genre (mapped to 'genre', which the header lacks)" 10
expect "... and status 1" "EXIT=1"
exit 0
