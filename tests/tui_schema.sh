#!/bin/sh
# tui_schema.sh: files read by their own schema in the interface (tmux), on
# SYNTHETIC look-alikes of other people's genre tables: a GTZAN feature
# table (tests/data/gtzan_small.csv: filename, length, 57 features, label)
# opens with no option, # rounds its floats in Browse, the Balance pane
# lists its columns with their roles and scrolls them, it trains, its
# Confusion pane names its own genres, its Predict help (? on an empty
# line) gives its own columns; a hackathon table (numeric classes, empty
# cells) trains with the improved preset, its empty cells filled, its
# Predict pane completes its name with a blank in quotes; an unknown
# --label ends with the file's columns and status 1. Prints TAP; skips
# without tmux.
. "$(dirname "$0")/tmux-lib.sh"
GTZAN=${GT_TESTDATA:-tests/data}/gtzan_small.csv
HACK=${GT_TESTDATA:-tests/data}/hackathon_small.csv

echo "1..31"
start 120 40 "" "$GENRETUI --epochs 3 $GTZAN"
expect "a GTZAN-like table opens by its own schema" "80 rows read  |  80 kept" 20
expect "Browse shows its feature columns" "chroma_stft_mean"
expect "... under the file's own names (filename, not the study's track_name)" "│ filename "
expect "its floats to 12 digits" "0.402822932688"
keys '#' '#' '#'
expect "# # #: to 3 significant digits, said on the top line" "80 of 80 rows   3 digits (#)"
expect "... the floats rounded, the headers told apart" "chrom…mean chroma…var rms_mean  rms_var"
expect "... the columns narrower: more of them in 120" "0.403     0.0888    0.213  0.00427       3746"
keys 2 1
expect "the precision stays while another pane is shown" "80 of 80 rows   3 digits (#)"
keys '#'
expect "# again: as in the file" "0.40282293268834257"
keys '#'
expect "# again: 12 digits, the top line as at first" "0.402822932688"
expect_not "... with no word of digits" "digits (#)"
keys 2
expect "the Balance pane lists the columns and their roles" \
	"label 'label' (10 classes); 58 inputs: 58 numeric"
expect "... the identifier with its reason" "filename                 identifier  a file name"
keys J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J J
expect "J scrolls down to the label" "label                    label       10 classes"
keys 3
expect "the Train pane gives the preset's layers on this file" "on this file: 58-35-10 (58 inputs, 10 genres)"
keys t
expect "it trains" "done after 3 epochs" 30
keys 4
expect "the Confusion pane names the file's own genres (hiphop, never Hip-Hop)" "hiphop"
keys 5
keys '?'
expect "? on the prompt's empty line: the help, its Tab line in the model's columns" \
	"complete names (length, ...) and commands"
expect_not "... no key and mode this model lacks" "key=A#"
keys x
keys 'quit' Enter
keys q q
expect "q twice exits with status 0" "EXIT=0"

start 120 40 "" "$GENRETUI --preset improved --epochs 2 $HACK"
expect "a hackathon table opens by its own schema" "300 rows read" 20
keys 3
keys t
expect "the improved preset trains on it" "done after 2 epochs" 30
keys 2
expect "the improved preset filled the empty cells" "100: filled with training medians"
expect "the empty cells are counted by column" "Popularity          numeric     0 to 94; 6 empty"
keys J J J J J J J J J J
expect "its classes are numbers, in numeric order" "Class               label       11 classes, numbers"
keys 5
keys 'energy=0.5 dur'
keys Tab
expect "Tab completes a name with a blank in quotes, as the prompt reads it" \
	'genre> energy=0.5 "duration_in min/ms"='
keys '200000' Enter
expect "... and the answer is read" "filled with training medians: Popularity, danceability, key,"
keys '"duration_in m'
keys Tab
expect "Tab inside a quote completes past the name's blank and closes the quote" \
	'genre> "duration_in min/ms"='
keys '180000' Enter
expect "... and the answer is read" 'kept from before: energy=0.5'
keys 'quit' Enter
keys q q
expect "q (twice: a run is not saved, or once) exits" "EXIT=0" 20

start 120 40 "" "$GENRETUI --label genre $GTZAN"
expect "an unknown --label ends with the file's columns and status 1" "EXIT=1" 20
exit 0
