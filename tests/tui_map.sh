#!/bin/sh
# tui_map.sh: the interface opened with --map (tmux) on the synthetic
# Spotify Web API style file: it loads, the ledger shows the unknown keys,
# Browse tags them, one epoch trains; a --map naming an absent column ends
# with the message and status 1. Then the file of twelve genres of its own:
# the Balance pane scrolls its genres, the Confusion pane is 12x12 with the
# file's names; a model of other genres is refused. Prints TAP; skips
# without tmux.
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
# a session that outlives the others: killing the last one would end the
# server, and a new session started at that moment fails
tm new-session -d -s keep "sleep 3600"
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
# start ARGS [FILE [WIDTH HEIGHT]]
start() {
	tm kill-session -t gt 2>/dev/null
	tm new-session -d -s gt -x "${3:-120}" -y "${4:-40}" \
		"env LANG=C.UTF-8 TERM=xterm-256color sh -c '$GENRETUI --epochs 1 $1 ${2:-$API}; echo EXIT=\$?; sleep 60'"
}
OWN=${GT_TESTDATA:-tests/data}/spotify_api_own_genres.csv

echo "1..16"
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

# Twelve genres of its own, on 80x24: the genres scroll, the matrix is 12x12.
start "--map $MAP --lr 0.01" "$OWN" 80 24
expect "the file of its own genres loads" "240 rows read  |  240 kept" 20
keys 2
expect "Balance shows as many genres as fit and says how to see the rest" "(j/k scroll)"
keys j j j j j j
expect "j scrolls to the last genres" "techno"
keys 3
keys t
expect "it trains with twelve outputs" "done after 1 epochs" 30
keys 4
expect "the Confusion pane heads its columns with the file's genres" "ambi blue boss disc"
keys l l l l l l l l l l l
expect "the matrix scrolls to the twelfth column" "true ambient, predicted techno"
keys q
expect "q exits with status 0" "EXIT=0"
# A model of the study's genres on this file is refused before the screen opens.
"${GENRETUI}" --batch --epochs 1 --save-model "${TMPDIR:-/tmp}/gt-map-$$.gtm" \
	"${GT_SAMPLE_CSV:-data/synthetic_sample.csv}" >/dev/null 2>&1
start "--map $MAP --model ${TMPDIR:-/tmp}/gt-map-$$.gtm" "$OWN"
expect "a model of other genres is refused" "not the same genres" 10
rm -f "${TMPDIR:-/tmp}/gt-map-$$.gtm"
exit 0
