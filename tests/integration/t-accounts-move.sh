#!/bin/sh
# Moving and copying between two accounts (alice and bob on the test
# Dovecot): s and C to "bob/Receipts" put the message in bob's folder with
# its flags, and a move takes it out of alice's INBOX only after bob's
# server said OK.  Then the connection to bob is cut after the APPEND went
# out and before its answer came back: the message is not lost (it stays
# in alice's INBOX, and is in bob's folder too), and the move done again
# does not make a second copy.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy.sh"
set -eu

bob() {
	IMAP_USER=bob IMAP_PASS=$BOB_PASS $IMAPC "$@"
}

# bob_has FOLDER SUBJECT
bob_has() {
	bob subjects "$1" | grep -qxF -- "$2"
}

# The messages in bob's Receipts, straight from the Maildir: seen at
# once when the server stores one, which imapc is too slow to catch.
receipts_files() {
	find "$TEST_DIR/home/bob/Maildir/.Receipts/cur" \
	    "$TEST_DIR/home/bob/Maildir/.Receipts/new" -type f | wc -l |
	    tr -d ' '
}

dovecot_start
seed
printf 'INBOX\t%s\t\\Seen\nReceipts\t%s\t\\Seen\n' \
    "$DATA_DIR/work-2.eml" "$DATA_DIR/archive-1.eml" >"$TEST_DIR/bob.list"
bob seed "$TEST_DIR/bob.list" || fail "seeding bob failed"
# bob's connection goes through a proxy, to be cut.
proxy_start
CONFIG=$TEST_DIR/config
cat >"$CONFIG" <<-EOF2
[account "alice"]
imap = imaps://alice@127.0.0.1:$IMAPS_PORT
password-command = printf %s $ALICE_PASS
ca-file = $CA_FILE
[account "bob"]
imap = imaps://bob@127.0.0.1:$PROXY_PORT
password-command = printf %s $BOB_PASS
ca-file = $CA_FILE
poll-interval = 3600
EOF2
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_for '^ *Receipts'
wait_status 'ready'

# A move: flagged first, so that the flag must travel with it.
goto_row 1	# Meeting notes, unread
keys F
wait_server has_flag INBOX 'Meeting notes' '\Flagged'
keys s
wait_for 'Move to folder:'
type_text bob/Receipts
keys Enter
WAIT_SECS=30 wait_for 'Moved to bob/Receipts'
bob_has Receipts 'Meeting notes' || fail "not in bob's Receipts"
_f=$(bob flags Receipts 'Meeting notes')
case $_f in *Flagged*) ;; *) fail "the flag was lost: '$_f'" ;; esac
case $_f in *Seen*) fail "an unread message arrived read: '$_f'" ;; esac
wait_server lacks_subject INBOX 'Meeting notes'
wait_gone 'Meeting notes'

# A copy: in both places.
goto_row 1	# Invoice 2024-117
keys C
wait_for 'Copy to folder:'
type_text bob/INBOX
keys Enter
WAIT_SECS=30 wait_for 'Copied to bob/INBOX'
bob_has INBOX 'Invoice 2024-117' || fail "not in bob's INBOX"
has_subject INBOX 'Invoice 2024-117' || fail "the copy left alice's INBOX"

# The cut: the APPEND is done on the server, its answer never arrives.
# Each chunk through the proxy is held 2 s from now on, and a watcher
# cuts the connection the moment the message is in bob's Maildir: before
# the server's OK gets through.
proxy_ctl delay 2000 >/dev/null
cat >"$TEST_DIR/watch.py" <<-'PY'
	import os, socket, sys, time
	d, had, ctl = sys.argv[1], int(sys.argv[2]), sys.argv[3]
	end = time.time() + 120
	while time.time() < end:
	    if sum(len(os.listdir(os.path.join(d, x))) for x in ("cur", "new")) > had:
	        s = socket.socket(socket.AF_UNIX)
	        s.connect(ctl)
	        s.sendall(b"drop\n")
	        print(s.recv(100).decode().strip())
	        break
	    time.sleep(0.01)
	PY
_had=$(receipts_files)
goto_row 2	# Build failure on main
keys s
wait_for 'Move to folder:'
type_text bob/Receipts
keys Enter
# The answers take 2 s each way: there is time to start watching.
python3 "$TEST_DIR/watch.py" "$TEST_DIR/home/bob/Maildir/.Receipts" "$_had" \
    "$PROXY_CTL" >"$TEST_DIR/cut.log" 2>&1 ||
    fail "the watcher failed: $(cat "$TEST_DIR/cut.log")"
grep -q '^ok dropped' "$TEST_DIR/cut.log" ||
    fail "the connection was not cut: $(cat "$TEST_DIR/cut.log")"
proxy_ctl delay 0 >/dev/null
WAIT_SECS=30 wait_for 'Not moved: the connection to bob was lost'
# Not lost: still in alice's INBOX, and in bob's Receipts too.
has_subject INBOX 'Build failure on main' ||
    fail "the source's copy went without the target's OK"
bob_has Receipts 'Build failure on main' || fail "not in bob's Receipts"
row 'Build failure on main' | grep -q . || fail "the row went"

# bob back: the same move looks before appending, and ends with one copy.
WAIT_SECS=60 wait_gone '^bob - '
goto_row 2
keys s
wait_for 'Move to folder:'
type_text bob/Receipts
keys Enter
WAIT_SECS=30 wait_for 'Moved to bob/Receipts'
wait_server lacks_subject INBOX 'Build failure on main'
assert_eq "$(bob msgids Receipts | grep -c 'seed-inbox-3@')" 1 \
    "copies of the moved message in bob's Receipts"
assert_eq "$(imapc count INBOX)" 3 "alice's INBOX messages"

# Offline, refused at once, and nothing moves.
proxy_ctl refuse >/dev/null
proxy_ctl drop >/dev/null
WAIT_SECS=30 wait_for '^bob - '
goto_row 1
keys s
wait_for 'Move to folder:'
type_text bob/Receipts
keys Enter
wait_for 'Offline \(bob\): moving or copying between accounts'
has_subject INBOX 'Invoice 2024-117' || fail "moved while offline"

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
