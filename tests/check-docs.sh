#!/bin/sh
# Check the manual against the program: every option that "tern --help"
# prints must be documented in man/tern.1 (as "Fl x" or "Fl Fl name"), every
# key that "tern --dump-keys" prints must be there as "Ic KEY", and, if
# mandoc is installed, both pages must lint clean.  Exit 1 on any failure.
set -u

srcdir=${TERN_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${TERN_BUILDDIR:-$srcdir}
bin=${TERN_BIN:-$builddir/src/tern}
page=$srcdir/man/tern.1
confpage=$srcdir/man/tern.conf.5

if [ ! -x "$bin" ]; then
	echo "check-docs: no tern binary at $bin (build first, or set TERN_BIN)"
	exit 1
fi
for f in "$page" "$confpage"; do
	if [ ! -s "$f" ]; then
		echo "check-docs: $f is missing or empty"
		exit 1
	fi
done

failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# What the page documents, one a line, with the \& escape removed:
# "-x" for each "Fl x", "--name" for each "Fl Fl name", and the word after
# each "Ic".
awk '{
	gsub(/\\&/, "")
	for (i = 1; i < NF; i++) {
		w = $i
		sub(/^\./, "", w)
		if (w == "Fl" && $(i + 1) == "Fl" && i + 2 <= NF)
			print "--" $(i + 2)
		else if (w == "Fl" && (i == 1 || $(i - 1) != "Fl"))
			print "-" $(i + 1)
	}
}' "$page" >"$tmp/fl"
awk '{
	gsub(/\\&/, "")
	for (i = 1; i < NF; i++) {
		w = $i
		sub(/^\./, "", w)
		if (w == "Ic")
			print $(i + 1)
	}
}' "$page" >"$tmp/ic"

# --- options ---------------------------------------------------------------
if ! "$bin" --help >"$tmp/help" 2>&1; then
	echo "check-docs: '$bin --help' failed:"
	sed 's/^/    /' "$tmp/help"
	exit 1
fi
# Long options: --name.  Short options: -x, or a bundle such as [-hV].
grep -oE -- '(^|[^-[:alnum:]])--[a-z][a-z0-9-]*' "$tmp/help" |
    sed 's/^.*--//' | sort -u >"$tmp/long"
grep -oE -- '(^|[][ ,(])-[A-Za-z0-9]+([] ,)]|$)' "$tmp/help" |
    sed 's/^.*-//; s/[] ,)]$//' | fold -w1 | sort -u >"$tmp/short"
if [ ! -s "$tmp/long" ] && [ ! -s "$tmp/short" ]; then
	echo "check-docs: found no options in '$bin --help'"
	exit 1
fi
while read -r opt; do
	if ! grep -qxF -- "--$opt" "$tmp/fl"; then
		echo "man/tern.1: option --$opt is not documented" \
		    "(expected 'Fl Fl $opt')"
		failed=1
	fi
done <"$tmp/long"
while read -r opt; do
	if ! grep -qxF -- "-$opt" "$tmp/fl"; then
		echo "man/tern.1: option -$opt is not documented" \
		    "(expected 'Fl $opt')"
		failed=1
	fi
done <"$tmp/short"

# --- keys ------------------------------------------------------------------
# The defaults: no configuration of the caller's.
if ! "$bin" -c /dev/null --dump-keys >"$tmp/keys" 2>&1; then
	echo "check-docs: '$bin --dump-keys' failed:"
	sed 's/^/    /' "$tmp/keys"
	exit 1
fi
# "KEY = ACTION" lines in [keys] sections; the page writes <Enter> as Enter
# and "#" as #.
awk '/^\[/ || /^#/ || /^keys-preset/ { next }
	/ = / {
		k = substr($0, 1, index($0, " = ") - 1)
		if (k ~ /^<.*>$/ || k ~ /^".*"$/)
			k = substr(k, 2, length(k) - 2)
		print k
	}' "$tmp/keys" | sort -u >"$tmp/keynames"
if [ ! -s "$tmp/keynames" ]; then
	echo "check-docs: found no key bindings in '$bin --dump-keys'"
	exit 1
fi
while IFS= read -r key; do
	if ! grep -qxF -- "$key" "$tmp/ic"; then
		echo "man/tern.1: key '$key' is not documented (expected 'Ic $key'" \
		    "in DEFAULT KEY BINDINGS)"
		failed=1
	fi
done <"$tmp/keynames"

# --- mandoc ----------------------------------------------------------------
if command -v mandoc >/dev/null 2>&1; then
	if ! mandoc -T lint -W warning "$page" "$confpage" >"$tmp/lint" 2>&1
	then
		echo "mandoc -T lint -W warning:"
		sed 's/^/    /' "$tmp/lint"
		failed=1
	fi
else
	echo "note: mandoc not installed; the pages were not linted"
fi

[ "$failed" -eq 0 ] && echo "docs ok: $(wc -l <"$tmp/long") long and" \
    "$(wc -l <"$tmp/short") short options, $(wc -l <"$tmp/keynames") keys"
exit "$failed"
