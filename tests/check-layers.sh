#!/bin/sh
# Check the layer rules of HACKING by grepping the #include lines: each
# library, and the headers of the upper layers, may only be included by the
# files listed for it.  Prints FILE:LINE for each violation; exit 1 if any.
set -u

srcdir=${TERN_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}

# One rule a line: a name, an extended regex for what is included (as
# written between the <> or ""), then the files that may include it (shell
# patterns relative to the source tree).  Fields are separated by blanks.
rules='
curses      <(n?curses[a-z]*|ncursesw?/[^>]*|term)\.h>   src/ui*.c include/ui_curses.h
libetpan    <libetpan/[^>]*>   src/imap*.c src/imap*.h src/stream.c src/mime*.c src/smtp.c
sqlite      <sqlite3\.h>       src/cache*.c src/journal.c
openssl     <openssl/[^>]*>    src/tls.c src/stream.c
ui-header   "ui(_[^"]*)?\.h"    src/ui*.c include/ui*.h src/app.c src/main.c src/actions*.c
app-header  "app\.h"           src/ui*.c include/ui*.h src/app.c src/main.c src/actions*.c
worker-priv "worker_private\.h" src/worker*.c src/worker_private.h
'

# The files whose includes are checked.
files() {
	for f in src/*.c src/*.h include/*.h; do
		[ -f "$f" ] && echo "$f"
	done
}

# Whether file $1 matches one of the patterns in $2.
allowed() {
	set -f
	for p in $2; do
		set +f
		# shellcheck disable=SC2254
		case $1 in $p) return 0 ;; esac
	done
	set +f
	return 1
}

cd "$srcdir" || exit 1
if [ -z "$(files)" ]; then
	echo "check-layers: no sources under $srcdir"
	exit 1
fi

failed=0
out=$(mktemp "${TMPDIR:-/tmp}/check-layers.XXXXXX")
trap 'rm -f "$out"' EXIT
echo "$rules" | while read -r name re allow; do
	[ -n "$name" ] || continue
	if echo | grep -E "$re" >/dev/null 2>&1; [ $? -eq 2 ]; then
		echo "check-layers: bad regex in rule $name: $re"
		continue
	fi
	files | while read -r f; do
		allowed "$f" "$allow" && continue
		grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*$re" "$f" |
		while IFS=: read -r line text; do
			echo "$f:$line: $name: $text (only in: $allow)"
		done
	done
done >"$out"

if [ -s "$out" ]; then
	echo "layer rule broken (see Layers in HACKING):"
	cat "$out"
	failed=1
fi
[ "$failed" -eq 0 ] && echo "layers ok: $(files | wc -l) files checked"
exit "$failed"
