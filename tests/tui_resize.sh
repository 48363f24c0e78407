#!/bin/sh
# tui_resize.sh: 100 window sizes, tiny ones (below the 50x12 minimum, down
# to 1x1) among them, thrown at the Train pane while it trains on the
# bundled sample (a fixture: no real dataset needed). The program neither crashes nor loses a step: the figures of every
# epoch (loss) and the last epoch's loss and accuracy, training and test,
# are those of --batch with the same settings, which does not draw at all,
# and the plots' axis is this run's.
# The run is sized to outlast the resizes: a first run in the pane shows
# how many steps a second it takes, is stopped, and the real one is set to
# about 20 s of that (two epochs or more under a sanitizer); a run that
# still ends before the last resize fails the test, which then checked
# nothing. The batch run for
# comparison goes alongside. Prints TAP; needs tmux.
. "$(dirname "$0")/tmux-lib.sh"

opts="--batch-size 1 --seed 7"
DATA=$SAMPLE
per=0                    # steps an epoch at batch size 1 (read from the pane)

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# steps: how many steps the run on screen has taken
steps() {
	screen | sed -n "s|.*Epoch \([0-9]*\)/[0-9]*  *\([0-9]*\)/$per steps.*|\1 \2|p" | head -1 |
		awk -v per=$per '{ print ($1 - 1) * per + $2 }'
}

# 98 of the 100 sizes (50x12 and 49x12 come first, checked): one row too
# few, tiny ones, then random ones (a fixed seed: every run sends the same).
awk 'BEGIN {
	print "50 11"; print "1 1"; print "2 1"; print "10 3"
	srand(42)
	for (i = 6; i < 100; i++)
		printf "%d %d\n", 1 + int(rand() * 220), 1 + int(rand() * 70)
}' >"$tmp/sizes"

echo "1..10"
start 160 40 "" "$(with_stty "$GENRETUI --epochs 1000 $opts $DATA")"
wait_for "kept" 30
keys 3
keys t
wait_re "Epoch [0-9]+/1000 .* running" 20
per=$(screen | sed -n 's|.*Epoch [0-9]*/1000  *[0-9]*/\([0-9]*\) steps.*|\1|p' | head -1)
a=$(steps) ta=$(now_ms)
sleep 1
b=$(steps) tb=$(now_ms)
keys z
wait_re "Epoch [0-9]+/1000 .* stopped" 120    # (it evaluates the model first)
first=$(screen | sed -n 's/.*stopped after \([0-9]*\) epochs.*/\1/p' | head -1)
rate=$(( (${b:-0} - ${a:-0}) * 1000 / (tb - ta + 1) ))
epochs=$(( (rate * 20 + per / 2) / per ))
[ $epochs -lt 2 ] && epochs=2
[ $epochs -gt 4000 ] && epochs=4000    # (the plots keep 4,096 epochs)
echo "# $rate steps a second in the pane: $epochs epochs"
keys j e $(echo $epochs | sed 's/./& /g') Enter
keys t
if wait_re "Epoch [0-9]+/$epochs .* running" 20; then ok "the run starts ($epochs epochs)"; else not_ok "the run starts ($epochs epochs)"; fi
"$GENRETUI" --batch --epochs $epochs $opts "$DATA" >"$tmp/batch" 2>&1 &
batch=$!
# The first two of the 100 sizes: the smallest that works, one below it.
tm resize-window -t gt -x 50 -y 12
if wait_re "Epoch [0-9]+/" 5; then ok "at 50x12 the pane is drawn"; else not_ok "at 50x12 the pane is drawn"; fi
tm resize-window -t gt -x 49 -y 12
if wait_for "terminal too small" 5; then ok "at 49x12: terminal too small"; else not_ok "at 49x12: terminal too small"; fi
while read -r w h; do
	tm resize-window -t gt -x "$w" -y "$h"
	sleep 0.03
done <"$tmp/sizes"
tm resize-window -t gt -x 160 -y 40
if wait_re "Epoch [0-9]+/$epochs .* running" 2; then
	ok "100 resizes while it trains, and it still trains"
elif screen | grep -qE "Epoch $epochs/$epochs .* done"; then
	# the run ended while resizing: the resizes after it tested nothing
	echo "# the run ended before the last resize: the estimate of $epochs epochs was too short"
	not_ok "100 resizes while it trains, and it still trains"
else
	not_ok "100 resizes while it trains, and it still trains"
fi

wait "$batch"
wait_re "Epoch $epochs/$epochs .* done" 600
check "the run finishes" $?
# The stopped first run is drawn faintly behind, over the epochs it trained
# (it once stretched the axis to the 1000 it was set to).
axis=$epochs
[ "${first:-0}" -gt $axis ] && axis=$first
screen | grep -qE "epoch $axis +1 .* epoch $axis *\$"
check "the plots' axis ends at epoch $axis (this run $epochs, the stopped one ${first:-?})" $?

# The epochs the pane lists (the last ones that fit): batch "Epoch N/E - ...
# - loss: L - ...", pane "N L ...".
sed -n 's|^Epoch \([0-9]*\)/[0-9]* - .* - loss: \([0-9.]*\) - .*|\1 \2|p' "$tmp/batch" >"$tmp/want"
screen | sed -n 's|^ *\([0-9][0-9]*\) \([0-9]\.[0-9]\{4\}\) [0-9]\.[0-9]\{3\} .*|\1 \2|p' >"$tmp/got"
shown=$(wc -l <"$tmp/got")
if [ "$(wc -l <"$tmp/want")" = $epochs ] && [ "$shown" -ge 1 ] && ! grep -vxFf "$tmp/want" "$tmp/got" >/dev/null; then
	ok "the loss of every epoch listed ($shown) equals the batch run's"
else
	paste "$tmp/want" "$tmp/got" | sed 's/^/# batch | pane: /'
	not_ok "the loss of every epoch listed equals the batch run's"
fi
# The headline: the model (the last epoch's weights: the paper preset holds
# no validation slice) scores the batch run's last test accuracy.
want=$(sed -n "s|^Epoch $epochs/$epochs - .* - test_accuracy: \([0-9.]*\)\$|Test accuracy \1, weights of epoch $epochs of $epochs|p" "$tmp/batch")
if [ -n "$want" ] && screen | grep -qF -- "$want"; then
	ok "the headline equals the batch run's: $want"
else
	echo "# batch: $want"
	not_ok "the headline equals the batch run's"
fi
keys q y
if wait_for "EXIT=0" 10; then ok "q, y exits with status 0 (no crash)"; else not_ok "q, y exits with status 0 (no crash)"; fi
stty_same
check "the terminal is as it was" $?
exit 0
