#!/bin/sh
# tui_features.sh: the Features pane (6) in a real terminal (tmux), on the
# bundled synthetic sample: the list sorted by F, MI and name (each order
# checked on the figures shown), a box plot per genre with the units and the
# training range, genre rows scrolling, key's levels, the ASCII fallback and
# NO_COLOR; the views in turn (v, as in Confusion), g and G as in Browse,
# c and w (Browse's and Train's) no keys here; the correlation grid
# (diagonal, symmetry, the blank key); two genres ranked by |d| and by KS
# (s), and what that view says while a run's first epoch trains; after
# training, f on a Confusion cell opening the two genres with the
# cell's count, and i computing the permutation importance that --batch
# --importance reports for the same model. Prints TAP; skips without tmux.
. "$(dirname "$0")/tmux-lib.sh"
case $GENRETUI in /*) ;; *) GENRETUI=$(pwd)/$GENRETUI ;; esac
case $SAMPLE in /*) ;; *) SAMPLE=$(pwd)/$SAMPLE ;; esac

# launch WIDTH HEIGHT ENV: genretui on the sample, 3 epochs, in the pane
launch() {
	start "$1" "$2" "$3" "$GENRETUI --epochs 3 $SAMPLE"
	wait_for "kept" 20
	keys 6
	wait_for "training rows" 10
}
# list_col N: the Nth figure of each feature row of the list ('>' or ' ',
# name, figures), in screen order; rows whose figure is '-' are left out
list_col() {
	screen | awk -v c="$1" -v names="$FEATURES" '
		BEGIN { split(names, a, " "); for (i in a) want[a[i]] = 1 }
		{ line = substr($0, 2); split(line, f, " ")
		  if ((f[1] in want) && f[1 + c] != "-" && f[1 + c] != "") print f[1 + c] }'
}
# names of the features, in the order the list shows them
list_names() {
	screen | awk -v names="$FEATURES" '
		BEGIN { split(names, a, " "); for (i in a) want[a[i]] = 1 }
		{ split(substr($0, 2), f, " "); if (f[1] in want) print f[1] }'
}
FEATURES="popularity acousticness danceability duration_ms energy instrumentalness liveness loudness speechiness tempo valence key mode"
# descending FILE: the numbers in FILE never grow
descending() { awk 'NR > 1 && $1 > prev + 1e-12 { bad = 1 } { prev = $1 } END { exit bad || NR < 2 }' "$1"; }

echo "1..52"
launch 100 30 ""
train_rows=$(screen | sed -n 's/.*Features of the \([0-9,]*\) training rows.*/\1/p' | head -1)
keys 2
if [ -n "$train_rows" ] && screen | grep -qF "$train_rows train"; then
	ok "the header's $train_rows training rows are Balance's"
else
	not_ok "the header's training rows ($train_rows) are Balance's"
fi
keys 6
expect "the list says which statistic sorts it" "by F (one-way ANOVA)"
list_col 1 >"$tmp/f"
[ "$(wc -l <"$tmp/f")" -ge 12 ] && descending "$tmp/f"
check "the list is sorted by F, largest first ($(wc -l <"$tmp/f") figures)" $?
[ "$(list_names | wc -l)" = 13 ]
check "all 13 features are listed" $?
expect "the notes say the statistics are on the training rows" "F, MI: training rows"
first=$(list_names | head -1)
expect_re "the first feature is selected: its units and training range" "^>$first"
case $first in
popularity) unit="(0-100)" ;; duration_ms) unit="(ms)" ;; loudness) unit="(dB)" ;;
tempo) unit="(BPM)" ;; key) unit="(pitch class)" ;; mode) unit="" ;; *) unit="(0-1)" ;;
esac
expect "the title names $first $unit and its training range" "$first $unit: training range"
missing=""
for g in Electronic Anime Jazz Alternative Country Rap Blues Rock Classical Hip-Hop; do
	screen | grep -qE "^.{25,60}$g +.*█" || missing="$missing $g"
done
[ -z "$missing" ]
check "a box plot with its median for each of the 10 genres${missing:+ (missing:$missing)}" $?
expect "all genres share one more box row" "all genres"
expect "the histogram of all rows is labelled with its top count" "top "
expect "the legend explains the whiskers" "whiskers at 1.5 IQR (m: min-max)"
keys m
expect "m: whiskers at min-max" "whiskers at min-max (m: 1.5 IQR)"
keys s
expect "s: sorted by MI" "by MI (mutual info.)"
list_col 2 >"$tmp/mi"   # (F and MI side by side at 100 columns)
[ "$(wc -l <"$tmp/mi")" -ge 12 ] && descending "$tmp/mi"
check "the list is sorted by MI, largest first" $?
keys s
expect "s again: by importance, which asks for i first" "by importance: press i"
keys s
expect "s again: by name" "by name"
list_names >"$tmp/names"
LC_ALL=C sort -c "$tmp/names"
check "the list is in name order" $?
keys G
expect "G: the last feature (valence, in name order), as in Browse" "valence (0-1): training range"
keys g
expect "g: the first feature (acousticness)" "acousticness (0-1): training range"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do keys j; done
expect "j down to the last feature (valence, in name order)" "valence (0-1): training range"
keys k k k k k k k
expect "k up to key, a pitch class" "key (pitch class): training range"
expect_re "key's levels are named" ' C +C# +D +D# +E +F +F# +G +G# +A +A# +B$'
expect "key's cells are the shares of each genre's rows" "% of each genre's rows at each level"

keys v
expect "v: the next view, the correlation grid" "Pearson's r on the training rows"
r1=$(screen | sed -n 's/.*: r = \([-+0-9.]*\) (Pearson.*/\1/p')
pair1=$(screen | sed -n 's/^\([a-z_]* and [a-z_]*\): r = .*/\1/p')
keys h j
pair2=$(screen | sed -n 's/^\([a-z_]* and [a-z_]*\): r = .*/\1/p')
r2=$(screen | sed -n 's/.*: r = \([-+0-9.]*\) (Pearson.*/\1/p')
[ -n "$r1" ] && [ "$r1" = "$r2" ] && [ "$pair1" != "$pair2" ]
check "the grid is symmetric: '$pair1' and '$pair2' both r = $r1" $?
keys k
expect "on the diagonal r is 1" "popularity and popularity: r = +1.000"
for i in 1 2 3 4 5 6 7 8 9 10 11; do keys j; done
expect "key has no coefficient" "key and popularity: no coefficient"
expect "the shades have a legend" "shade, |r|:"
keys c w
expect "c and w (Browse's clear, Train's write) are not keys here: the grid stays" \
	"Pearson's r on the training rows"
expect "... and the message line says so" "w: not a key of the Features pane"

keys v
expect "v again: two genres, ranked by |Cohen's d|" "Electronic (a) vs Anime (b): ranked by |Cohen's d| (s: KS)"
expect "before a model the pane says how to see the confusions" "No model yet: train one"
screen | awk -v names="$FEATURES" 'BEGIN { split(names, a, " "); for (i in a) want[a[i]] = 1 }
	{ split(substr($0, 2), f, " "); if ((f[1] in want) && f[2] != "-") { d = f[2] < 0 ? -f[2] : f[2]; print d } }' >"$tmp/d"
[ "$(wc -l <"$tmp/d")" -ge 12 ] && descending "$tmp/d"
check "features ranked by |d|, largest first" $?
keys s
expect "s: the list shown is ranked by KS" "ranked by the KS statistic (s: Cohen's d)"
list_col 2 >"$tmp/ks"
[ "$(wc -l <"$tmp/ks")" -ge 12 ] && descending "$tmp/ks"
check "features ranked by KS, largest first" $?
keys b
expect "b: genre b moves to the next genre" "Electronic (a) vs Jazz (b)"
keys A
expect "A: genre a moves back (from the first to the last)" "Hip-Hop (a) vs Jazz (b)"

# A run paused in its first epoch (t and p sent at once: p is read before
# the first slice of training) has no test matrix yet: the pair view says
# it is training, not that there is no model.
keys 3
keys t p
wait_for "paused" 10
keys 6
expect "a run in its first epoch: the pair view says it trains" \
	"A run is training (epoch 1 of 3): the test rows it gives to the other genre"

# After training: f on a Confusion cell, i for the importance.
keys 3 p
wait_for "done after 3 epochs" 60
keys 4 l l l l l l l f
expect "f on a cell opens two genres on its true and predicted genre" "Electronic (a) vs Rock (b)"
cell=$(screen | sed -n 's/.*true \([A-Za-z-]*\) predicted \([A-Za-z-]*\): \([0-9]*\) of.*/\1 \2 \3/p' | head -1)
back=$(screen | sed -n 's/.*true Rock predicted Electronic: \([0-9]*\) of.*/\1/p' | head -1)
keys 4
want=$(screen | sed -n 's/.*true Electronic, predicted Rock: \([0-9]*\),.*/\1/p' | head -1)
[ -n "$want" ] && [ "$want" -gt 0 ] && [ "$cell" = "Electronic Rock $want" ]
check "its count of test rows is the Confusion cell's ($cell, cell $want)" $?
keys h h h h h h h j j j j j j j
want=$(screen | sed -n 's/.*true Rock, predicted Electronic: \([0-9]*\),.*/\1/p' | head -1)
[ -n "$want" ] && [ "$back" = "$want" ]
check "and the other way, Rock predicted Electronic, too ($back, cell $want)" $?
keys 6 v
keys i
expect "i computes the importance" "Importance: 5 shuffles per feature" 30
expect "the list is then sorted by it" "by importance"
"$GENRETUI" --batch --epochs 3 --importance "$SAMPLE" >"$tmp/batch" 2>&1
bad=0
for f in acousticness key tempo; do
	b=$(awk -v f="$f" '$1 == f && $3 == "+-" { printf "%+.4f", $2 }' "$tmp/batch")
	s=$(screen | awk -v f="$f" '{ split(substr($0, 2), a, " "); if (a[1] == f) print a[2] }')
	[ -n "$b" ] && [ "$b" = "$s" ] || { bad=1; echo "# $f: pane '$s', --batch --importance '$b'"; }
done
check "the importance is --batch --importance's for the same model" $bad
keys q y
expect "q, then y as it asks for the run not saved, exits with status 0" "EXIT=0"

# 80x16 without colour and without UTF-8: ASCII glyphs, genre rows scroll.
launch 80 16 "NO_COLOR=1 LC_ALL=C LANG=C"
expect "80x16: the genre rows scroll" "genres 1-"
keys J
expect "J scrolls them down one" "genres 2-"
screen | grep -qE '\|[-=]*#[-=]*\|' && ! screen | grep -q "$(printf '\342')"
check "ASCII box plots (|--=#=--|) and no UTF-8 without a UTF-8 locale" $?
if tm capture-pane -p -e -t gt | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m\|38;5\|48;5"; then
	not_ok "NO_COLOR=1: no colour escapes"; else ok "NO_COLOR=1: no colour escapes"; fi
keys '?'
expect "the help lists the pane's keys" "permutation importance of the model on the test rows"
keys x
tm resize-window -t gt -x 50 -y 12
keys v
expect "50x12: the correlation cursor is still named" "popularity and acousticness: r ="
keys q
expect "q exits with status 0 after resizing" "EXIT=0"
exit 0
