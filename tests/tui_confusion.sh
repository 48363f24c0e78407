#!/bin/sh
# tui_confusion.sh: the Confusion pane (4) in a real terminal (tmux): the
# advice before any model, then, after training 3 epochs in the Train pane,
# the matrix with genre names, the report and its accuracy, the views (v),
# the training set (t), the cursor and its description, Enter opening the
# cell's rows in Browse, 80x24 and small sizes, NO_COLOR, and q. Prints TAP.
# First, on the bundled sample (always): the drill-down from a cell (its rows
# with the predicted genre's probability, in three orders, then in Browse)
# and predictions.csv in the export. The rest needs the real dataset
# ($GT_REAL_CSV) and is skipped without it; all needs tmux.
. "$(dirname "$0")/tmux-lib.sh"

# the probability column (the third field) of the listed rows
probs() { screen | awk '$1 ~ /^[0-9]+$/ && $3 ~ /^[01]\.[0-9]+$/ { print $3 }'; }
lines() { screen | awk '$1 ~ /^[0-9]+$/ && $3 ~ /^[01]\.[0-9]+$/ { print $1 }'; }

start 160 40 "" "cd $tmp && $GENRETUI --epochs 3 --export exp $(cd "$(dirname "$SAMPLE")" && pwd)/$(basename "$SAMPLE")"
wait_for "kept" 30
keys 3
keys t
wait_for "done" 60
keys 4
keys j j j j j l l l l l l l l l
expect "sample: the cursor on Rap / Hip-Hop" "true Rap, predicted Hip-Hop: 17"
keys Enter
expect "Enter lists the cell's rows, most confident first" \
	"test rows: true Rap, predicted Hip-Hop: 17 rows, most confident first"
expect "... with the line, predicted genre, its probability and the true genre's" \
	"   line  predicted      prob  p(Rap)   artist - track"
[ "$(probs | wc -l)" = 17 ] && probs | sort -rn -c 2>/dev/null
check "... all 17 rows, their probabilities falling" $?
keys o
expect "o: least confident first" "17 rows, least confident first"
probs | sort -n -c 2>/dev/null
check "... their probabilities rising" $?
keys o
expect "o again: file order" "17 rows, file order"
lines | sort -n -c 2>/dev/null
check "... file lines rising" $?
keys o
keys Enter
expect "Enter in the list shows its rows in Browse" "17 of 5,005 rows: test rows: true Rap, predicted Hip-Hop"
keys 4
expect "back in the Confusion pane the list is still open" "17 rows, most confident first"
keys Escape
expect "Esc goes back to the matrix" "view: [counts]"

# the background of the cell whose text is $2 in matrix row $1, as drawn
cell_bg() {
	tm capture-pane -p -e -t gt | python3 -c '
import re, sys
row, text = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    if not re.sub("\x1b\\[[0-9;]*m", "", line).startswith(row + " "):
        continue
    bg = "none"
    for part in re.split("(\x1b\\[[0-9;]*m)", line):
        m = re.match("\x1b\\[([0-9;]*)m", part)
        if m:
            codes = m.group(1).split(";")
            while codes:
                c = codes.pop(0)
                if c in ("", "0", "49"):
                    bg = "none"
                elif c == "48" and codes[:1] == ["5"]:
                    bg = codes[1]
                    codes = codes[2:]
                elif c == "38" and codes[:1] == ["5"]:
                    codes = codes[2:]
                elif len(c) == 2 and c[0] == "4" and c[1] in "01234567":
                    bg = c
        elif text in part:
            print(bg)
            break
    break' "$1" "$2"
}
keys k      # the cursor off the Rap row
ok_bg=$(cell_bg Classical "[") err_bg=$(cell_bg Rap " 17 ")
case "$ok_bg" in 151|114|28) ;; *) ok_bg="";; esac
case "$err_bg" in 229|221|166|124) ;; *) err_bg="";; esac
[ -n "$ok_bg" ] && [ -n "$err_bg" ]
check "256 colours: Classical's diagonal (80%) on the green ramp ($ok_bg), Rap -> Hip-Hop (19%) on the error ramp ($err_bg)" $?
expect "the legend names both ramps" "correct [n], recall %:"
keys o
expect_re "o: confused pairs side by side (Rap beside Hip-Hop)" 'true.pred .*(Rap HipH|HipH  Rap)'
expect "... and says so" "genres ordered so that confused pairs sit side by side"
keys o
expect "o again: the file's order" "Elec Anim Jazz  Alt Ctry  Rap Blue Rock Clas HipH"
keys x Enter
expect "x exports, predictions.csv too" "report.json, predictions.csv)"
pred="$tmp/exp/predictions.csv"
head -1 "$pred" 2>/dev/null | grep -q '^line,set,true,predicted,p_Electronic,p_Anime,' &&
	[ "$(grep -c ',test,' "$pred")" = "$(screen | sed -n 's/.*test set, \([0-9,]*\) rows.*/\1/p' | tr -d ,)" ] &&
	[ "$(grep -c ',test,Rap,Hip-Hop,' "$pred")" = 17 ]
check "predictions.csv: a header, one line per test row, 17 Rap rows predicted Hip-Hop" $?
keys q
expect "q exits with status 0" "EXIT=0"

# 8 colours: the two ramps still apart (green for correct, yellow or red
# for errors)
start 160 40 "TERM=xterm" "$GENRETUI --epochs 3 $SAMPLE"
wait_for "kept" 30
keys 3
keys t
wait_for "done" 60
keys 4
wait_for "view: [counts]" 5
keys k
ok_bg=$(cell_bg Classical "[") err_bg=$(cell_bg Rap " 17 ")
[ "$ok_bg" = 42 ] && { [ "$err_bg" = 43 ] || [ "$err_bg" = 41 ]; }
check "8 colours: the correct cell green ($ok_bg), the error yellow or red ($err_bg)" $?
keys q
wait_for "EXIT=0" 10

if [ ! -r "$CSV" ]; then
	skip "the real file's checks" "the real dataset is not at $CSV"
	echo "1..$n"
	exit 0
fi

# launch WIDTH HEIGHT ENV: genretui on the real data, training 3 epochs
launch() {
	start "$1" "$2" "$3" "$GENRETUI --epochs 3 $CSV"
	wait_for "kept" 30
}
# train: in the Train pane start a run, wait for it, show the Confusion pane
train() {
	keys 3
	keys t
	wait_for "done" 60
	st=$?
	keys 4
	return $st
}
# the screen line of genre $1's matrix row (its name, then cells)
matrix_row() { screen | grep -E "^$1 +[ \[>]" | head -1; }

launch 200 60 ""
keys 4
expect "before any model the pane says how to train one" \
	"No model yet. Press 3 for the Train pane, then t to train."
keys j
screen | tail -n 1 | grep -qF "No model yet. Press 3 for the Train pane"
check "a pane key without a model repeats the advice in the status bar" $?

if train; then ok "the Train pane trains 3 epochs (done)"; else not_ok "the Train pane trains 3 epochs (done)"; fi
missing=""
for g in Electronic Anime Jazz Alternative Country Rap Blues Rock Classical Hip-Hop; do
	[ -n "$(matrix_row "$g")" ] || missing="$missing $g"
done
[ -z "$missing" ]
check "the matrix has a row for each of the 10 genres${missing:+ (missing:$missing)}" $?
expect "columns carry the short names" "Elec Anim Jazz  Alt Ctry  Rap Blue Rock Clas HipH"
expect "the classification report is shown" "precision    recall  f1-score   support"
acc=$(screen | grep -oE 'accuracy +[0-9]\.[0-9]+' | head -1 | awk '{print $2}')
if [ -n "$acc" ] && awk "BEGIN { exit !($acc >= 0.40 && $acc <= 0.60) }"; then
	ok "test accuracy $acc is between 0.40 and 0.60"
else
	not_ok "test accuracy '$acc' is between 0.40 and 0.60"
fi
expect "the header names the set and its size" "test set, 8,112 rows"
expect "the most-confused pairs are listed, ordered true -> predicted" "Most confused: true -> predicted"
expect_re "a pair reads 'A -> B count (pct%)'" '1\. [A-Za-z-]+ -> [A-Za-z-]+ [0-9]+ \([0-9]+%\)'

expect "counts view is the first" "view: [counts] | recall (row %) | precision (column %)"
keys v
expect "v: recall (row %)" "view: counts | [recall (row %)] | precision (column %)"
keys v
expect "v again: precision (column %)" "view: counts | recall (row %) | [precision (column %)]"
keys v
expect "v a third time: back to counts" "view: [counts]"

keys j j j j j l l l l l l l l l
expect_re "the cursor on Rap / Hip-Hop describes the pair" \
	'true Rap, predicted Hip-Hop: [0-9]+, [0-9]+% of Rap'
count=$(screen | sed -n 's/.*true Rap, predicted Hip-Hop: \([0-9]*\),.*/\1/p' | head -1)
[ -n "$count" ] && [ "$(matrix_row Rap | awk '{ print $11 }')" = ">$count<" ]
check "the focused cell >$count< is the Rap row's Hip-Hop column" $?
keys v v
expect_re "in precision view the percentage is of the predicted column" \
	'true Rap, predicted Hip-Hop: [0-9]+, [0-9]+% of predicted Hip-Hop'
keys v
keys '?'
expect "? lists the pane's keys" "list the rows of the focused cell: line, predicted genre"
keys x

keys Enter
expect "Enter lists the cell's rows" "test rows: true Rap, predicted Hip-Hop: $count rows"
keys Enter
expect "Enter again opens Browse filtered to the cell's rows" "test rows: true Rap, predicted Hip-Hop"
expect_re "Browse shows as many rows as the cell count" "(^| )$count of [0-9,]+ rows"
keys 4
keys Escape
keys d
expect_re "d switches to the training set" 'train set, [0-9,]+ rows'
expect_re "the training set's cell is described" 'true Rap, predicted Hip-Hop: [0-9]+, [0-9]+% of Rap'
keys d
expect "d again: back to the test set" "test set, 8,112 rows"
keys q y
expect "q, then y as it asks, exits with status 0" "EXIT=0"

# 80x24 without colour: everything needed fits and reads from text alone.
launch 80 24 "NO_COLOR=1"
train >/dev/null
wait_for "true Electronic, predicted Electronic" 5
s=$(screen)
fits=0
for want in "Hip-Hop " "[" "true Electronic, predicted Electronic:" "accuracy 0." \
	"Electronic: precision" "Most confused" "  5. "; do
	printf '%s\n' "$s" | grep -qF -- "$want" || { fits=1; echo "# 80x24 lacks: $want"; }
done
check "80x24: matrix, focused cell, compact report and 5 pairs fit" $fits
if tm capture-pane -p -e -t gt | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m\|38;5\|48;5"; then
	not_ok "NO_COLOR=1: no colour escapes"; else ok "NO_COLOR=1: no colour escapes"; fi
tm resize-window -t gt -x 50 -y 12
expect "50x12: the focused cell is still described" "true Electronic, predicted"
keys j j j j j j j j j
expect_re "50x12: the matrix scrolls to the cursor row" '^HipH'
keys q y
expect "q (and y) exits with status 0 after resizing" "EXIT=0"
echo "1..$n"
exit 0
