#!/bin/sh
# tui_heatmap.sh: the Confusion pane's heat map (tmux) on the SYNTHETIC
# Spotify tracks table of 114 genres (tests/data/spotify_tracks_114.csv,
# read with --map): one epoch trains, the pane is a heat map at 80x24, the
# cursor moves and the readout names its cell, o groups the genres, s
# sorts the report and J scrolls it, Enter lists a cell's rows, at 200x60
# the report stands beside the map, m shows the numbered matrix. Prints
# TAP; skips without tmux.
. "$(dirname "$0")/tmux-lib.sh"
TRACKS=${GT_TESTDATA:-tests/data}/spotify_tracks_114.csv
MAP=music_genre=track_genre,artist_name=artists,instance_id=track_id

echo "1..16"
start 80 24 "" "$GENRETUI --epochs 1 --lr 0.01 --map $MAP $TRACKS"
expect "the 114-genre table loads through --map" "1,140 rows read  |  1,140 kept" 20
keys 3
keys t
expect "one epoch trains with 114 outputs" "done after 1 epochs" 30
keys 4
expect "the Confusion pane is a heat map" "heat map 114x114: share of the true genre's rows, by name"
expect "the readout names the cell under the cursor" "true acoustic, predicted acoustic:"
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
exit 0
