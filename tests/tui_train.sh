#!/bin/sh
# tui_train.sh: the Train pane in a real terminal (tmux) on the real file:
# a short run with its progress and plots, pause and resume, the figures
# after it, and q during training. Prints TAP; skips without tmux or data.
GENRETUI=${GENRETUI:-./genretui}
HIDDEN=${GT_TUI_HIDDEN:-600}
digits=$(echo "$HIDDEN" | sed 's/./& /g')
CSV=${GT_REAL_CSV:-../shared/data/music_genre.csv}

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -r "$CSV" ]; then
	echo "1..0 # SKIP the real dataset is not at $CSV"
	exit 0
fi
sock="gt-train-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; tm capture-pane -p -t gt 2>/dev/null | sed 's/^/# /'; }
screen() { tm capture-pane -p -t gt; }
wait_for() {
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		screen 2>/dev/null | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
expect() { if wait_for "$2" "${3:-5}"; then ok "$1"; else not_ok "$1"; fi; }
keys() { tm send-keys -t gt "$@"; sleep 0.2; }
start() {
	tm kill-session -t gt 2>/dev/null
	tm new-session -d -s gt -x "$1" -y "$2" \
		"env LANG=C.UTF-8 TERM=xterm-256color sh -c '$3; echo EXIT=\$?; sleep 60'"
}

echo "1..21"
# A slow run so the test can watch it: batch 1 (32,448 steps an epoch) and
# more hidden units, set in the form: GT_TUI_HIDDEN (600; the sanitizer
# build, ~20 times slower, uses fewer).
start 100 30 "$GENRETUI --epochs 3 --batch-size 1 $CSV"
wait_for "kept" 20
keys 3
expect "Train pane shows the settings" "Settings"
expect "before a run it says how to start" "No training yet"
keys j
keys l
if screen | grep -qE "Epochs +4"; then ok "l raises the focused setting"; else not_ok "l raises the focused setting"; fi
keys h
if screen | grep -qE "Epochs +3"; then ok "h lowers it again"; else not_ok "h lowers it again"; fi
keys e 5 Enter
if screen | grep -qE "Epochs +5"; then ok "e types a value"; else not_ok "e types a value"; fi
keys e x Enter
expect "a bad value is refused with a message" "not a valid Epochs"
keys Escape e 3 Enter
keys j j j e $digits Enter
keys t
expect "t starts: progress line" "Epoch 1/3 +[0-9]+/32448 steps"
expect "status says running" "running"
expect "first epoch ends: loss plot appears" "Loss .* train .* test" 30
expect "accuracy plot with the best epoch marked" "Accuracy .* best"
keys p
expect "p pauses" "paused"
a=$(screen | grep -oE "[0-9]+/32448 steps" | head -1)
sleep 1
b=$(screen | grep -oE "[0-9]+/32448 steps" | head -1)
if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "no steps while paused"; else not_ok "no steps while paused ($a / $b)"; fi
keys p
expect "p resumes" "running"
expect "the run finishes: done with test accuracy" "done after 3 epochs in .* test accuracy 0\.[0-9]+" 90
if screen | grep -qE "^ +3 [0-9]\.[0-9]{4} 0\.[0-9]{3}"; then ok "every epoch's figures stay listed"; else not_ok "every epoch's figures stay listed"; fi
keys r
if wait_for " 1  paper +3/3 +1 +0\.001 +$HIDDEN +1 +0\.[0-9]{3}" 3; then ok "r lists the finished run with its figures"; else not_ok "r lists the finished run with its figures"; fi
keys r
# q while training leaves at once and cleanly.
keys t
wait_for "running" 5
keys q
expect "q during training exits with status 0" "EXIT=0" 5
# The dashboard during a run: the confusion matrix follows the epochs.
start 200 60 "$GENRETUI --epochs 8 --batch-size 1 $CSV"
wait_for "kept" 20
keys 0
expect "0 opens the dashboard" "0 Dashboard" 5
keys j j j j e $digits Enter
keys t
expect "the dashboard's matrix shows an early epoch while training" "after epoch [12] of 8 \(training\)" 30
row() { screen | grep -aoE "Hip-Hop +[0-9][0-9 ]*\[[0-9]+\]"; }
a=$(row)
wait_for "after epoch [4-7] of 8 \(training\)" 30
b=$(row)
if [ -n "$b" ] && [ "$a" != "$b" ]; then ok "the matrix changes between epochs"; else not_ok "the matrix changes between epochs ($a / $b)"; fi
expect "the run ends on the dashboard" "done after 8 epochs" 60
exit 0
