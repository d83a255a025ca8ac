#!/bin/sh
# Two accounts (alice and bob on the test Dovecot): both trees in the
# folder pane with their counts, 2 and 1 switching between their INBOXes,
# a flag changed in bob's INBOX reaching bob's server only, an account's
# tree hidden with Space on its row, and an account whose server is down
# not keeping the other from working.
. "$(dirname "$0")/lib.sh"
set -eu

# imapc as bob.
bob() {
	IMAP_USER=bob IMAP_PASS=$BOB_PASS $IMAPC "$@"
}

# bob_flagged: one of bob's two INBOX messages is flagged on his server.
bob_flagged() {
	bob flags INBOX 'Standup moved to 10:00' | grep -q Flagged ||
	    bob flags INBOX 'Code review guidelines' | grep -q Flagged
}

# account_config FIRST-NAME FIRST-URL FIRST-PASS SECOND-NAME...: $CONFIG.
account_config() {
	CONFIG=$TEST_DIR/config
	{
		printf '[account "%s"]\nimap = %s\n' "$1" "$2"
		printf 'password-command = printf %%s %s\nca-file = %s\n' \
		    "$3" "$CA_FILE"
		printf '[account "%s"]\nimap = %s\n' "$4" "$5"
		printf 'password-command = printf %%s %s\nca-file = %s\n' \
		    "$6" "$CA_FILE"
	} >"$CONFIG"
}

dovecot_start
seed
# bob's INBOX holds two messages whose subjects alice has in Work.
printf 'INBOX\t%s\t\nINBOX\t%s\t\\Seen\nReceipts\t%s\t\n' \
    "$DATA_DIR/work-1.eml" "$DATA_DIR/work-2.eml" "$DATA_DIR/archive-1.eml" \
    >"$TEST_DIR/bob.list"
bob seed "$TEST_DIR/bob.list" || fail "seeding bob failed"

account_config alice "imaps://alice@127.0.0.1:$IMAPS_PORT" "$ALICE_PASS" \
    bob "imaps://bob@127.0.0.1:$IMAPS_PORT" "$BOB_PASS"
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
# Both trees, each under its account's row, alice's first.
wait_for '^alice'
wait_for '^bob'
wait_for '^ *Receipts 1'
assert_order alice Work Receipts
assert_eq "$(pane_count Work)" 1 "alice's Work unread count"
wait_status '^ *tern: alice \(alice@'

# 2: bob's INBOX, named in the status bar.
keys 2
wait_for 'Standup moved to 10:00'
wait_for 'Code review guidelines'
wait_gone 'Meeting notes'
wait_status '^ *tern: bob \(bob@127\.0\.0\.1\) \| INBOX'
# A flag set there reaches bob's server, and alice's copies keep theirs.
keys F
wait_server bob_flagged
lacks_flag Work 'Standup moved to 10:00' '\Flagged' ||
    fail "alice's Work got bob's flag"
lacks_flag Work 'Code review guidelines' '\Flagged' ||
    fail "alice's Work got bob's flag"

# 1: back to alice's INBOX.
keys 1
wait_for 'Meeting notes'
wait_status '^ *tern: alice \(alice@'

# Space on bob's row hides his folders, with his unread mail beside it.
keys Tab
pane_goto bob alice
keys Space
wait_gone '^ *Receipts'
wait_for '^bob \[\+[0-9]+\]'
keys Space
wait_for '^ *Receipts 1'

keys q q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"

# A first account whose server is down: the second one works all the same.
set -- $(free_ports)
account_config down "imaps://bob@127.0.0.1:$1" "$BOB_PASS" \
    alice "imaps://alice@127.0.0.1:$IMAPS_PORT" "$ALICE_PASS"
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for '^down - offline'
wait_for '^ *Work 1'
keys 2
wait_for 'Meeting notes'
wait_status '^ *tern: alice \(alice@.*\| ready'
keys 1
wait_status '^ *tern: down \('
keys q q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
