#!/bin/sh
# index-format lays out the list's columns (here flags, sender, size, date
# and subject between bars), wide characters keep the columns straight,
# and date-format = relative shows mail of minutes ago, of yesterday and
# of last year as such.  Then %t shows the recipients (the rows read
# back from the cache too) and %b the folder, in INBOX and Work/Projects.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed

# mail NAME SUBJECT FROM DATE: a message file for imapc append.
mail() {
	printf 'From: %s\nTo: alice@example.org\nSubject: %s\nDate: %s\nMessage-ID: <%s@example.org>\n\nHello.\n' \
	    "$3" "$2" "$4" "$1" >"$TEST_DIR/$1.eml"
	imapc append INBOX "$TEST_DIR/$1.eml" '\Seen'
}
mail fresh 'Fresh news' 'Eve <eve@example.org>' "$(date -R -d '-5 min')"
mail yday 'Yesterday news' 'Eve <eve@example.org>' \
    "$(date -R -d 'yesterday 12:00')"
mail old 'Old news' 'Eve <eve@example.org>' "$(date -R -d '-400 days')"
old_date=$(date -d '-400 days' +%Y-%m-%d)
# A sender in double-width characters: 8 columns for 4 characters.
mail wide 'Wide sender' '=?UTF-8?B?5bGx55Sw5aSq6YOO?= <yamada@example.jp>' \
    "$(date -R -d '-3 hours')"

# looks LINE...: the configuration with these settings at its top, where
# the settings of the screen go.
looks() {
	write_config
	{
		printf '%s\n' "$@"
		cat "$CONFIG"
	} >"$CONFIG.new"
	mv "$CONFIG.new" "$CONFIG"
}

# row_has SUBJECT TEXT: the row showing SUBJECT has TEXT.
row_has() {
	row "$1" | grep -Fq -- "$2" || fail "row of '$1': '$(row "$1")'"
}

looks 'index-format = "%f|%-14F|%5S|%-10d|%s"' 'date-format = relative'
tern_start -c "$CONFIG"
wait_for 'Welcome to the team'
wait_for 'Wide sender'

# Sender in 14 columns, the size right-aligned in 5, then the date.
row 'Welcome to the team' |
    grep -Eq '\|Carol Jones   \|  345\|2024-03-04\|Welcome to the team' ||
    fail "row of 'Welcome to the team': '$(row 'Welcome to the team')'"
row 'Fresh news' | grep -Eq '\|Eve           \| +[0-9]+\|[0-9] min ago \|Fresh news' ||
    fail "row of 'Fresh news': '$(row 'Fresh news')'"
row 'Yesterday news' | grep -Eq '\|yesterday \|Yesterday news' ||
    fail "row of 'Yesterday news': '$(row 'Yesterday news')'"
row_has 'Old news' "|$old_date|Old news"
row 'Wide sender' | grep -q '山田太郎' ||
    fail "row of 'Wide sender': '$(row 'Wide sender')'"

# Every row's bars in the same columns, the wide sender's too.
cols=$(screen | grep -F '│' | grep -F '|' | python3 -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
seen = set()
for line in sys.stdin:
    line = line.rstrip("\n")
    bars, col = [], 0
    for c in line:
        if c == "|":
            bars.append(col)
        col += width(c)
    seen.add(tuple(bars[-4:]))
print(len(seen), sorted(seen))
')
case $cols in
1\ *) ;;
*) fail "the bars are not in the same columns on every row: $cols" ;;
esac
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status"

# Several recipients, one of them in a group: the first, and how many
# more.  The other rows come from the cache this time.
printf 'From: Eve <eve@example.org>\nTo: Bob Smith <bob@example.org>, team: carol@example.org, dan@example.org;\nSubject: Many recipients\nDate: %s\nMessage-ID: <many@example.org>\n\nHello.\n' \
    "$(date -R -d '-1 hour')" >"$TEST_DIR/many.eml"
imapc append INBOX "$TEST_DIR/many.eml" '\Seen'
looks 'index-format = "|%-18t|%-14b|%s"'
tern_restart -c "$CONFIG"
wait_for 'Many recipients'
row_has 'Many recipients' '|Bob Smith +2      |INBOX         |Many recipients'
row_has 'Fresh news' '|alice@example.org |INBOX         |Fresh news'
row_has 'Welcome to the team' '|Alice Liddell     |INBOX         |Welcome'
keys c
wait_for 'Go to folder'
type_text wproj
keys Enter
wait_for 'Project Falcon kickoff'
row_has 'Project Falcon kickoff' '|Alice Liddell     |Work/Projects |Project'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status"
