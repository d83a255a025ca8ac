# Sourced by t-sort.sh and t-sort-local.sh: o with each order gives the
# rows in the order of Dovecot's own UID SORT, reversed too, the cursor
# stays on its message, and a warm start in an order shows the cached
# rows in the server's order.  SORT_HOW is what the log must say the
# order came from (SORT, or SEARCH when sorted here).

# More of INBOX: ties in sender and base subject, leaders and trailers
# RFC 5256 strips, a mailbox with "_", sizes apart.
sort_seed() {
	_d=$TEST_DIR/sortmail
	mkdir -p "$_d"
	: >"$_d/list"
	_i=0
	while IFS='|' read -r _from _subj _body; do
		_i=$((_i + 1))
		printf 'From: %s\r\nTo: alice@example.org\r\nSubject: %s\r\nDate: Sat, 0%d Apr 2024 10:00:00 +0000\r\nMessage-ID: <sort-%d@example.org>\r\n\r\n%s\r\n' \
		    "$_from" "$_subj" "$_i" "$_i" "$_body" >"$_d/$_i.eml"
		printf 'INBOX\t%s\t\n' "$_i.eml" >>"$_d/list"
	done <<-'MAIL'
	Zed <alice@example.org>|Re: Welcome aboard|Short.
	bob@example.net|[team] Fwd: budget|A body of some more length than the others, to sort by size.
	Carol <carol@example.org>|Budget (fwd)|Mid length body here.
	<_under@example.org>|_underscore first?|x
	BOB <Bob@example.net>|re: re: Invoice copy|A copy of the invoice, as asked for last week, attached below, with more text than most.
	MAIL
	seed "$_d/list"
}

SORT_SUBJECTS="$INBOX_SUBJECTS
Re: Welcome aboard
[team] Fwd: budget
Budget (fwd)
_underscore first?
re: re: Invoice copy"

# order_is FILE: the rows on screen are in FILE's order, all of them.
order_is() {
	screen >"$TEST_DIR/screen"
	_prev=0
	while IFS= read -r _s; do
		_n=$(grep -nF -- "$_s" "$TEST_DIR/screen" | head -n 1 | cut -d: -f1)
		[ -n "$_n" ] && [ "$_n" -gt "$_prev" ] || return 1
		_prev=$_n
	done <"$1"
}

# check_order KEY CRITERIA: o KEY, and the rows end in the server's order.
# tern's arrival is the UID order (RFC 5256's ARRIVAL is INTERNALDATE):
# UID and -UID stand for it.
check_order() {
	case $2 in
	UID) imapc subjects INBOX >"$TEST_DIR/want" ;;
	-UID) imapc subjects INBOX | tac >"$TEST_DIR/want" ;;
	*) imapc sortby INBOX "$2" >"$TEST_DIR/want" ;;
	esac || fail "imapc: the order $2"
	assert_eq "$(wc -l <"$TEST_DIR/want")" 10 "messages sorted by $2"
	keys o
	wait_for 'Sort: \(d\)ate'
	keys "$1"
	wait_for 'Sorted by'
	poll "$WAIT_SECS" order_is "$TEST_DIR/want" || {
		diff "$TEST_DIR/want" "$TEST_DIR/screen" >&2 || true
		fail "o $1: the rows are not in the order of UID SORT $2"
	}
}

sort_run() {
	sort_seed
	tern_start_default
	wait_for 'Invoice copy'
	check_order f '(FROM)'
	check_order F '(REVERSE FROM)'
	check_order s '(SUBJECT)'
	check_order S '(REVERSE SUBJECT)'
	check_order z '(SIZE)'
	check_order Z '(REVERSE SIZE)'
	check_order d '(REVERSE DATE)'
	check_order D '(DATE)'
	check_order a -UID
	check_order A UID
	grep -q "INBOX: order of 10 messages from $SORT_HOW" "$TEST_DIR/tern.log" ||
	    fail "the order did not come from $SORT_HOW"

	# The cursor stays on its message when the order changes.
	check_order s '(SUBJECT)'
	goto_row 3
	keys o
	wait_for 'Sort: \(d\)ate'
	keys Z
	wait_for 'Sorted by reverse-size'
	keys Enter
	_third=$(sed -n 3p "$TEST_DIR/want")
	wait_for "Subject: $(printf %s "$_third" | sed 's/[][?.()]/\\&/g')"
	keys q
	keys q
	wait_exit

	# A warm start in an order: the cache's order is the server's.
	imapc sortby INBOX '(SUBJECT)' >"$TEST_DIR/want"
	write_config 'sort = subject'
	tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
	wait_for 'Invoice copy'
	order_is "$TEST_DIR/want" || {
		diff "$TEST_DIR/want" "$TEST_DIR/screen" >&2 || true
		fail "the warm start is not in the order of UID SORT (SUBJECT)"
	}
	wait_status 'ready'
	order_is "$TEST_DIR/want" || fail "the order moved after the resync"
	keys q
	wait_exit
	assert_eq "$TERN_STATUS" 0 "exit status after q"
}
