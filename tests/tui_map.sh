#!/bin/sh
# tui_map.sh: the interface opened with --map (tmux) on the synthetic
# Spotify Web API style file: it loads, the ledger shows the unknown keys,
# Browse tags them, one epoch trains; a --map naming an absent column ends
# with the message and status 1. Then the file of twelve genres of its own:
# the Balance pane scrolls its genres, the Confusion pane is 12x12 with the
# file's names; a model of other genres is refused. Prints TAP; skips
# without tmux.
. "$(dirname "$0")/tmux-lib.sh"
API=${GT_TESTDATA:-tests/data}/spotify_api_synthetic.csv
OWN=${GT_TESTDATA:-tests/data}/spotify_api_own_genres.csv
MAP=music_genre=track_genre,artist_name=artists,duration_ms=duration,instance_id=track_id
# wrapped lines joined: the ledger's notes can be long
screen() { tm capture-pane -p -J -t gt; }
# run ARGS [FILE [WIDTH HEIGHT]]: genretui with one epoch
run() {
	start "${3:-120}" "${4:-40}" "" "$GENRETUI --epochs 1 $1 ${2:-$API}"
}

echo "1..16"
run "--map $MAP"
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
keys q q
expect "q twice (it asks for the run not saved) exits with status 0" "EXIT=0"
run "--map music_genre=genre,duration_ms=duration"
expect "an absent mapped column ends the program with its name" \
	"music_genre (mapped to 'genre', which the header lacks)" 10
expect "... and status 1" "EXIT=1"

# Twelve genres of its own, on 80x24: the genres scroll, the matrix is 12x12.
run "--map $MAP --lr 0.01" "$OWN" 80 24
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
keys q q
expect "q twice exits with status 0" "EXIT=0"
# A model of the study's genres on this file is refused before the screen opens.
"${GENRETUI}" --batch --epochs 1 --save-model "${TMPDIR:-/tmp}/gt-map-$$.gtm" \
	"${GT_SAMPLE_CSV:-data/synthetic_sample.csv}" >/dev/null 2>&1
run "--map $MAP --model ${TMPDIR:-/tmp}/gt-map-$$.gtm" "$OWN"
expect "a model of other genres is refused" "not the same genres" 10
rm -f "${TMPDIR:-/tmp}/gt-map-$$.gtm"
exit 0
