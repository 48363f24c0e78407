#!/bin/sh
# tui_heatmap.sh: the Confusion pane's heat map (tmux) on the SYNTHETIC
# Spotify tracks table of 114 genres (tests/data/spotify_tracks_114.csv,
# read with --map): one epoch trains, the pane is a heat map at 80x24, the
# cursor moves and the readout names its cell (its genre in full, the row
# labels cut with a mark), o groups the genres, s
# sorts the report and J scrolls it, Enter lists a cell's rows, at 200x60
# the report stands beside the map, m shows the numbered matrix. Prints
# TAP; skips without tmux. A run of 45 epochs then keeps its test
# matrices every 2 epochs (40 of 114 genres fit in GT_RUNLOG_CM_BYTES),
# and its replay says which epoch's matrix it shows. Last, on a table of
# two long genre names made here, a cell's rows cut the predicted genre
# at its words with a mark, the true genre's probability stands under its
# heading, and Balance's genre column cuts the names at their words too.
. "$(dirname "$0")/tmux-lib.sh"
TRACKS=${GT_TESTDATA:-tests/data}/spotify_tracks_114.csv
MAP=music_genre=track_genre,artist_name=artists,instance_id=track_id

echo "1..30"
start 80 24 "" "$GENRETUI --epochs 1 --lr 0.01 --map $MAP $TRACKS"
expect "the 114-genre table loads through --map" "1,140 rows read  |  1,140 kept" 20
keys 3
keys t
expect "one epoch trains with 114 outputs" "done after 1 epochs" 30
keys 4
expect "the Confusion pane is a heat map" "heat map 114x114: share of the true genre's rows, by name"
expect "the readout names the cell under the cursor" "true acoustic, predicted acoustic:"
expect "a name too long for the labels ends in a mark" "alternat…"
keys j j j
expect "the readout names the cursor's genre in full" "true alternative, predicted acoustic:"
keys k k k
keys j j l
expect_re "the cursor moves by rows and columns" \
	"true alt-rock, predicted afrobeat: [0-9]+ of [0-9]+, [0-9.]+% of alt-rock"
keys G
expect "G goes to the last genre" "true world-music, predicted afrobeat:"
keys '$'
expect "\$ to the last column" "true world-music, predicted world-music:"
keys o
expect "o groups the genres confused with each other" "share of the true genre's rows, grouped"
expect "the cursor stays on its cell" "true world-music, predicted world-music:"
keys s
expect "s sorts the report by F1" "Report by F1 (s/S sort, J/K scroll): 1-2 of"
keys s
expect "s again by support" "Report by support (s/S sort, J/K scroll): 1-2 of"
keys J
expect "J scrolls the report" "Report by support (s/S sort, J/K scroll): 2-3 of"
keys n
keys Enter
expect "Enter on a most-confused pair lists its rows" "most confident first"
keys Escape
tm resize-window -t gt -x 200 -y 60 2>/dev/null || tm resize-pane -t gt -x 200 -y 60
expect "at 200x60 the report and the pairs stand beside the map" \
	"Most confused: true -> predicted, each way apart (% of true)"
keys m
expect "m shows the numbered matrix" "view: [counts] | recall (row %) | precision (column %)"
keys q q
expect "q twice exits with status 0" "EXIT=0"

# ---- a replay of a run longer than its matrices' budget
start 200 60 "" "$GENRETUI --epochs 45 --lr 0.01 --map $MAP $TRACKS"
expect "the table loads again" "1,140 rows read  |  1,140 kept" 20
keys 3
keys t
expect "45 epochs train" "done after 45 epochs" 60
keys 0 R
expect_re "the replay says the run kept the matrices every 2 epochs" \
	"Replay: epoch [0-9]+ of 45, 4 epochs/s(, paused)?, matrices every 2 epochs"
keys + + + +
expect_re "it plays to the end" "Replay: epoch 45 of 45, [0-9]+ epochs/s, paused" 20
expect "the last epoch's own matrix" "after epoch 45 of run 1 (replay)"
keys , ,
expect "at 43 the matrix of 42, and the pane says so" \
	"after epoch 42 of run 1 (replay at 43; kept every 2 epochs)"
keys $(printf ', %.0s' $(seq 42))
expect "at 1, before the first matrix kept: the run's model, and why" \
	"of run 1's model (replay at 1; matrices kept from epoch 2)"
keys q q

# ---- a cell's rows name the predicted genre cut with a mark
awk 'BEGIN { print "f1,f2,label"
	for (i = 0; i < 300; i++)
		printf "%d.%d,0.5,%s\n", i % 2, i % 7,
		       i % 2 ? "singer-songwriter-acoustic" : "progressive-house-extended" }' \
	> "$tmp/long.csv"
start 120 30 "" "$GENRETUI $tmp/long.csv"
keys 3
keys t
expect "two long-named genres train" "done after" 30
keys 4 Enter
expect "Enter lists the first cell's rows" "true progressive-house-extended, predicted progressive-house-extended:"
expect "their predicted genre is cut at its words with a mark" "pro…extended"
# the heading's ")" and a row's last figure end in the same column (each
# line holds one mark before it)
heading_end=$(screen | awk 'index($0, " p(progress") { print index($0, ")"); exit }')
row_end=$(screen | awk '$2 == "pro…extended" { sub(/ +$/, ""); print length($0); exit }')
[ -n "$heading_end" ] && [ "$heading_end" = "$row_end" ]
check "p(true genre) heads its figures ($heading_end, $row_end)" $?
keys Escape 2
expect "Balance's genre column cuts a long name at its words" "progressi…house-extended"
keys q q
exit 0
