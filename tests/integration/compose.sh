# Helpers of the t-compose*.sh tests, sourced after lib.sh.
#
# compose_editor: $VISUAL becomes a script that keeps a copy of each draft
# file it is given ($ED/seen.N, its mode in mode.N, its directory's in
# dirmode.N, its path in path.N) and, if $ED/next.eml exists, writes that
# in its place (kept as wrote.N); with $ED/hold it waits for $ED/go first.
# Drafts go to their own $TMPDIR.
compose_editor() {
	ED=$TEST_DIR/ed
	mkdir -p "$ED" "$TEST_DIR/tmp"
	cat >"$ED/editor.sh" <<'SH'
#!/bin/sh
d=$(dirname "$0")
n=$(($(cat "$d/edits" 2>/dev/null || echo 0) + 1))
cp "$1" "$d/seen.$n"
stat -c %a "$1" >"$d/mode.$n"
stat -c %a "$(dirname "$1")" >"$d/dirmode.$n"
echo "$1" >"$d/path.$n"
while [ -f "$d/hold" ] && [ ! -f "$d/go" ]; do sleep 0.1; done
if [ -f "$d/next.eml" ]; then
	cp "$d/next.eml" "$1"
	cp "$d/next.eml" "$d/wrote.$n"
fi
echo $n >"$d/edits"
SH
	VISUAL="sh $ED/editor.sh"
	TMPDIR="$TEST_DIR/tmp"
	export VISUAL TMPDIR
	unset EDITOR
}

# edit CONTENT: what the editor writes next (printf format).
edit() {
	# shellcheck disable=SC2059
	printf "$1" >"$ED/next.eml"
}

# edits N: wait until the editor has run N times.
edits() {
	_end=$(($(now) + WAIT_SECS))
	until [ "$(cat "$ED/edits" 2>/dev/null)" = "$1" ]; do
		[ "$(now)" -gt "$_end" ] && fail "the editor did not run $1 times"
		sleep 0.1
	done
}

# abandon: q and y on the compose screen.
abandon() {
	keys q
	wait_for 'Abort this message'
	keys y
	wait_for 'Message abandoned'
}
