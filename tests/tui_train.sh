#!/bin/sh
# tui_train.sh: the Train pane in a real terminal (tmux) on the real file:
# a short run with its progress and plots, pause and resume, the figures
# after it, and q during training. Prints TAP; skips without tmux or data.
. "$(dirname "$0")/tmux-lib.sh"
HIDDEN=${GT_TUI_HIDDEN:-600}
digits=$(echo "$HIDDEN" | sed 's/./& /g')

# ---- the bundled sample (always): the improved preset stops early; its
# labels, its plots' x axis and the Balance pane's sums; the threads its
# steps take (--threads 2, as many as the CPUs allow)
start 120 48 "" "$GENRETUI --threads 2 $SAMPLE"
wait_for "kept" 30
keys 3
keys l
keys t
# (up to 3 minutes: a sanitizer build trains the improved preset some 70
# times slower, and make check runs two tests at once)
wait_re "Epoch [0-9]+/60 .* done" 180
want=$([ "$(nproc)" -ge 2 ] && echo "on 2 threads" || echo "on 1 thread")
expect "the progress line says the threads the steps took: $want" "done $want"
head=$(screen | grep -oE 'Test accuracy 0\.[0-9]{4}, weights of epoch [0-9]+ of [0-9]+ \(stopped early, validation slice 0\.[0-9]{4}\)')
check "one headline: the test accuracy and the epoch whose weights were kept" $([ -n "$head" ]; echo $?)
kept=$(echo "$head" | sed -n 's/.*weights of epoch \([0-9]*\) of.*/\1/p')
ran=$(echo "$head" | sed -n 's/.*weights of epoch [0-9]* of \([0-9]*\).*/\1/p')
[ "$(screen | grep -c 'Test accuracy\|test accuracy')" = 2 ] &&   # the headline and the message line
	! screen | grep -qE 'best epoch|\(validation 0|t\.acc'
check "no second headline, no 'best epoch', the test rows never called validation" $?
screen | grep -qE "^ *$kept [0-9]\.[0-9]{4} [0-9]\.[0-9]{3} [0-9]\.[0-9]{3} kept" &&
	screen | grep -qF "Ep   loss train  test"
check "the epochs list marks epoch $kept kept, its columns train and test" $?
[ -n "$ran" ] && [ "$ran" -lt 60 ] && screen | grep -qE "epoch $ran *\$"
check "the plots' x axis ends at the $ran epochs trained, not the 60 asked for" $?
expect_re "the accuracy plot marks the kept epoch" "Accuracy .* kept"
expect "the collapsed settings wrap: the preset and epochs..." " improved, 60 epochs "
expect "... then batch, learning rate, hidden width and seed" " b64 lr0.001 h256 s1 "
keys 2
kept_rows=$(screen | sed -n 's/^ kept  *\([0-9,]*\) .*/\1/p' | tr -d ,)
imp=$(screen | sed -n 's/^ + imputed, joined training  *\([0-9,]*\) .*/\1/p' | tr -d ,)
sets=$(screen | sed -n 's/^ = train + test rows  *\([0-9,]*\) .*/\1/p' | tr -d ,)
[ -n "$imp" ] && [ "$imp" -gt 0 ] && [ $((kept_rows + imp)) = "$sets" ]
check "Balance: kept $kept_rows + $imp imputed rows on the training side = $sets in the sets" $?
tm resize-window -t gt -x 80 -y 24
expect "at 80 columns the hint bar keeps the pane's keys, ? and q" \
	" per-genre counts, ledger, split  j/k genres  |  ? help  q quit"
# Quitting with the run neither saved nor exported asks first.
keys q
expect "q with a run not saved asks first" "the last run is not saved (w) nor exported (x): q again or y quits"
keys j
expect_not "any other key stays" "q again or y quits"
keys q
wait_for "q again or y quits" 3
keys q
expect "q twice exits with status 0" "EXIT=0"

# ---- the runs table on the sample: three runs of 5 epochs (batch 16, 8, 16)
start 160 48 "" "$GENRETUI --epochs 5 $SAMPLE"
wait_for "kept" 30
keys 3
keys t
wait_re "Epoch 5/5 .* done" 30
expect "the study's preset stays on one thread, whatever --threads says" "done on 1 thread"
keys j j e 8 Enter t
wait_re "Epoch 5/5 .* done" 30
keys r
expect "r: the runs table" "Runs, by run (j/k choose  Enter show  Space mark  o order  Esc the current run)"
expect "... under the plots, which stay" "Loss  ── train  ── test  .. previous run"
keys l t
wait_for "   3  paper       5/5" 30
screen | grep -qF "Test accuracy" && screen | grep -qF "Accuracy  ── train"
check "a third run trains with the table open, its plots and headline in sight" $?
keys o
expect "o: the runs by test accuracy" "Runs, by test accuracy"
screen | sed -n 's/^.*  [123]  paper       5\/5 .*  35     1 \(0\.[0-9]*\) .*/\1/p' >"$tmp/accs"
[ "$(wc -l <"$tmp/accs")" = 3 ] && sort -rn -c "$tmp/accs" 2>/dev/null
check "... the test column falls down the table" $?
first=$(screen | sed -n 's/^.*  \([123]\)  paper       5\/5 .*/\1/p' | head -1)
want=$(head -1 "$tmp/accs")
keys Enter
expect "Enter shows the run under the cursor" "Run $first of the table: paper, 5 of 5 epochs"
wait_for "Test accuracy 0." 5
head=$(screen | sed -n 's/.*Test accuracy \(0\.[0-9]*\), weights of epoch 5 of 5.*/\1/p' | head -1)
[ -n "$head" ] && [ "$(awk "BEGIN { printf \"%.3f\", $head }")" = "$want" ]
check "... with its own headline ($head, the table's $want)" $?
keys 4
expect "the Confusion pane shows that run's matrix" "of run $first of the runs table"
keys Enter
expect "... its rows are not listed: only the current run's" "Rows are listed for the current run only"
keys 3
keys Escape
expect "Esc in the table: the current run again" "Epoch 5/5"
keys k Space
expect "Space marks a run to draw behind the plots" "runs marked in the table"

# ---- a replay of the run shown, on the dashboard (its plots and matrix)
keys 0 R
expect_re "R replays the run: its epochs one by one" "Replay: epoch [1-5] of 5"
expect_re "... the dashboard's matrix follows the replay" "test set, 812 rows after epoch [1-5] of run [0-9] \(replay\)"
keys Space
e1=$(screen | sed -n 's/.*Replay: epoch \([0-9]\) of 5.*/\1/p' | head -1)
expect "Space pauses it" "Replay: epoch $e1 of 5, 2 epochs/s, paused"
keys ,
[ "$e1" -gt 1 ] && e2=$((e1 - 1)) || e2=1
expect ", steps back an epoch, the matrix too" "after epoch $e2 of run"
keys Escape
sleep 1              # (Esc then a key at once would read as Alt-key)
keys 3
expect "Esc stops the replay: the whole run" "(its matrix and report in pane 4; R replays it"
keys '?'
expect "at 160 columns the help is as wide as its lines" \
	"replay the run shown (else the last) epoch by epoch: its plots, and on the dashboard its matrix;"
keys Escape
sleep 1
keys 0
tm resize-window -t gt -x 100 -y 30
expect "the dashboard closes on a smaller terminal..." "(it comes back when the terminal grows)"
tm resize-window -t gt -x 160 -y 48
expect_re "... and comes back when it grows again" "Settings .*│test set, 812 rows"
keys 3

# ---- the settings form (the cursor on Batch size)
keys r k e
expect_re "e edits the current value" "Epochs +5_"
expect "... and names the range, --epochs' own" "Epochs: a whole number from 1 to 100000 (Enter sets, Esc cancels)"
keys BSpace 1 0 0 0 0 1
expect_re "... Backspace edits it" "Epochs +100001_"
keys Enter
expect "a value out of range is refused, naming the range" \
	"'100001' is not a valid Epochs: a whole number from 1 to 100000"
keys BSpace 0 Enter
expect_re "100000 epochs, the most --epochs takes, are taken" "Epochs +100000( |$)"
keys e BSpace BSpace BSpace BSpace BSpace BSpace 5 Enter
expect_re "... and 5 again" "Epochs +5( |$)"
keys j j j l
expect "the hidden width steps to the next sensible size" "Hidden width        48"
keys h h
expect "... and back, past the study's 35" "Hidden width        32"
keys k k k k l
expect "switching preset says the form's edits are replaced" \
	"preset improved: its epochs, batch size, learning rate and hidden width replace the form's edits"
keys q
wait_for "EXIT=0" 10

if [ ! -r "$CSV" ]; then
	skip "the real file's checks" "the real dataset is not at $CSV"
	echo "1..$n"
	exit 0
fi
# A slow run so the test can watch it: batch 1 (32,448 steps an epoch) and
# more hidden units, set in the form: GT_TUI_HIDDEN (600; the sanitizer
# build, ~20 times slower, uses fewer).
start 100 30 "" "$GENRETUI --epochs 3 --batch-size 1 $CSV"
wait_re "kept" 20
keys 3
expect_re "Train pane shows the settings" "Settings"
expect_re "before a run it says how to start" "No training yet"
keys j
keys l
if screen | grep -qE "Epochs +4"; then ok "l raises the focused setting"; else not_ok "l raises the focused setting"; fi
keys h
if screen | grep -qE "Epochs +3"; then ok "h lowers it again"; else not_ok "h lowers it again"; fi
keys e 5 Enter
if screen | grep -qE "Epochs +5"; then ok "e types a value"; else not_ok "e types a value"; fi
keys e x Enter
expect_re "a bad value is refused with a message" "not a valid Epochs"
keys Escape e 3 Enter
keys j j j e $digits Enter
keys t
expect_re "t starts: progress line" "Epoch 1/3 +[0-9]+/32448 steps"
expect_re "status says running" "running"
expect_re "first epoch ends: loss plot appears" "Loss .* train .* test" 30
expect_re "accuracy plot with the kept epoch marked" "Accuracy .* kept"
keys p
expect_re "p pauses" "paused"
a=$(screen | grep -oE "[0-9]+/32448 steps" | head -1)
sleep 1
b=$(screen | grep -oE "[0-9]+/32448 steps" | head -1)
if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "no steps while paused"; else not_ok "no steps while paused ($a / $b)"; fi
keys p
expect_re "p resumes" "running"
expect_re "the run finishes: done with test accuracy" "done after 3 epochs in .* test accuracy 0\.[0-9]+" 90
if screen | grep -qE "^ +3 [0-9]\.[0-9]{4} 0\.[0-9]{3}"; then ok "every epoch's figures stay listed"; else not_ok "every epoch's figures stay listed"; fi
keys r
if wait_re " 1  paper +3/3 +3 +1 +0\.001 +$HIDDEN +1 +0\.[0-9]{3}" 3; then ok "r lists the finished run with its figures (epoch 3 kept)"; else not_ok "r lists the finished run with its figures (epoch 3 kept)"; fi
keys r
# q while training asks first; y quits, cleanly.
keys t
wait_re "running" 5
keys q
expect "q during training asks first" "a run is training: q again or y quits"
keys y
expect_re "... y exits with status 0" "EXIT=0" 5
# The dashboard during a run: the confusion matrix follows the epochs.
start 200 60 "" "$GENRETUI --epochs 8 --batch-size 1 $CSV"
wait_re "kept" 20
keys 0
expect_re "0 opens the dashboard" "0 Dashboard" 5
keys j j j j e $digits Enter
keys t
expect_re "the dashboard's matrix shows an early epoch while training" "after epoch [12] of 8 \(training\)" 30
row() { screen | grep -aoE "Hip-Hop +[0-9][0-9 ]*\[[0-9]+\]"; }
a=$(row)
wait_re "after epoch [4-7] of 8 \(training\)" 60
b=$(row)
if [ -n "$b" ] && [ "$a" != "$b" ]; then ok "the matrix changes between epochs"; else not_ok "the matrix changes between epochs ($a / $b)"; fi
# (Under the sanitizers an epoch of 32,448 steps takes about 10 s alone,
# more beside other tests: the waits are generous, not a speed check.)
expect_re "the run ends on the dashboard" "done after 8 epochs" 180
echo "1..$n"
exit 0
