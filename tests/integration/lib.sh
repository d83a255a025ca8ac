# Shared code of the integration tests, sourced by each t-*.sh (POSIX sh).
#
# A test starts a private Dovecot on 127.0.0.1 with its own CA, fills it with
# known mail, runs tern in a detached tmux session and drives it with keys,
# then checks both what the screen shows and what the server holds (through
# imapc.py, a second client).  Exit status: 0 pass, 77 skip, anything else
# fails; on failure the screen, tern's stderr and Dovecot's log are printed.
#
# Waiting is always a poll with a deadline, never a fixed sleep: a loaded
# machine makes things slower, not wrong.

TERN_SRCDIR=${TERN_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TERN_BUILDDIR=${TERN_BUILDDIR:-$TERN_SRCDIR/build}
TERN_BIN=${TERN_BIN:-$TERN_BUILDDIR/src/tern}
INTEG_DIR=$TERN_SRCDIR/tests/integration
DATA_DIR=$TERN_SRCDIR/tests/data
IMAPC="python3 $INTEG_DIR/imapc.py"

# The accounts the private Dovecot knows.
ALICE_PASS=wonderland-7
BOB_PASS=builder-9
IMAP_USER=alice
IMAP_PASS=$ALICE_PASS
export IMAP_USER IMAP_PASS

# Default deadline of the wait_* helpers, in seconds.
WAIT_SECS=${WAIT_SECS:-10}

# Size of tern's terminal; tern_start -s 80x24 changes it.
TERM_COLS=100
TERM_ROWS=30

# 0: print no screen and logs when the script fails (the demo).
SHOW_CONTEXT=${SHOW_CONTEXT:-1}

TEST_DIR=
TMUX_SOCK=
DOVECOT_PID=
TERN_STATUS=
TEST_NAME=$(basename "$0" .sh)
# tmux run from inside a tmux session must not talk to the user's server.
unset TMUX TMUX_PANE

# --- outcome ---------------------------------------------------------------

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	# tests/run prints the last line as the reason.
	echo "$*"
	exit 77
}

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
	[ "$1" = "$2" ] && return 0
	fail "$3: expected '$2', got '$1'"
}

need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
	done
}

# Printed on failure: what the user saw and what the server said.
show_context() {
	if [ -n "$TMUX_SOCK" ] && [ -S "$TMUX_SOCK" ]; then
		echo "--- screen ---"
		screen 2>/dev/null | sed 's/^/|/'
	fi
	if [ -n "$TEST_DIR" ] && [ -s "$TEST_DIR/tern.stderr" ]; then
		echo "--- tern stderr ---"
		tail -n 30 "$TEST_DIR/tern.stderr"
	fi
	if [ -n "$TEST_DIR" ] && [ -f "$TEST_DIR/tern.status" ]; then
		echo "--- tern exit status: $(cat "$TEST_DIR/tern.status")"
	fi
	if [ -n "$TEST_DIR" ] && [ -s "$TEST_DIR/tern.log" ]; then
		echo "--- tern debug log (tail) ---"
		tail -n 30 "$TEST_DIR/tern.log"
	fi
	if [ -n "$TEST_DIR" ] && [ -f "$TEST_DIR/dovecot.log" ]; then
		echo "--- dovecot log (tail) ---"
		tail -n 30 "$TEST_DIR/dovecot.log"
	fi
}

cleanup() {
	rc=$?
	trap - EXIT INT TERM
	# A closed output (| head) must not stop the clean-up half-way.
	trap '' PIPE
	_failed=0
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
		_failed=1
	fi
	_ctx=
	if [ "$_failed" = 1 ] && [ "$SHOW_CONTEXT" = 1 ] && [ -n "$TEST_DIR" ] &&
	    [ -d "$TEST_DIR" ]; then
		_ctx=$TEST_DIR/context.txt
		show_context >"$_ctx" 2>&1 || true
	fi
	if [ -n "$TMUX_SOCK" ] && [ -S "$TMUX_SOCK" ]; then
		tmux -S "$TMUX_SOCK" kill-server >/dev/null 2>&1 || true
	fi
	dovecot_stop
	smtpd_stop
	if [ -n "$_ctx" ]; then
		cat "$_ctx" >&2 || true
	fi
	if [ -n "$TEST_DIR" ] && [ -d "$TEST_DIR" ]; then
		if [ "$_failed" = 1 ] && [ "${TERN_KEEP:-0}" = 1 ]; then
			echo "kept $TEST_DIR" >&2 || true
		else
			rm -rf "$TEST_DIR"
		fi
	fi
	exit "$rc"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- polling ---------------------------------------------------------------

now() {
	date +%s
}

# poll SECONDS CMD...: run CMD until it succeeds (status 0) or SECONDS
# pass (status 1).  The output of the last try is in $TEST_DIR/wait.out.
poll() {
	_end=$(($(now) + $1))
	shift
	while :; do
		if "$@" >"$TEST_DIR/wait.out" 2>&1; then
			return 0
		fi
		[ "$(now)" -gt "$_end" ] && return 1
		sleep 0.1
	done
}

# wait_server CMD...: run CMD until it succeeds; fail after WAIT_SECS.
wait_server() {
	poll "$WAIT_SECS" "$@" && return 0
	echo "wait_server: timed out after ${WAIT_SECS}s: $*" >&2
	sed 's/^/  /' "$TEST_DIR/wait.out" >&2
	fail "condition never held: $*"
}

# --- Dovecot ---------------------------------------------------------------

# Two free ports on 127.0.0.1, asked from the kernel.
free_ports() {
	python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))'
}

# port_open PORT: whether something accepts on 127.0.0.1:PORT.
port_open() {
	python3 -c '
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()
except OSError:
    sys.exit(1)' "$1"
}

# make_certs [SAN]: a CA and a server certificate signed by it.  The server
# is named by SAN (default: the loopback address and localhost); the
# wrong-host test issues one for a name tern did not connect to.  The
# common name is the first SAN's, or CERT_CN.
make_certs() {
	_san=${1:-${CERT_SAN:-IP:127.0.0.1,DNS:localhost}}
	_cn=${_san%%,*}
	_cn=${CERT_CN:-${_cn#*:}}
	_d=$TEST_DIR/pki
	mkdir -p "$_d"
	cat >"$_d/ca.cnf" <<-EOF
	[req]
	distinguished_name = dn
	prompt = no
	x509_extensions = v3_ca
	[dn]
	CN = tern test CA
	[v3_ca]
	basicConstraints = critical, CA:TRUE
	keyUsage = critical, keyCertSign, cRLSign
	subjectKeyIdentifier = hash
	EOF
	cat >"$_d/server.ext" <<-EOF
	basicConstraints = critical, CA:FALSE
	keyUsage = critical, digitalSignature, keyEncipherment
	extendedKeyUsage = serverAuth
	subjectAltName = $_san
	subjectKeyIdentifier = hash
	authorityKeyIdentifier = keyid
	EOF
	if ! openssl req -x509 -config "$_d/ca.cnf" -newkey ec \
	    -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	    -keyout "$_d/ca.key" -out "$_d/ca.pem" 2>"$_d/openssl.err" ||
	    ! openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -subj "/CN=$_cn" -keyout "$_d/server.key" \
	    -out "$_d/server.csr" 2>>"$_d/openssl.err" ||
	    ! make_server_cert "$_d" 2>>"$_d/openssl.err"; then
		cat "$_d/openssl.err" >&2
		fail "openssl could not make certificates"
	fi
	CA_FILE=$_d/ca.pem
	SERVER_CERT=$_d/server.pem
	export CA_FILE SERVER_CERT
}

# make_server_cert DIR: sign DIR/server.csr into DIR/server.pem.  Set
# CERT_DATES to "YYMMDDHHMMSSZ YYMMDDHHMMSSZ" for a certificate valid only
# between those times, or CERT_SELF_SIGNED=1 for one signed by its own key
# (the CA still made, so that a ca-file does not make it trusted).
make_server_cert() {
	if [ -n "${CERT_SELF_SIGNED:-}" ]; then
		openssl x509 -req -in "$1/server.csr" -key "$1/server.key" \
		    -days 2 -extfile "$1/server.ext" -out "$1/server.pem"
		return
	fi
	if [ -z "${CERT_DATES:-}" ]; then
		openssl x509 -req -in "$1/server.csr" -CA "$1/ca.pem" \
		    -CAkey "$1/ca.key" -CAcreateserial -days 2 \
		    -extfile "$1/server.ext" -out "$1/server.pem"
		return
	fi
	# Only openssl ca takes a start date; it wants a small database.
	: >"$1/index.txt"
	echo 01 >"$1/serial"
	cat >"$1/sign.cnf" <<-EOF
	[ca]
	default_ca = test
	[test]
	database = $1/index.txt
	new_certs_dir = $1
	serial = $1/serial
	default_md = sha256
	policy = any
	[any]
	commonName = supplied
	EOF
	openssl ca -batch -notext -config "$1/sign.cnf" -cert "$1/ca.pem" \
	    -keyfile "$1/ca.key" -in "$1/server.csr" -out "$1/server.pem" \
	    -extfile "$1/server.ext" -startdate "${CERT_DATES% *}" \
	    -enddate "${CERT_DATES#* }"
}

# dovecot_start [SAN]: a private Dovecot with users alice and bob, IMAP with
# STARTTLS on IMAP_PORT and implicit TLS on IMAPS_PORT.
dovecot_start() {
	# Dovecot lives in /usr/sbin, which is not on every user's PATH.
	case :$PATH: in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin ;; esac
	need dovecot openssl python3
	TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tern-$TEST_NAME.XXXXXX")
	# Mail processes run as nobody: they must reach the homes below.
	chmod 755 "$TEST_DIR"
	export TEST_DIR
	make_certs "${1:-}"

	mkdir -p "$TEST_DIR/run" "$TEST_DIR/state" "$TEST_DIR/home/alice" \
	    "$TEST_DIR/home/bob"
	# Dovecot will not read mail as root, so as root the mail belongs to
	# nobody; run by a user, Dovecot runs all of itself as that user.
	if [ "$(id -u)" -eq 0 ]; then
		_uid=nobody
		_gid=nogroup
		getent group nogroup >/dev/null 2>&1 || _gid=nobody
		chown -R "$_uid:$_gid" "$TEST_DIR/home"
		_users=
	else
		_uid=$(id -un)
		_gid=$(id -gn)
		_users="default_login_user = $_uid
default_internal_user = $_uid
default_internal_group = $_gid
service anvil {
  chroot =
}
service imap-login {
  chroot =
}"
	fi
	printf 'alice:{PLAIN}%s\nbob:{PLAIN}%s\n' "$ALICE_PASS" "$BOB_PASS" \
	    >"$TEST_DIR/passwd"
	chmod 644 "$TEST_DIR/passwd"

	# shellcheck disable=SC2046 # two numbers, split on purpose
	set -- $(free_ports)
	IMAP_PORT=$1
	IMAPS_PORT=$2
	export IMAP_PORT IMAPS_PORT

	# Dovecot will not read mail as root, so the static userdb hands out
	# nobody/nogroup; the listeners are on loopback only.
	cat >"$TEST_DIR/dovecot.conf" <<-EOF
	base_dir = $TEST_DIR/run
	state_dir = $TEST_DIR/state
	log_path = $TEST_DIR/dovecot.log
	info_log_path = $TEST_DIR/dovecot.log
	instance_name = tern-test
	protocols = imap
	listen = 127.0.0.1
	ssl = yes
	ssl_cert = <$TEST_DIR/pki/server.pem
	ssl_key = <$TEST_DIR/pki/server.key
	ssl_min_protocol = TLSv1.2
	auth_mechanisms = plain login
	# A wrong password is answered at once; the tests need no tarpit.
	auth_failure_delay = 0
	# Refuse LOGIN on the plain port until STARTTLS, even from loopback.
	disable_plaintext_auth = yes
	login_trusted_networks =
	# The local port says which listener a login came through.
	login_log_format_elements = user=<%u> method=%m rip=%r lip=%l lport=%a mpid=%e %c session=<%{session}>
	passdb {
	  driver = passwd-file
	  args = scheme=PLAIN username_format=%u $TEST_DIR/passwd
	}
	userdb {
	  driver = static
	  args = uid=$_uid gid=$_gid home=$TEST_DIR/home/%u
	}
	$_users
	mail_location = maildir:~/Maildir
	namespace inbox {
	  inbox = yes
	  separator = /
	}
	service imap-login {
	  inet_listener imap {
	    address = 127.0.0.1
	    port = $IMAP_PORT
	  }
	  inet_listener imaps {
	    address = 127.0.0.1
	    port = $IMAPS_PORT
	    ssl = yes
	  }
	}
	service stats {
	  unix_listener stats-reader {
	    mode = 0600
	  }
	  unix_listener stats-writer {
	    mode = 0666
	  }
	}
	${DOVECOT_EXTRA:-}
	EOF
	dovecot_launch
	IMAP_URL=imaps://alice@127.0.0.1:$IMAPS_PORT
	export IMAP_URL
}

# dovecot_launch: start the configured Dovecot and wait for its ports.
dovecot_launch() {
	dovecot -c "$TEST_DIR/dovecot.conf" >"$TEST_DIR/dovecot.start" 2>&1 ||
	    { cat "$TEST_DIR/dovecot.start" >&2; fail "dovecot did not start"; }
	WAIT_SECS=20 wait_server port_open "$IMAPS_PORT"
	wait_server port_open "$IMAP_PORT"
	DOVECOT_PID=$(cat "$TEST_DIR/run/master.pid")
}

# doveadm ARGS...: Dovecot's admin tool, on the test server.
doveadm_() {
	doveadm -c "$TEST_DIR/dovecot.conf" "$@"
}

# Dovecot's capabilities after login, less IDLE (DOVECOT_EXTRA for a
# server that must be polled).
NO_IDLE_CAPABILITY='imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE'

# dovecot_restart: stop the server and start it again on the same ports,
# with the same mail (a server going away and coming back).
dovecot_restart() {
	dovecot_stop
	dovecot_launch
}

dovecot_stop() {
	# Also when start-up failed half-way: the master wrote its PID.
	if [ -z "$DOVECOT_PID" ] && [ -n "$TEST_DIR" ] &&
	    [ -f "$TEST_DIR/run/master.pid" ]; then
		DOVECOT_PID=$(cat "$TEST_DIR/run/master.pid")
	fi
	[ -n "$DOVECOT_PID" ] || return 0
	# Its children too (imap, imap-login...): a session the master leaves
	# behind for a while would keep talking to tern after the "stop".
	_kids=$(pgrep -P "$DOVECOT_PID" 2>/dev/null || true)
	kill "$DOVECOT_PID" 2>/dev/null || { DOVECOT_PID=; return 0; }
	for _k in $_kids $(for _k in $_kids; do pgrep -P "$_k"; done); do
		kill "$_k" 2>/dev/null || true
	done
	# The master takes its children with it; wait for it to be gone.
	_end=$(($(now) + 10))
	while kill -0 "$DOVECOT_PID" 2>/dev/null; do
		if [ "$(now)" -gt "$_end" ]; then
			kill -9 "$DOVECOT_PID" 2>/dev/null
			break
		fi
		sleep 0.1
	done
	DOVECOT_PID=
}

# --- SMTP ------------------------------------------------------------------

SMTPD_PID=
SMTPD_PYTHON=${SMTPD_PYTHON:-/usr/bin/python3}

# smtpd_start [ARGS...]: tests/smtpd/smtpd.py on a free port (SMTP_PORT),
# with the test certificate, user alice and her password; what it accepts
# goes to $SMTP_DIR (N.eml, N.env), what it does to $TEST_DIR/smtpd.log.
# ARGS go to smtpd.py (--tls starttls, --refuse-data...).  Skips the test
# when aiosmtpd (python3-aiosmtpd) is missing.
smtpd_start() {
	"$SMTPD_PYTHON" -c 'import aiosmtpd' 2>/dev/null ||
	    skip "python3-aiosmtpd is not installed"
	SMTP_DIR=$TEST_DIR/smtp
	rm -rf "$SMTP_DIR"
	mkdir -p "$SMTP_DIR"
	# shellcheck disable=SC2046 # two numbers, split on purpose
	set -- $(free_ports) "$@"
	SMTP_PORT=$1
	shift 2
	"$SMTPD_PYTHON" "$TERN_SRCDIR/tests/smtpd/smtpd.py" --port "$SMTP_PORT" \
	    --cert "$SERVER_CERT" --key "$TEST_DIR/pki/server.key" \
	    --dir "$SMTP_DIR" --user alice --password "$IMAP_PASS" "$@" \
	    >>"$TEST_DIR/smtpd.log" 2>&1 &
	SMTPD_PID=$!
	export SMTP_PORT SMTP_DIR
	WAIT_SECS=20 wait_server port_open "$SMTP_PORT"
}

smtpd_stop() {
	[ -n "$SMTPD_PID" ] || return 0
	kill "$SMTPD_PID" 2>/dev/null || true
	wait "$SMTPD_PID" 2>/dev/null || true
	SMTPD_PID=
}

# --- mail on the server -----------------------------------------------------

imapc() {
	# shellcheck disable=SC2086
	$IMAPC "$@"
}

# seed [MANIFEST]: APPEND the messages a manifest lists (default: the
# standard set in tests/data/seed.list, described below).  Each line is
# FOLDER<TAB>FILE<TAB>FLAGS; folders are created as needed.
#
# The standard set, UIDs in the order listed:
#   INBOX          5 messages, 3 unread (newest: "Meeting notes")
#   Archive        2, all read
#   Work           2, 1 unread
#   Work/Projects  2, 2 unread
#   Réunions       1, 1 unread (wire name R&AOk-unions)
seed() {
	imapc seed "${1:-$DATA_DIR/seed.list}" || fail "seeding failed"
}

# bulk_mail N: N more small messages at the top of alice's INBOX ("Bulk
# message 00001" is the oldest, Message-ID <bulk-1@example.org>), written
# straight into the Maildir: APPENDing thousands would take longer than
# the test.  Dovecot gives them UIDs when INBOX is next selected.  With
# BULK_SHUFFLE=1 their Date headers are shuffled, so that the order by
# date is not the order of arrival.
bulk_mail() {
	_md=$TEST_DIR/home/alice/Maildir
	mkdir -p "$_md/cur" "$_md/new" "$_md/tmp"
	python3 - "$_md/cur" "$1" "${BULK_SHUFFLE:-0}" <<-'PY' ||
	import os, sys, time
	d, n, shuffle = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
	base = int(time.time())
	for i in range(1, n + 1):
	    # Shuffled: the Date order is not the arrival (UID) order.
	    k = (i * 7919) % n + 1 if shuffle else i
	    t = time.gmtime(1714000000 + k * 60)
	    body = ("From: Bulk Sender <bulk@example.org>\r\n"
	            "To: Alice Liddell <alice@example.org>\r\n"
	            "Subject: Bulk message %05d\r\n"
	            "Date: %s\r\n"
	            "Message-ID: <bulk-%d@example.org>\r\n"
	            "\r\n"
	            "Body of bulk message %d.\r\n"
	            % (i, time.strftime("%a, %d %b %Y %H:%M:%S +0000", t), i, i))
	    name = "%d.M%dP%d.tern:2,S" % (base + i, i, os.getpid())
	    with open(os.path.join(d, name), "w") as f:
	        f.write(body)
	PY
	    fail "could not write the messages"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R nobody "$_md" || fail "could not give the mail to nobody"
	fi
}

# bulk_expected: after bulk_mail, the server's order of INBOX by date
# (newest first) of the bulk messages in $TEST_DIR/expected, its UIDs in
# $TEST_DIR/uids.server.
bulk_expected() {
	imapc sorted INBOX >"$TEST_DIR/sorted" || fail "imapc sorted failed"
	sed 1d "$TEST_DIR/sorted" | grep '^Bulk message' >"$TEST_DIR/expected"
	imapc uids INBOX | sort -n >"$TEST_DIR/uids.server"
}

# check_run PLACE: the bulk rows on screen are a run of the expected
# order, consecutive there; PLACE names where we are for the error.
check_run() {
	screen | grep -oE 'Bulk message [0-9]{5}' >"$TEST_DIR/shown" || true
	[ -s "$TEST_DIR/shown" ] || fail "$1: no bulk rows on screen"
	_first=$(head -n 1 "$TEST_DIR/shown")
	_n=$(wc -l <"$TEST_DIR/shown")
	_at=$(grep -n -x -- "$_first" "$TEST_DIR/expected" | cut -d: -f1)
	[ -n "$_at" ] || fail "$1: '$_first' is not in the server's list"
	sed -n "${_at},$((_at + _n - 1))p" "$TEST_DIR/expected" \
	    >"$TEST_DIR/want"
	cmp -s "$TEST_DIR/shown" "$TEST_DIR/want" || {
		diff "$TEST_DIR/want" "$TEST_DIR/shown" | head -n 20 >&2
		fail "$1: the rows are not in the server's order"
	}
}

# thread_mail N FROM DAY-HOUR SUBJECT MESSAGE-ID [PARENT-IDS]: a message
# dated November 2026 (newer than the seed) into $TEST_DIR/mail-N.eml,
# answering the last of PARENT-IDS and referring to them all.
thread_mail() {
	_f=$TEST_DIR/mail-$1.eml
	{
		printf 'From: %s <%s@example.org>\r\n' "$2" "$(echo "$2" |
		    tr 'A-Z' 'a-z')"
		printf 'To: Alice Liddell <alice@example.org>\r\n'
		printf 'Subject: %s\r\n' "$4"
		printf 'Date: %s Nov 2026 %s:00:00 +0000\r\n' "${3%-*}" "${3#*-}"
		printf 'Message-ID: <%s@example.org>\r\n' "$5"
		if [ -n "${6:-}" ]; then
			printf 'In-Reply-To: <%s@example.org>\r\n' "${6##* }"
			printf 'References:'
			for _p in $6; do
				printf ' <%s@example.org>' "$_p"
			done
			printf '\r\n'
		fi
		printf '\r\nText of message %s.\r\n' "$1"
	} >"$_f"
}

# thread_mails: mail-1.eml to mail-9.eml, three threads and an answer to
# the oldest bulk message, all but mail-8 (Hal's) appended to INBOX.
# Newest thread first, replies by date:
#   Gus (the digest); Cat, Eve, Finn (lunch); Ann, Bob, Dan, Hal (plan).
thread_mails() {
	thread_mail 1 Ann 20-09 'Plan for the offsite' plan
	thread_mail 2 Bob 20-10 'Re: Plan for the offsite' plan-r1 plan
	thread_mail 3 Cat 21-09 'Lunch on Friday?' lunch
	thread_mail 4 Dan 21-11 'Re: Plan for the offsite' plan-r2 \
	    'plan plan-r1'
	thread_mail 5 Eve 22-09 'Re: Lunch on Friday?' lunch-r1 lunch
	thread_mail 6 Finn 22-10 'Re: Lunch on Friday?' lunch-r2 lunch
	thread_mail 7 Gus 23-08 'Weekly digest' digest
	thread_mail 8 Hal 24-08 'Re: Plan for the offsite' plan-r3 plan
	# The newest of all, an answer to the oldest bulk message.
	thread_mail 9 Ivy 25-08 'Re: Bulk message 00001' ivy bulk-1
	for _i in 1 2 3 4 5 6 7 9; do
		imapc append INBOX "$TEST_DIR/mail-$_i.eml" ||
		    fail "append $_i failed"
	done
}

# tree ROW-TEXT LINES: the row holding ROW-TEXT draws these tree lines
# right before the subject.
tree() {
	_r=$(row "$1")
	case $_r in
	*"$2Re: "*) ;;
	*) fail "the row of $1 should draw '$2' before its subject: '$_r'" ;;
	esac
}

# thread_mails_shown: the list shows thread_mails (all but Hal's) in
# threads, the cursor on top: newest thread first (the digest, the lunch
# started on the 21st, the plan on the 20th), each top-down, replies by
# date; Ivy's answer in its thread at the bottom, under the oldest bulk.
thread_mails_shown() {
	wait_for 'Lunch on Friday'
	assert_order Gus Cat Eve Finn Ann Bob Dan
	tree Eve '├─>'
	tree Finn '└─>'
	tree Bob '└─>'
	tree Dan '  └─>'
	row Ann | grep -q '─>' &&
	    fail "a thread's first message has no tree lines"
	keys G
	wait_for 'Ivy'
	assert_order 'Bulk message 00001' Ivy 'Welcome to the team'
	tree Ivy '└─>'
	keys g
	wait_for 'Weekly digest'
}

# thread_reply_joins: another client appends Hal's reply to the plan; it
# shows under the plan's first message, not on top, and the lines above
# it change to make room.
thread_reply_joins() {
	imapc append INBOX "$TEST_DIR/mail-8.eml" || fail "append 8 failed"
	wait_for Hal
	_end=$(($(now) + WAIT_SECS))
	until row Hal | grep -qF '└─>Re: Plan'; do
		[ "$(now)" -gt "$_end" ] &&
		    fail "Hal's reply did not join its thread"
		sleep 0.1
	done
	assert_order Gus Cat Eve Finn Ann Bob Dan Hal
	tree Bob '├─>'
	tree Dan '│ └─>'
}

# threads_match FOLDER: the threads tern keeps in its cache for FOLDER are
# the server's UID THREAD REFERENCES, row for row (UID and depth), the
# newest thread first as tern shows them.
threads_match() {
	imapc thread "$1" >"$TEST_DIR/threads.server" ||
	    fail "imapc thread failed"
	python3 - "$TEST_DIR/xdg-cache/tern" "$1" "$TEST_DIR/threads.server" \
	    >"$TEST_DIR/threads.diff" <<-'PY' ||
	import glob, re, sqlite3, struct, sys
	db = sqlite3.connect(glob.glob(sys.argv[1] + "/*.db")[0])
	row = db.execute("SELECT rows FROM threads WHERE folder = ?",
	                 (sys.argv[2],)).fetchone()
	got = []
	if row is not None:
	    blob = row[0]
	    for i in range(0, len(blob), 8):
	        uid, tree = struct.unpack("=II", blob[i:i + 8])
	        got.append((uid, min(tree & 0x1f, 31)))
	# The thread list as nodes: [uid (0 for a missing parent), children].
	text = open(sys.argv[3]).read().strip()
	root = [0, []]
	stack = [root]
	parents = []
	for tok in re.findall(r"\(|\)|\d+", text):
	    if tok == "(":
	        if stack[-1] is None:
	            # A list that starts with lists: their parent is missing.
	            stack[-1] = [0, []]
	            parents[-1][1].append(stack[-1])
	        parents.append(stack[-1])
	        stack.append(None)
	    elif tok == ")":
	        stack.pop()
	        parents.pop()
	    else:
	        node = [int(tok), []]
	        (stack[-1] or parents[-1])[1].append(node)
	        stack[-1] = node
	# Newest thread first; a missing parent's children take its place.
	want = []
	for top in reversed(root[1]):
	    todo = [(top, 0)]
	    while todo:
	        node, depth = todo.pop()
	        kids = [(k, depth if node[0] == 0 else depth + 1)
	                for k in node[1]]
	        if node[0] != 0:
	            want.append((node[0], min(depth, 31)))
	        todo.extend(reversed(kids))
	if got != want:
	    print("tern: %s" % got[:40])
	    print("server: %s" % want[:40])
	    sys.exit(1)
	PY
	    {
		cat "$TEST_DIR/threads.diff" >&2
		fail "tern's threads of $1 are not the server's"
	}
}

# cache_uids_match FOLDER: tern's cache holds exactly the UIDs of
# $TEST_DIR/uids.server for the folder, each once.
cache_uids_match() {
	python3 - "$TEST_DIR/xdg-cache/tern" "$1" >"$TEST_DIR/uids.cache" <<-'PY' ||
	import glob, sqlite3, sys
	db = sqlite3.connect(glob.glob(sys.argv[1] + "/*.db")[0])
	for (uid,) in db.execute("SELECT uid FROM messages WHERE folder = ?"
	                         " ORDER BY uid", (sys.argv[2],)):
	    print(uid)
	PY
	    fail "could not read the cache"
	cmp -s "$TEST_DIR/uids.server" "$TEST_DIR/uids.cache" ||
	    fail "the cache does not hold exactly the server's UIDs of $1"
}

# check_ends: the list (cursor on top) begins with the newest bulk message
# by date, its first screen and, after G, its last are runs of the
# server's order ending with the oldest message, and the cache holds
# every UID of INBOX.
check_ends() {
	wait_for "$(head -n 1 "$TEST_DIR/expected")"
	check_run "the top"
	[ "$(head -n 1 "$TEST_DIR/shown")" = \
	    "$(head -n 1 "$TEST_DIR/expected")" ] ||
	    fail "the first row is not the newest by date"
	keys G
	wait_for 'Welcome to the team'
	check_run "the bottom"
	cache_uids_match INBOX
}

# The standard INBOX, newest first, as the list shows it.
INBOX_SUBJECTS='Meeting notes
Invoice 2024-117
Build failure on main
Café on Friday?
Welcome to the team'

# server_flags FOLDER SUBJECT: the flags the server holds, sorted.
server_flags() {
	imapc flags "$1" "$2"
}

# has_flag FOLDER SUBJECT FLAG / lacks_flag: for wait_server.
has_flag() {
	server_flags "$1" "$2" | grep -qw -- "$(printf %s "$3" | sed 's/\\/\\\\/')"
}

lacks_flag() {
	_f=$(server_flags "$1" "$2") || return 1
	printf '%s\n' "$_f" | grep -qw -- "$(printf %s "$3" | sed 's/\\/\\\\/')" &&
	    return 1
	return 0
}

# has_subject FOLDER SUBJECT / lacks_subject
has_subject() {
	imapc subjects "$1" | grep -qxF -- "$2"
}

lacks_subject() {
	_s=$(imapc subjects "$1") || return 1
	printf '%s\n' "$_s" | grep -qxF -- "$2" && return 1
	return 0
}

# count_is FOLDER N: for wait_server.
count_is() {
	[ "$(imapc count "$1")" = "$2" ]
}

# --- tern in tmux ---------------------------------------------------------

tm() {
	tmux -S "$TMUX_SOCK" "$@"
}

# Quote one argument for sh.
shquote() {
	printf "'%s'" "$(printf %s "$1" | sed "s/'/'\\\\''/g")"
}

# write_config [EXTRA-LINE...]: a config file for alice over IMAPS with a
# password-command, in $CONFIG.  CONFIG_URL, CONFIG_PASSCMD and CONFIG_CA
# (empty: no ca-file line) change the defaults when set.
write_config() {
	CONFIG=$TEST_DIR/config
	{
		echo '[account "test"]'
		echo "imap = ${CONFIG_URL:-imaps://alice@127.0.0.1:$IMAPS_PORT}"
		echo "password-command = ${CONFIG_PASSCMD:-printf %s $IMAP_PASS}"
		_ca=${CONFIG_CA-$CA_FILE}
		[ -z "$_ca" ] || echo "ca-file = $_ca"
		for _l in "$@"; do
			printf '%s\n' "$_l"
		done
	} >"$CONFIG"
}

# config_dir: the test directory, and an empty HOME and XDG_CONFIG_HOME
# (with its tern directory), for a test of tern's options and
# configuration that needs no server: no file of the caller's takes part.
config_dir() {
	[ -x "$TERN_BIN" ] || skip "tern is not built ($TERN_BIN)"
	TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tern-$TEST_NAME.XXXXXX")
	mkdir -p "$TEST_DIR/home" "$TEST_DIR/xdg/tern"
	HOME=$TEST_DIR/home
	XDG_CONFIG_HOME=$TEST_DIR/xdg
	export HOME XDG_CONFIG_HOME
}

# tern_start [-s COLSxROWS] [ARGS...]: run tern in a detached tmux session.
# Its stderr goes to $TEST_DIR/tern.stderr, its exit status to
# $TEST_DIR/tern.status (see wait_exit); the pane stays after it exits so
# that its last screen can still be read.
tern_start() {
	need tmux
	if [ "${1:-}" = -s ]; then
		TERM_COLS=${2%x*}
		TERM_ROWS=${2#*x}
		shift 2
	fi
	[ -x "$TERN_BIN" ] || skip "tern is not built ($TERN_BIN)"
	TMUX_SOCK=$TEST_DIR/tmux.sock
	if [ -f /usr/share/terminfo/t/tmux-256color ] ||
	    [ -f /lib/terminfo/t/tmux-256color ]; then
		_term=tmux-256color
	else
		_term=screen-256color
	fi
	mkdir -p "$TEST_DIR/xdg-config" "$TEST_DIR/xdg-cache" "$TEST_DIR/user"
	rm -f "$TEST_DIR/tern.status"
	{
		echo 'set -g remain-on-exit on'
		echo 'set -g status off'
		echo "set -g default-terminal $_term"
		echo 'set -g history-limit 0'
		echo 'set -g escape-time 0'
	} >"$TEST_DIR/tmux.conf"
	# The environment is set here so that no user config, cache or
	# locale of the caller leaks into the test.
	{
		echo "export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=$_term"
		echo "export HOME=$(shquote "$TEST_DIR/user")"
		echo "export XDG_CONFIG_HOME=$(shquote "$TEST_DIR/xdg-config")"
		echo "export XDG_CACHE_HOME=$(shquote "$TEST_DIR/xdg-cache")"
		echo "unset SSL_CERT_FILE SSL_CERT_DIR"
		# A test of the system store names its own (t-tls-system-store).
		[ -z "${TERN_SSL_CERT_DIR:-}" ] ||
		    echo "export SSL_CERT_DIR=$(shquote "$TERN_SSL_CERT_DIR")"
		[ -z "${TERN_SSL_CERT_FILE:-}" ] ||
		    echo "export SSL_CERT_FILE=$(shquote "$TERN_SSL_CERT_FILE")"
		printf 'exec %s' "$(shquote "$TERN_BIN")"
		for _a in "$@"; do
			printf ' %s' "$(shquote "$_a")"
		done
		echo " 2>$(shquote "$TEST_DIR/tern.stderr")"
	} >"$TEST_DIR/tern.sh"
	{
		echo "sh $(shquote "$TEST_DIR/tern.sh")"
		echo "echo \$? >$(shquote "$TEST_DIR/tern.status.tmp")"
		echo "mv $(shquote "$TEST_DIR/tern.status.tmp") $(shquote "$TEST_DIR/tern.status")"
	} >"$TEST_DIR/run.sh"
	tmux -S "$TMUX_SOCK" -f "$TEST_DIR/tmux.conf" new-session -d -s tern \
	    -x "$TERM_COLS" -y "$TERM_ROWS" "sh $(shquote "$TEST_DIR/run.sh")" ||
	    fail "tmux did not start"
}

# tern_start_default [ARGS...]: the usual start: config for alice, the
# standard mail, wait until the whole INBOX list shows (newest and oldest).
tern_start_default() {
	write_config
	tern_start "$@" -c "$CONFIG" -d "$TEST_DIR/tern.log"
	wait_for 'Meeting notes'
	wait_for 'Welcome to the team'
}

screen() {
	tm capture-pane -p -t tern
}

# tern_pid: the process id of the running tern.
tern_pid() {
	_pane=$(tm display-message -p -t tern '#{pane_pid}') ||
	    fail "no tmux pane"
	_pid=$(pgrep -P "$_pane" | head -n 1)
	[ -n "$_pid" ] || fail "tern is not running"
	echo "$_pid"
}

# tern_kill9: kill tern at once, as a crash or kill -9 would.
tern_kill9() {
	kill -9 "$(tern_pid)"
	wait_exit
	assert_eq "$TERN_STATUS" 137 "exit status after kill -9"
}

# tern_restart ARGS...: a new tern in a new tmux, after the old one ended.
tern_restart() {
	tm kill-server >/dev/null 2>&1 || true
	tern_start "$@"
}

tern_exited() {
	[ -f "$TEST_DIR/tern.status" ]
}

# wait_for REGEX [SECONDS]: poll the screen until a line matches.  The
# captured screen has no trailing blanks: a prompt "Name: " reads "Name:".
wait_for() {
	_end=$(($(now) + ${2:-$WAIT_SECS}))
	while :; do
		screen >"$TEST_DIR/screen.txt" 2>/dev/null
		grep -Eq -- "$1" "$TEST_DIR/screen.txt" && return 0
		if tern_exited; then
			# One last look: the pane keeps the final screen.
			screen >"$TEST_DIR/screen.txt" 2>/dev/null
			grep -Eq -- "$1" "$TEST_DIR/screen.txt" && return 0
			fail "tern exited (status $(cat "$TEST_DIR/tern.status")) while waiting for /$1/"
		fi
		[ "$(now)" -gt "$_end" ] &&
		    fail "timed out after ${2:-$WAIT_SECS}s waiting for /$1/ on the screen"
		sleep 0.1
	done
}

# wait_gone REGEX [SECONDS]: poll until no line matches.
wait_gone() {
	_end=$(($(now) + ${2:-$WAIT_SECS}))
	while :; do
		screen >"$TEST_DIR/screen.txt" 2>/dev/null
		grep -Eq -- "$1" "$TEST_DIR/screen.txt" || return 0
		[ "$(now)" -gt "$_end" ] &&
		    fail "timed out after ${2:-$WAIT_SECS}s waiting for /$1/ to go"
		sleep 0.1
	done
}

# screen_has REGEX: whether the screen shows it now (no waiting).
screen_has() {
	screen | grep -Eq -- "$1"
}

# keys KEY...: tmux send-keys (names like Enter, Tab, Escape, Down, NPage;
# -l sends the rest literally).
keys() {
	tm send-keys -t tern "$@"
}

# type_text TEXT: send TEXT as typed characters.
type_text() {
	tm send-keys -t tern -l -- "$1"
}

# wait_exit [SECONDS]: wait for tern to exit; its status in TERN_STATUS.
wait_exit() {
	_end=$(($(now) + ${1:-$WAIT_SECS}))
	while ! tern_exited; do
		[ "$(now)" -gt "$_end" ] &&
		    fail "tern did not exit within ${1:-$WAIT_SECS}s"
		sleep 0.1
	done
	TERN_STATUS=$(cat "$TEST_DIR/tern.status")
}

# --- reading the screen ---------------------------------------------------

# row SUBJECT: the screen line that shows SUBJECT (first one).
row() {
	screen | grep -F -- "$1" | head -n 1
}

# row_flags SUBJECT: the flag letters (N F D r *) of the list row showing
# SUBJECT.  The flags field comes before the subject; any word before it
# made only of flag letters is part of it (dates, names and the folder pane
# have no such words).
row_flags() {
	_r=$(row "$1")
	[ -n "$_r" ] || { echo "?"; return; }
	_pre=${_r%%"$1"*}
	printf '%s\n' "$_pre" | LC_ALL=C sed 's/[^A-Za-z0-9*]/ /g' |
	    tr -s ' ' '\n' |
	    grep -E '^[NFDr*]+$' | tr -d '\n'
	echo
}

# row_flag_is SUBJECT LETTER yes|no: for wait_row.
row_flag_is() {
	_fl=$(row_flags "$1")
	case $_fl in
	*"$2"*) [ "$3" = yes ] ;;
	*) [ "$3" = no ] ;;
	esac
}

# wait_row SUBJECT LETTER yes|no: wait until the row shows (or stops
# showing) the flag.
wait_row() {
	_end=$(($(now) + WAIT_SECS))
	until row_flag_is "$1" "$2" "$3"; do
		[ "$(now)" -gt "$_end" ] &&
		    fail "row '$1': flag $2 should be $3, flags are '$(row_flags "$1")'"
		sleep 0.1
	done
}

# pane_line NAME: the folder pane line of the folder shown as NAME (the
# pane is on the left, so its text starts the line).
pane_line() {
	screen | grep -E -- "^ *$1( [0-9]+)?( |$|[^ A-Za-z0-9])" | head -n 1
}

# pane_indent NAME: how many spaces come before NAME in the folder pane.
pane_indent() {
	_l=$(pane_line "$1")
	[ -n "$_l" ] || { echo -1; return; }
	_sp=${_l%%[! ]*}
	echo "${#_sp}"
}

# pane_count NAME: the unread count shown after NAME ("" if none).
pane_count() {
	pane_line "$1" | sed -n "s/^ *$1 \([0-9][0-9]*\).*/\1/p"
}

# status_line / message_line: the last two lines of tern's screen.
status_line() {
	screen | sed -n "$((TERM_ROWS - 1))p"
}

message_line() {
	screen | sed -n "${TERM_ROWS}p"
}

# wait_status REGEX: wait until the status bar matches.
wait_status() {
	_end=$(($(now) + WAIT_SECS))
	until status_line | grep -Eq -- "$1"; do
		[ "$(now)" -gt "$_end" ] &&
		    fail "status bar never matched /$1/: '$(status_line)'"
		sleep 0.1
	done
}

# resize COLS ROWS: resize tern's terminal as a user's window would.
resize() {
	tm resize-window -t tern -x "$1" -y "$2" || fail "tmux could not resize"
	TERM_COLS=$1
	TERM_ROWS=$2
}

# no_secret FILE...: the password appears in none of the files.
no_secret() {
	for _f in "$@"; do
		[ -f "$_f" ] || continue
		if grep -qF -- "$IMAP_PASS" "$_f"; then
			fail "the password appears in $(basename "$_f")"
		fi
	done
}

# fingerprint CERT: as openssl prints it, without the "...=" label.
fingerprint() {
	openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^[^=]*=//'
}

# cert_refused REASON-REGEX: tern, started with $CONFIG, refused the
# server's certificate at start-up as it must: exit status 1, and on stderr
# the host, the reason and the certificate's SHA-256 fingerprint, with no
# login on the server and no password anywhere.
cert_refused() {
	tern_start -c "$CONFIG"
	wait_exit
	assert_eq "$TERN_STATUS" 1 "exit status"
	_err=$TEST_DIR/tern.stderr
	grep -q '127\.0\.0\.1' "$_err" || fail "stderr does not name the host"
	grep -Eqi -- "$1" "$_err" || fail "stderr does not give the reason"
	_got=$(grep -Eo 'SHA256: *([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}' "$_err" |
	    head -n 1 | sed 's/^SHA256: *//' | tr a-f A-F)
	[ -n "$_got" ] || fail "no SHA256 fingerprint on stderr"
	assert_eq "$_got" "$(fingerprint "$SERVER_CERT" | tr a-f A-F)" \
	    "fingerprint"
	assert_eq "$(logins)" 0 "logins on the server"
	no_secret "$_err"
}

# cert_explained: after cert_refused, stderr also shows the certificate as
# openssl reads it (subject, issuer, validity, names) and the exact line
# that pins it; the line is left in $PIN_LINE.
cert_explained() {
	_err=$TEST_DIR/tern.stderr
	_subj=$(openssl x509 -in "$SERVER_CERT" -noout -subject -nameopt RFC2253 |
	    sed 's/^subject=//')
	_iss=$(openssl x509 -in "$SERVER_CERT" -noout -issuer -nameopt RFC2253 |
	    sed 's/^issuer=//')
	grep -qF "subject: $_subj" "$_err" || fail "no subject $_subj on stderr"
	grep -qF "issuer:  $_iss" "$_err" || fail "no issuer $_iss on stderr"
	_from=$(openssl x509 -in "$SERVER_CERT" -noout -startdate -dateopt iso_8601 |
	    sed 's/^notBefore=//; s/Z$/ UTC/')
	_to=$(openssl x509 -in "$SERVER_CERT" -noout -enddate -dateopt iso_8601 |
	    sed 's/^notAfter=//; s/Z$/ UTC/')
	grep -qF "valid:   $_from to $_to" "$_err" ||
	    fail "no validity '$_from to $_to' on stderr"
	grep -qF "names:   IP:127.0.0.1, DNS:localhost" "$_err" ||
	    fail "no subjectAltName on stderr"
	PIN_LINE="certificate-fingerprint = sha256:$(fingerprint "$SERVER_CERT")"
	grep -qxF "  $PIN_LINE" "$_err" || fail "no '$PIN_LINE' on stderr"
}

# mock_dir: the test directory of a test that runs the fake server alone,
# without Dovecot.
mock_dir() {
	TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tern-$TEST_NAME.XXXXXX")
	export TEST_DIR
	# tern_restart kills the tmux server of this socket: never the
	# default one.
	TMUX_SOCK=$TEST_DIR/tmux.sock
	MOCK_PID=
}

# mock_end: stop the fake server, if it has not stopped by itself.
mock_end() {
	[ -z "$MOCK_PID" ] || kill "$MOCK_PID" 2>/dev/null || true
	[ -z "$MOCK_PID" ] || wait "$MOCK_PID" 2>/dev/null || true
	MOCK_PID=
}

# mock_start SCENARIO [EXTRA-LINE]: the fake server (tests/mockimap) playing
# SCENARIO, in $MOCK_PID, and a config for it in $TEST_DIR/mock.conf: an
# imap:// URL, EXTRA-LINE (such as "tls = none"), and a password-command.
# With MOCK_TLS=1 the server speaks TLS with a certificate of make_certs,
# the URL is imaps:// and EXTRA-LINE should name the CA (ca-file).
# The names of the commands it got are in $TEST_DIR/port.commands.
mock_start() {
	rm -f "$TEST_DIR/port" "$TEST_DIR/port.commands"
	_scheme=imap
	# MOCK_STARTTLS: the certificate for a STARTTLS on imap://.
	if [ "${MOCK_TLS:-0}" = 1 ] || [ "${MOCK_STARTTLS:-0}" = 1 ]; then
		[ "${MOCK_TLS:-0}" = 1 ] && _scheme=imaps
		python3 "$TERN_SRCDIR/tests/mockimap/mockimap.py" --tls \
		    "$SERVER_CERT" "$TEST_DIR/pki/server.key" \
		    "$TEST_DIR/port" "$1" &
	else
		python3 "$TERN_SRCDIR/tests/mockimap/mockimap.py" \
		    "$TEST_DIR/port" "$1" &
	fi
	MOCK_PID=$!
	wait_server test -s "$TEST_DIR/port"
	printf '[account "mock"]\nimap = %s://alice@127.0.0.1:%s\n%s\n%s\n' \
	    "$_scheme" "$(cat "$TEST_DIR/port")" "${2:-}" \
	    "password-command = printf %s $IMAP_PASS" >"$TEST_DIR/mock.conf"
}

# logins: how many logins of alice Dovecot has logged so far.
logins() {
	grep -c 'imap-login: Info: Login: user=<alice>' "$TEST_DIR/dovecot.log" ||
	    true
}

# line_of REGEX: the number of the first screen line matching (0: none).
line_of() {
	_n=$(screen | grep -nE -- "$1" | head -n 1 | cut -d: -f1)
	echo "${_n:-0}"
}

# assert_order TEXT...: each TEXT shows on a line below the one before.
assert_order() {
	_prev=0
	_prevt=
	for _t in "$@"; do
		_n=$(screen | grep -nF -- "$_t" | head -n 1 | cut -d: -f1)
		[ -n "$_n" ] || fail "'$_t' is not on the screen"
		[ "$_n" -gt "$_prev" ] ||
		    fail "'$_t' (line $_n) should be below '$_prevt' (line $_prev)"
		_prev=$_n
		_prevt=$_t
	done
}

# pane_goto NAME [FIRST]: the folder pane's cursor onto the folder shown as
# NAME.  FIRST is the pane's first row (default INBOX; with several
# accounts, the first account's row).
pane_goto() {
	_to=$(line_of "^ *$1( [0-9]+)?( |$)")
	[ "$_to" -gt 0 ] || fail "$1 is not in the folder pane"
	keys g
	_i=$(line_of "^ *${2:-INBOX}( [0-9]+)?( |$)")
	while [ "$_i" -lt "$_to" ]; do
		keys j
		_i=$((_i + 1))
	done
}

# goto_row N: put the list cursor on the Nth message from the top.
goto_row() {
	keys g
	_i=1
	while [ "$_i" -lt "$1" ]; do
		keys j
		_i=$((_i + 1))
	done
}
