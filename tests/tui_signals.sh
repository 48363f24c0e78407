#!/bin/sh
# tui_signals.sh: SIGINT, SIGTERM and SIGHUP sent to the terminal interface
# while it loads its file, while it trains (Train pane) and while the
# readline prompt (Predict pane) holds a half-typed line. Each time the
# program ends with the status genretui(1) documents (SIGINT quits like q,
# status 0; SIGTERM and SIGHUP give 128 + the signal's number; before the
# interface is up a signal has its default effect), the terminal's settings
# are as they were (stty -a before and after) and nothing but the loading
# line is left on the screen. Loading is held deterministically by reading
# the data from a FIFO that a writer keeps open. Then the same signals at
# the prompt of --predict on its own, the terminal closing under the
# program (idle, training, and with SIGHUP blocked), and Ctrl-C typed at
# the Predict pane. Then every other signal that ends a process (QUIT,
# USR1, USR2, PIPE, ALRM) while idle and while training: the program dies
# of it as before, but the terminal is given back first; and Ctrl-S, which
# must not freeze the screen (no XON/XOFF). Runs on the bundled sample (a
# fixture). Prints TAP; needs tmux.
. "$(dirname "$0")/tmux-lib.sh"
CSV=$SAMPLE

# signum NAME: the signal's number
signum() {
	i=1
	while [ $i -lt 32 ]; do
		[ "$(kill -l $i 2>/dev/null)" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
}

# joined: the screen with wrapped lines joined (a long path wraps the
# loading line), trailing blanks dropped.
joined() { tm capture-pane -p -J -t gt | sed 's/ *$//'; }

# ended DESCRIPTION STATUS [NOTICE]: the program ended with STATUS, the
# terminal is restored, and the screen holds only the loading line, the
# status and NOTICE (the shell's word for a process a signal killed).
ended() {
	if wait_for "EXIT=" 20 && screen | grep -qx "EXIT=$2" && stty_same &&
		! joined | grep -v -e '^genretui: loading .* \.\.\.$' -e '^EXIT=' -e '^$' \
			-e "^${3:-EXIT=}\$" | grep -q .; then
		ok "$1"
	else
		echo "# wanted EXIT=$2"
		stty_same || diff "$tmp/before" "$tmp/after" | sed 's/^/# stty: /'
		not_ok "$1"
	fi
}

# send SIGNAL: to the program running in the session
send() {
	pid=$(app_pid)
	if [ -n "$pid" ]; then kill -"$1" "$pid"; else echo "# no program to signal"; fi
}

"$GENRETUI" --batch --epochs 1 --quiet --save-model "$tmp/m.gtm" "$CSV" >/dev/null 2>&1
mkfifo "$tmp/fifo.csv" || exit 99

for sig in INT TERM HUP; do
	case $sig in INT) want=0 ;; *) want=$((128 + $(signum $sig))) ;; esac

	# (a) Loading: the writer sends the header and 1,000 rows, then holds
	# the FIFO open, so the loader waits for the rest.
	start 100 30 "" "$(with_stty "$GENRETUI $tmp/fifo.csv")"
	(head -n 1000 "$CSV" && exec sleep 60) >"$tmp/fifo.csv" &
	writer=$!
	wait_for "loading" 20
	sleep 0.5
	send $sig
	case $sig in INT) notice= ;; TERM) notice=Terminated ;; HUP) notice=Hangup ;; esac
	ended "SIG$sig while loading: killed (status $((128 + $(signum $sig)))), terminal as it was" \
		$((128 + $(signum $sig))) "$notice"
	kill "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null

	# (b) Training in the Train pane.
	start 100 30 "" "$(with_stty "$GENRETUI --epochs 50 --batch-size 1 $CSV")"
	wait_for "kept" 30
	keys 3
	keys t
	wait_for "running" 10
	send $sig
	ended "SIG$sig while training: status $want, terminal as it was" $want

	# (c) The readline prompt with a half-typed line.
	start 100 30 "XDG_STATE_HOME=$tmp/state" "$(with_stty "$GENRETUI --model $tmp/m.gtm $CSV")"
	wait_for "kept" 30
	keys 5
	keys 'energy=0.9 dance'
	wait_for "genre> energy=0.9 dance" 10
	send $sig
	ended "SIG$sig at the predict prompt: status $want, terminal as it was" $want
done

# --predict on its own: readline's handlers put the terminal back, then the
# signal has its default effect.
for sig in INT TERM HUP; do
	start 100 30 "XDG_STATE_HOME=$tmp/state" "$(with_stty "$GENRETUI --model $tmp/m.gtm --predict")"
	wait_for "genre>" 20
	keys 'energy=0.9 tem'
	wait_for "genre> energy=0.9 tem" 10
	send $sig
	st=$((128 + $(signum $sig)))
	if wait_for "EXIT=$st" 20 && stty_same; then ok "SIG$sig at the --predict prompt: status $st, terminal as it was"
	else not_ok "SIG$sig at the --predict prompt: status $st, terminal as it was"; fi
done

# gone PID: the process has ended (a zombie counts: its parent is gone too)
gone() {
	i=0
	while [ $i -lt 50 ]; do
		case $(ps -o stat= -p "$1" 2>/dev/null) in ''|Z*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# The terminal goes away (tmux closes the pane): the program ends, also
# when SIGHUP is blocked and only the dead terminal tells (python3 blocks
# it before starting genretui; skipped without python3).
for how in idle training blocked; do
	case $how in
	blocked) command -v python3 >/dev/null 2>&1 || { skip "the terminal closes, SIGHUP blocked: the program ends" "no python3"; continue; }
		cmd="python3 -c \"import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP}); os.execv(sys.argv[1], sys.argv[1:])\" $GENRETUI $CSV" ;;
	*) cmd="$GENRETUI --epochs 50 --batch-size 1 $CSV" ;;
	esac
	# (LeakSanitizer's exit-time check, which stops the threads with
	# ptrace, can hang for good once the terminal is gone: a sanitizer
	# build checks for leaks everywhere but here.)
	start 100 30 "ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0" "$cmd"
	wait_for "kept" 30
	if [ $how = training ]; then keys 3; keys t; wait_for "running" 10; fi
	pid=$(app_pid)
	tm kill-session -t gt
	if [ -n "$pid" ] && gone "$pid"; then ok "the terminal closes ($how): the program ends"
	else not_ok "the terminal closes ($how): the program ends"; kill "$pid" 2>/dev/null; fi
done

# Ctrl-C typed at the prompt cancels the line, as in a shell (it is a key
# here, not the terminal's SIGINT); outside a prompt it quits like q.
start 100 30 "XDG_STATE_HOME=$tmp/state" "$(with_stty "$GENRETUI --model $tmp/m.gtm $CSV")"
wait_for "kept" 30
keys 5
keys 'tempo=12'
wait_for "genre> tempo=12" 10
keys C-c
expect "Ctrl-C typed at the predict prompt cancels the line" "genre> tempo=12^C"
if wait_re "^ genre>$" 3 && ! screen | grep -q "^EXIT="; then ok "... the prompt is empty and the program goes on"
else not_ok "... the prompt is empty and the program goes on"; fi
keys F1 C-c
ended "Ctrl-C in Browse quits (status 0), terminal as it was" 0

# The other signals whose default action ends a process: the program still
# dies of the signal (the shell's status 128 + its number), but the terminal
# is given back first: the settings as they were, the alternate screen left.
given_back() {
	if wait_for "EXIT=$2" 20 && stty_same && ! screen | grep -q "1 Browse"; then ok "$1"
	else
		echo "# wanted EXIT=$2"
		stty_same || diff "$tmp/before" "$tmp/after" | sed 's/^/# stty: /'
		not_ok "$1"
	fi
}
for sig in QUIT USR1 USR2 PIPE ALRM; do
	st=$((128 + $(signum $sig)))
	start 100 30 "" "$(with_stty "ulimit -c 0; $GENRETUI --epochs 50 --batch-size 1 $CSV")"
	wait_for "kept" 30
	send $sig
	given_back "SIG$sig while idle: status $st, the terminal given back" $st
	start 100 30 "" "$(with_stty "ulimit -c 0; $GENRETUI --epochs 50 --batch-size 1 $CSV")"
	wait_for "kept" 30
	keys 3
	keys t
	wait_for "running" 10
	send $sig
	given_back "SIG$sig while training: status $st, the terminal given back" $st
done
# Ctrl-\ typed is the terminal's SIGQUIT.
start 100 30 "" "$(with_stty "ulimit -c 0; $GENRETUI $CSV")"
wait_for "kept" 30
tm send-keys -t gt -l "$(printf '\034')"     # Ctrl-\\ (FS)
given_back "Ctrl-\\ typed: status $((128 + $(signum QUIT))), the terminal given back" $((128 + $(signum QUIT)))

# Ctrl-S is a key, not XON: the screen goes on being drawn.
start 100 30 "" "$(with_stty "$GENRETUI $CSV")"
wait_for "kept" 30
keys C-s
keys 2
expect "Ctrl-S does not freeze the screen (the next key is drawn)" "Majority-class baseline" 5
keys q
if wait_for "EXIT=0" 10 && stty_same; then ok "... and the terminal's flow control is as it was after q"
else not_ok "... and the terminal's flow control is as it was after q"; fi
echo "1..$n"
exit 0
