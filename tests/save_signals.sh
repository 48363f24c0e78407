#!/bin/sh
# save_signals.sh: a model file being written by --batch --save-model when
# a signal arrives is the old file or the new one, never a part of either.
#
# First the moment is held on purpose: strace delays the fsync of the
# temporary file by a second, and the signal comes then. SIGINT, SIGTERM,
# SIGHUP and SIGQUIT wait for the save (the new file is in place, no
# temporary file is left, and then the signal ends the program); SIGKILL
# cannot wait: the old file stays and so does the stale PATH.tmpXXXXXX
# (skipped without a working strace). Then each signal and SIGKILL at
# random moments around the end of a run, again and again: the file is
# always the old model or the complete new one (compared byte for byte;
# the new one also loads), and only SIGKILL may leave a temporary file.
# Needs only the bundled sample. Prints TAP.
GENRETUI=${GENRETUI:-./genretui}
SAMPLE=${GT_SAMPLE_CSV:-data/synthetic_sample.csv}
ulimit -c 0 2>/dev/null   # SIGQUIT dumps no core here
RUNS=${GT_SAVE_RUNS:-20}        # random moments per signal

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { if [ "$2" = 0 ]; then ok "$1"; else not_ok "$1"; fi; }

# A background job of a script ignores SIGINT unless told otherwise.
dflt=
env --default-signal=INT true 2>/dev/null && dflt="env --default-signal=INT,QUIT"
signals="TERM HUP KILL${dflt:+ INT QUIT}"
signum() { case $1 in HUP) echo 1 ;; INT) echo 2 ;; QUIT) echo 3 ;; KILL) echo 9 ;; TERM) echo 15 ;; esac; }

# save SEED FILE [PREFIX...]: one epoch on the sample with SEED, saved to
# FILE; the shell becomes the program (so run it in a subshell: $! of
# `(save ...) &` is the program's, or PREFIX's, process)
save() {
	seed=$1 file=$2
	shift 2
	exec $dflt "$@" "$GENRETUI" --batch --json --quiet --epochs 1 --seed "$seed" \
		--save-model "$file" "$SAMPLE" >/dev/null 2>"$file.err"
}
# what FILE: old, new or bad (anything else, absent included)
what() {
	if cmp -s "$1" "$tmp/old.gtm"; then echo old
	elif cmp -s "$1" "$tmp/new.gtm"; then echo new
	else echo bad; fi
}
temps() { ls "$1" | grep -c '\.tmp'; }

(save 1 "$tmp/old.gtm")
(save 2 "$tmp/new.gtm")
echo 'energy=0.9' | "$GENRETUI" --model "$tmp/new.gtm" --predict >"$tmp/answer" 2>&1
if [ -s "$tmp/old.gtm" ] && ! cmp -s "$tmp/old.gtm" "$tmp/new.gtm" && grep -q 'filled=' "$tmp/answer"
then ok "two different models, the new one loads"
else not_ok "two different models, the new one loads"; exit 0; fi

# ---- The signal during the save, held open by strace.
if command -v strace >/dev/null 2>&1 && strace -o /dev/null -e inject=fsync:delay_enter=1 true 2>/dev/null; then
	held=1
else
	held=
fi
for sig in $signals; do
	desc="SIG$sig during the save"
	if [ -z "$held" ]; then skip "$desc" "no strace that can delay a system call"; continue; fi
	rm -rf "$tmp/h" && mkdir "$tmp/h" && cp "$tmp/old.gtm" "$tmp/h/m.gtm"
	(save 2 "$tmp/h/m.gtm" strace -o /dev/null -e trace=fsync \
		-e inject=fsync:delay_enter=1000000:when=1) &
	tracer=$!
	i=0
	until [ "$(temps "$tmp/h")" != 0 ] || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
	pid=$(pgrep -P "$tracer" -x "$(basename "$GENRETUI")")
	[ -n "$pid" ] && kill -"$sig" "$pid"
	wait "$tracer" 2>/dev/null
	st=$?
	got=$(what "$tmp/h/m.gtm") left=$(temps "$tmp/h")
	echo "# SIG$sig: status $st, file $got, $left temporary file(s)"
	if [ "$sig" = KILL ]; then
		[ "$st" = 137 ] && [ "$got" = old ] && [ "$left" = 1 ]
		check "$desc: the old file stays (a stale temporary file is left)" $?
	else
		[ "$st" = $((128 + $(signum $sig))) ] && [ "$got" = new ] && [ "$left" = 0 ] &&
			! grep -q "model saved" "$tmp/h/m.gtm.err"
		check "$desc: it waits until the new file is in place, no temporary file left" $?
	fi
done

# ---- Random moments: up to 1.3 times a whole run's time after its start.
t0=$(date +%s%N)
(save 2 "$tmp/timed.gtm")
run_ms=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
seed=${GT_SAVE_SEED:-$(date +%s)}
echo "# a run takes $run_ms ms; random delays with seed $seed (GT_SAVE_SEED)"
awk -v n="$RUNS" -v ms="$run_ms" -v seed="$seed" 'BEGIN {
	srand(seed)
	for (i = 0; i < 5 * n; i++) printf "%.4f\n", rand() * ms * 1.3 / 1000
}' >"$tmp/delays"
for sig in $signals; do
	old=0 new=0 bad=0 left=0 during=0
	for i in $(seq "$RUNS"); do
		d=$(sed -n 1p "$tmp/delays")
		sed -i 1d "$tmp/delays"
		rm -rf "$tmp/r" && mkdir "$tmp/r" && cp "$tmp/old.gtm" "$tmp/r/m.gtm"
		(save 2 "$tmp/r/m.gtm") &
		pid=$!
		sleep "$d"
		kill -"$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		st=$?
		got=$(what "$tmp/r/m.gtm")
		eval "$got=\$((\$$got + 1))"
		left=$((left + $(temps "$tmp/r")))
		# new, yet the program was killed before saying so: the signal came
		# while it was saving
		[ "$got" = new ] && [ "$st" -gt 128 ] && ! grep -q "model saved" "$tmp/r/m.gtm.err" &&
			during=$((during + 1))
	done
	echo "# SIG$sig: old $old, new $new, neither $bad; $during during the save; $left temporary file(s) left"
	[ "$bad" = 0 ]
	check "SIG$sig at $RUNS random moments: the file is the old or the new model every time" $?
	if [ "$sig" = KILL ]; then
		ok "SIGKILL: $left stale temporary file(s) left (nothing can remove them)"
	else
		[ "$left" = 0 ]
		check "SIG$sig: no temporary file is left behind" $?
	fi
done
echo "1..$n"
exit 0
