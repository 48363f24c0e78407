# tmux-lib.sh: what the tests/tui*.sh scripts share, sourced by each of them
# from its own directory:
#
#	. "$(dirname "$0")/tmux-lib.sh"
#
# It sets GENRETUI, CSV (the real dataset) and SAMPLE from the environment
# make check gives (see AM_TESTS_ENVIRONMENT), makes a scratch directory
# $tmp and a private tmux server on a socket inside it (both removed on
# exit), and defines the TAP helpers below. The session is always "gt".

GENRETUI=${GENRETUI:-./genretui}
CSV=${GT_REAL_CSV:-../shared/data/music_genre.csv}
SAMPLE=${GT_SAMPLE_CSV:-data/synthetic_sample.csv}

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

# need_csv: skip the whole script when the real dataset is not here.
need_csv() {
	if [ ! -r "$CSV" ]; then
		echo "1..0 # SKIP the real dataset is not at $CSV"
		exit 0
	fi
}

tmp=$(mktemp -d) || exit 99
# The server outlives its sessions: else a new session could reach a server
# still exiting after the last one was killed ("server exited unexpectedly").
echo "set -g exit-empty off" >"$tmp/tmux.conf"
tm() { tmux -f "$tmp/tmux.conf" -S "$tmp/tmux.sock" "$@"; }
# kill_tree PID: PID and every process under it, with SIGKILL. A program
# left to the SIGHUP of a killed session can outlive the test: a sanitizer
# build, for one, may hang in its exit-time leak check.
kill_tree() {
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done
	kill -KILL "$1" 2>/dev/null
}
# kill_app: whatever runs in the gt session's pane, before the session goes.
kill_app() {
	p=$(tm display-message -p -t gt '#{pane_pid}' 2>/dev/null) && [ -n "$p" ] && kill_tree "$p"
	return 0
}
trap 'kill_app; tm kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
n=0

# ---- TAP
ok() { n=$((n + 1)); echo "ok $n - $1"; }
# not_ok DESCRIPTION: the failure, with the screen as it is now
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; screen 2>/dev/null | sed 's/^/# /'; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESCRIPTION STATUS: ok when STATUS is 0
check() { if [ "$2" = 0 ]; then ok "$1"; else not_ok "$1"; fi; }

# ---- The screen
screen() { tm capture-pane -p -t gt; }
# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT (default 10 s)
wait_for() {
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# wait_re REGEX [SECONDS]: the same for an extended regular expression
wait_re() {
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		screen 2>/dev/null | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# expect DESCRIPTION TEXT [SECONDS]: a test that passes when TEXT shows
expect() {
	if wait_for "$2" "${3:-10}"; then ok "$1"; else echo "# '$2' never appeared"; not_ok "$1"; fi
}
expect_re() {
	if wait_re "$2" "${3:-10}"; then ok "$1"; else echo "# /$2/ never appeared"; not_ok "$1"; fi
}
# expect_not DESCRIPTION TEXT: passes when, a moment later, the program is
# still running (no EXIT= line from start's shell), the screen is not blank,
# and TEXT is not shown: a dead or empty screen shows no text at all.
expect_not() {
	sleep 0.3
	shown=$(screen 2>/dev/null)
	if [ -z "$(printf '%s' "$shown" | tr -d ' \n')" ]; then
		echo "# the screen is blank"; not_ok "$1"
	elif printf '%s\n' "$shown" | grep -q '^EXIT='; then
		echo "# the program has ended"; not_ok "$1"
	elif printf '%s\n' "$shown" | grep -qF -- "$2"; then
		not_ok "$1"
	else
		ok "$1"
	fi
}
# keys KEY...: type, then give the program a moment
keys() { tm send-keys -t gt "$@"; sleep 0.2; }

# ---- The session
# start WIDTH HEIGHT ENV COMMAND: a fresh WIDTHxHEIGHT session running the
# shell COMMAND (no single quotes in it) with ENV added to the environment;
# when COMMAND ends the pane shows EXIT=its status and stays a minute.
start() {
	# a second session keeps the server up while gt is replaced: else a
	# new session can meet the server on its way out and be lost
	tm has-session -t keep 2>/dev/null || tm new-session -d -s keep "sleep 3600"
	kill_app
	tm kill-session -t gt 2>/dev/null
	rm -f "$tmp/before" "$tmp/after"
	tm new-session -d -s gt -x "$1" -y "$2" \
		"env LANG=C.UTF-8 TERM=xterm-256color $3 sh -c '$4; echo EXIT=\$?; sleep 60'"
}
# with_stty COMMAND: COMMAND for start, between two snapshots of the
# terminal's settings ($tmp/before and $tmp/after), its status kept. The
# shell ignores Ctrl-C and Ctrl-\ so that it survives one sent to the program.
with_stty() {
	echo "trap : INT QUIT; stty -a >$tmp/before; $1; st=\$?; stty -a >$tmp/after; (exit \$st)"
}
# stty_same: the terminal's settings are as they were before COMMAND
stty_same() { [ -s "$tmp/before" ] && cmp -s "$tmp/before" "$tmp/after"; }
# app_pid: the process id of the program the session's shell is running
# (asked again for up to 2 s: a loaded machine may be slow to show it)
app_pid() {
	i=0
	while [ $i -lt 20 ]; do
		pp=$(tm display -p -t gt '#{pane_pid}' 2>/dev/null)
		p=$([ -n "$pp" ] && pgrep -P "$pp" -x "$(basename "$GENRETUI")" | head -1)
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
