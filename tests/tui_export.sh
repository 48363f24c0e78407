#!/bin/sh
# tui_export.sh: x in the Train and Confusion panes (tmux), on the bundled
# synthetic sample: the advice before a run, the files written after one
# (the same figures as the screen's), the help overlay and the hints, a
# planted symlink replaced, and an --export DIR that is a file refused with
# its name in the status bar. Prints TAP; skips without tmux or python3.
. "$(dirname "$0")/tmux-lib.sh"
case $GENRETUI in /*) ;; *) GENRETUI=$(pwd)/$GENRETUI ;; esac
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed"
	exit 0
fi
# run ARGS: genretui on the sample in a 120x40 terminal, in $tmp (where
# x writes genretui-export/ without --export)
run() {
	start 120 40 "" "cd $tmp && $GENRETUI --epochs 2 $1 $SAMPLE"
	wait_for "kept" 20
}

run "--export $tmp/out"
keys 3
expect "the Train pane's hint names x" "x export"
keys x
expect "x before a run says how to get one" "no run to export yet: t in the Train pane trains one"
[ ! -e "$tmp/out" ]
check "nothing is written before a run" $?
keys t
wait_for "done after 2 epochs" 30
keys x
expect "x asks for the folder, --export's filled in" "export the run into the folder: $tmp/out_"
keys Enter
expect "x after the run says where the files went" "run exported to $tmp/out/"
python3 - "$tmp/out" >"$tmp/py" 2>&1 <<'PY'
import csv, json, os, sys
d = sys.argv[1]
ep = list(csv.DictReader(open(os.path.join(d, "epochs.csv"))))
assert [int(e["epoch"]) for e in ep] == [1, 2], ep
rep = json.load(open(os.path.join(d, "report.json")))
for name, key in (("confusion_test.csv", "test"), ("confusion_train.csv", "train")):
    rows = list(csv.reader(open(os.path.join(d, name))))
    assert rows[0][1:] == rep["genres"] and len(rows) == 11
    assert sum(int(v) for r in rows[1:] for v in r[1:]) == rep[key + "_rows"]
assert rep["epochs_trained"] == 2 and rep["preset"] == "paper" and rep["kept_epoch"] == 2
print("%.4f" % rep["test_accuracy"])
PY
check "the four files are whole and agree with each other" $?
acc=$(tail -n 1 "$tmp/py")
expect "report.json's test accuracy is the one on screen" "Test accuracy $acc, weights of epoch 2 of 2"
keys '?'
expect "the Train help lists x" "export epochs.csv, predictions.csv, confusion_*.csv,"
keys Escape
keys 4
expect "the Confusion pane's hint names x" "Enter rows  x export"
keys '?'
expect "the Confusion help lists x" "report.json into --export DIR"
keys Escape
echo precious >"$tmp/target"
rm -f "$tmp/out/report.json" && ln -s "$tmp/target" "$tmp/out/report.json"
keys x
expect "x in the Confusion pane asks too" "export the run into the folder: $tmp/out_"
keys Enter
expect "... and, the folder holding a run's files, asks before replacing them" \
	"$tmp/out holds a run's files already (epochs.csv and more): replace them? (y/n)"
keys n
expect "n: nothing exported" "nothing exported"
[ -L "$tmp/out/report.json" ]
check "... and the files are as they were" $?
keys x Enter y
expect "y: the Confusion pane exports" "run exported to $tmp/out/"
[ ! -L "$tmp/out/report.json" ] && [ "$(cat "$tmp/target")" = precious ] &&
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out/report.json"
check "a planted symlink is replaced, its target untouched" $?
keys q
expect "q exits with status 0" "EXIT=0"

# --export naming a file: the status bar names it, nothing is written
: >"$tmp/afile"
run "--export $tmp/afile"
keys 3
keys t
wait_for "done after 2 epochs" 30
keys x Enter
expect "an --export DIR that is a file is refused by name" "afile: exists and is not a directory"
keys q
expect "the export refused, q asks first" "q again or y quits"
keys y
expect "y then exits with status 0" "EXIT=0"

# x into a folder typed over the default: Ctrl-U clears it, Esc cancels
run ""
keys 3
keys t
wait_for "done after 2 epochs" 30
keys x
expect "without --export, x offers genretui-export" "export the run into the folder: genretui-export_"
keys C-u m i n e Enter
expect "a folder typed over the default" "run exported to mine/"
[ -s "$tmp/mine/predictions.csv" ] && [ ! -e "$tmp/genretui-export" ]
check "... the files went there, not to the default" $?
keys x Escape
expect "Esc cancels the question" "nothing exported"
keys q
expect "q exits with status 0" "EXIT=0"
echo "1..$n"
exit 0
