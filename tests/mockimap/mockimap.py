#!/usr/bin/env python3
"""A scriptable fake IMAP server for faults Dovecot never produces.

    mockimap.py [--tls CERT KEY] PORTFILE SCENARIO

Listens on a free port on 127.0.0.1 (written to PORTFILE), serves one
client with plain-text IMAP (the name of each command it gets is appended
to PORTFILE.commands), answers the commands tern sends with canned
responses, and replaces one of them with what the scenario names.  The
scenarios are the responses libetpan 1.9.4 crashes on or misreads, and
answers Dovecot cannot be made to give on cue.

    mockimap.py [--tls CERT KEY] PORTFILE FAULT

A FAULT (the table FAULTS) plays a folder of many messages, answers FETCH
for the messages asked, and serves one connection after another, so that
tern's reconnect meets the folder as the fault left it.  The fault itself
is played on the first connection only.  --tls wraps every connection in
TLS (implicit, as imaps://) with that certificate and key, so that each
fault can be sent before and after TLS.
"""
import base64
import re
import ssl
import socket
import sys
import time

HEADER = "From: A <a@example.org>\r\nSubject: hello\r\n\r\n"
FETCH = ('* 1 FETCH (UID 1 FLAGS () RFC822.SIZE 10 INTERNALDATE '
         '"01-Jan-2024 00:00:00 +0000" BODY[HEADER.FIELDS (FROM SUBJECT '
         'DATE MESSAGE-ID)] {%d}\r\n%s)\r\n' % (len(HEADER), HEADER))

INJECT = "x\r\n2 DELETE INBOX"

# Each scenario: the command whose answer is replaced, and the bytes sent
# instead (before the tagged OK, which "{tag}" in the text stands for).
# "close" ends the connection after sending.
SCENARIOS = {
    "alert-greeting": ("GREETING", "* OK [ALERT]\r\n", False),
    "alert-no": ("LOGIN", "* NO [ALERT]\r\n{tag} OK done\r\n", False),
    "permanentflags": ("SELECT", "* 1 EXISTS\r\n* OK [PERMANENTFLAGS ({]\r\n"
                       "{tag} OK [READ-WRITE] done\r\n", False),
    "status-empty": ("STATUS", '* STATUS "RUU" ()\r\n{tag} OK done\r\n',
                     False),
    # libetpan takes a bare LF for CRLF: tern read no list and crashed.
    "status-empty-lf": ("STATUS", '* STATUS RUU ()\n{tag} OK done\r\n',
                        False),
    "uid-wrap": ("FETCH", "* 1 FETCH (UID 4294967306 FLAGS ())\r\n"
                 "{tag} OK done\r\n", False),
    "literal-huge": ("FETCH", "* 1 FETCH (UID 1 BODY[] {4294967296}\r\n",
                     False),
    "literal-cut": ("FETCH", "* 1 FETCH (UID 1 BODY[] {100}\r\nabc", True),
    "deep-nesting": ("FETCH", "* 1 FETCH (UID 1 X " + "(" * 500 + ")" * 500 +
                     ")\r\n{tag} OK done\r\n", False),
    # Opening the message: a MIME structure 20,000 multiparts deep, then
    # one of 20,000 parts side by side ("BODYSTRUCTURE" stands for the
    # FETCH that asks for it).
    "body-deep": ("BODYSTRUCTURE", "* 1 FETCH (UID 1 BODYSTRUCTURE " +
                  "(" * 20000 + '"text" "plain" NIL NIL NIL "7bit" 1 1' +
                  ' "mixed")' * 20000 + ")\r\n{tag} OK done\r\n", False),
    "body-wide": ("BODYSTRUCTURE", "* 1 FETCH (UID 1 BODYSTRUCTURE (" +
                  '("text" "plain" NIL NIL NIL "7bit" 1 1)' * 20000 +
                  ' "mixed"))\r\n{tag} OK done\r\n', False),
    # Not hostile: LIST-STATUS (RFC 5819) with news of the open folder
    # in the same answer, which libetpan alone would drop.
    "list-status": ("LIST", '* LIST () "/" INBOX\r\n'
                    '* STATUS INBOX (MESSAGES 1 UNSEEN 1)\r\n'
                    '* LIST () "/" Work\r\n'
                    '* STATUS Work (MESSAGES 7 UNSEEN 3)\r\n'
                    '* 1 EXPUNGE\r\n{tag} OK done\r\n', False),
    # A folder name that would end the command it is put in and start
    # another, were it sent as it is.
    "folder-crlf": ("LIST", '* LIST () "/" INBOX\r\n* LIST () "/" {%d}\r\n'
                    '%s\r\n{tag} OK done\r\n' % (len(INJECT), INJECT),
                    False),
    "normal": (None, "", False),
    "logindisabled": (None, "", False),
    "xoauth2": (None, "", False),
    "oauthbearer": (None, "", False),
    # STARTTLS on a plain connection (the --tls certificate is for the
    # handshake): no login before TLS, AUTH=PLAIN after it.
    "starttls-caps": (None, "", False),
}
CAPABILITIES = {"list-status": "IMAP4rev1 IDLE LIST-STATUS",
                # A client must not send LOGIN, and may not AUTHENTICATE.
                "logindisabled": "IMAP4rev1 IDLE LOGINDISABLED",
                "xoauth2": "IMAP4rev1 IDLE SASL-IR AUTH=XOAUTH2",
                "oauthbearer": "IMAP4rev1 IDLE SASL-IR AUTH=OAUTHBEARER "
                               "AUTH=XOAUTH2",
                "starttls-caps": "IMAP4rev1 STARTTLS LOGINDISABLED",
                "starttls-caps+tls": "IMAP4rev1 IDLE SASL-IR AUTH=PLAIN"}
# The OAuth scenarios take the token "tok-2"; any other has expired, and
# is refused the way the mechanisms say: "+" and an error in JSON, the
# client's reply, then NO.
GOOD_TOKEN = b"auth=Bearer tok-2\x01"
EXPIRED = base64.b64encode(b'{"status":"invalid_token",'
                           b'"scope":"https://mail.example.org/"}').decode()


def lines(conn):
    """The client's lines, without CRLF, until it closes."""
    buf = b""
    while True:
        try:
            data = conn.recv(65536)
        except OSError:
            return
        if not data:
            return
        buf += data
        while b"\r\n" in buf:
            line, buf = buf.split(b"\r\n", 1)
            yield line


def command(words, idle_tag, portfile):
    """The tag and name of a command line (DONE ends the IDLE of
    idle_tag), and the IDLE tag from then on.  The name is appended to
    PORTFILE.commands: by name only, never a password."""
    if words[0].upper() == "DONE" and idle_tag:
        tag, cmd, idle_tag = idle_tag, "DONE", None
    else:
        tag = words[0]
        cmd = words[1].upper() if len(words) > 1 else ""
        if cmd == "UID" and len(words) > 2:
            cmd = words[2].upper()
    with open(portfile + ".commands", "a") as f:
        f.write(cmd + "\n")
    if cmd == "IDLE":
        idle_tag = tag
    return tag, cmd, idle_tag


def answer(cmd, tag, scenario):
    if cmd == "CAPABILITY":
        return "* CAPABILITY %s\r\n%s OK done\r\n" % (
            CAPABILITIES.get(scenario, "IMAP4rev1 IDLE"), tag)
    if cmd in ("LOGIN", "NOOP", "DONE"):
        return "%s OK done\r\n" % tag
    if cmd == "LIST":
        return '* LIST () "/" INBOX\r\n%s OK done\r\n' % tag
    if cmd == "STATUS":
        return "* STATUS INBOX (MESSAGES 1 UNSEEN 1)\r\n%s OK done\r\n" % tag
    if cmd == "SELECT":
        return ("* 1 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n"
                "%s OK [READ-WRITE] done\r\n" % tag)
    if cmd == "FETCH":
        return FETCH + "%s OK done\r\n" % tag
    if cmd == "SEARCH":
        return "* SEARCH 1\r\n%s OK done\r\n" % tag
    if cmd == "IDLE":
        return "+ idling\r\n"
    if cmd == "LOGOUT":
        return "* BYE bye\r\n%s OK done\r\n" % tag
    return "%s BAD unknown\r\n" % tag


def main(portfile, scenario, tls=None):
    target, payload, close = SCENARIOS[scenario]
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.getsockname()[1]))
    import os
    os.rename(portfile + ".tmp", portfile)
    srv.settimeout(60)
    conn, _ = srv.accept()
    starttls = scenario == "starttls-caps"
    if tls is not None and not starttls:
        conn = tls.wrap_socket(conn, server_side=True)
    conn.settimeout(60)
    if target == "GREETING":
        conn.sendall(payload.encode("latin-1"))
    else:
        conn.sendall(b"* OK mock ready\r\n")
    return scenario_session(conn, portfile, scenario,
                            tls if starttls else None)


def scenario_session(conn, portfile, scenario, starttls):
    """Commands until LOGOUT; STARTTLS (with the context starttls) goes on
    over TLS, where the scenario's capabilities are those of
    SCENARIO+tls."""
    target, payload, close = SCENARIOS[scenario.replace("+tls", "")]
    idle_tag = None
    auth_tag = None
    for line in lines(conn):
        words = line.decode("latin-1").split(" ")
        if auth_tag:
            # The client's answer to the failure: record it, say NO.
            with open(portfile + ".auth", "a") as f:
                f.write("reply %r\n" % line)
            conn.sendall(b"%s NO [AUTHENTICATIONFAILED] token expired"
                         b"\r\n" % auth_tag.encode())
            auth_tag = None
            continue
        if len(words) == 4 and words[1].upper() == "AUTHENTICATE":
            msg = base64.b64decode(words[3])
            with open(portfile + ".auth", "a") as f:
                f.write("%s %r\n" % (words[2], msg))
            with open(portfile + ".commands", "a") as f:
                f.write("AUTHENTICATE\n")
            # PLAIN passes, as LOGIN does; the OAuth tokens are checked.
            if GOOD_TOKEN in msg or words[2].upper() == "PLAIN":
                conn.sendall(b"%s OK done\r\n" % words[0].encode())
            else:
                conn.sendall(b"+ %s\r\n" % EXPIRED.encode())
                auth_tag = words[0]
            continue
        tag, cmd, idle_tag = command(words, idle_tag, portfile)
        if cmd == "STARTTLS" and starttls is not None:
            conn.sendall(b"%s OK begin TLS\r\n" % tag.encode())
            conn = starttls.wrap_socket(conn, server_side=True)
            return scenario_session(conn, portfile, scenario + "+tls", None)
        if cmd == target or (target == "BODYSTRUCTURE" and
                             "BODYSTRUCTURE" in line.decode(
                                 "latin-1").upper()):
            conn.sendall(payload.replace("{tag}", tag).encode("latin-1"))
            if close:
                time.sleep(0.2)
                conn.close()
                return 0
            target = None   # only the first time
            continue
        conn.sendall(answer(cmd, tag, scenario).encode("latin-1"))
        if cmd == "LOGOUT":
            conn.close()
            return 0
    return 0


def fetch_line(seq, uid, subject=""):
    """One message's FETCH answer, as tern's list asks for it."""
    head = ("From: A <a@example.org>\r\nSubject: msg %d%s\r\n"
            "Date: Mon, 1 Jan 2024 %02d:%02d:00 +0000\r\n\r\n" %
            (uid, subject, uid // 60 % 24, uid % 60))
    return ('* %d FETCH (UID %d FLAGS () RFC822.SIZE 10 INTERNALDATE '
            '"01-Jan-2024 %02d:%02d:00 +0000" BODY[HEADER.FIELDS (FROM '
            'SUBJECT DATE MESSAGE-ID)] {%d}\r\n%s)\r\n' %
            (seq, uid, uid // 60 % 24, uid % 60, len(head), head))


def parse_set(text, top):
    """The numbers of an IMAP set ("1:5,9,12:*"), "*" being top."""
    out = set()
    for item in text.split(","):
        ends = [top if x == "*" else int(x) for x in item.split(":")]
        lo, hi = min(ends), max(ends)
        out.update(range(lo, min(hi, top) + 1))
    return out


class Folder:
    """The one folder, INBOX: its UIDs in sequence order."""

    def __init__(self, n):
        self.uids = list(range(1, n + 1))

    def fetch(self, words):
        """The FETCH answer to a command's words (after the tag)."""
        uid = words[0].upper() == "UID"
        text = words[2] if uid else words[1]
        if uid:
            top = self.uids[-1] if self.uids else 0
            want = parse_set(text, top)
            seqs = [i + 1 for i, u in enumerate(self.uids) if u in want]
        else:
            seqs = sorted(parse_set(text, len(self.uids)))
        return "".join(fetch_line(s, self.uids[s - 1]) for s in seqs
                       if 1 <= s <= len(self.uids))


def expunge_flood(folder, tag):
    """More EXPUNGEs of message 1 than the folder holds, during IDLE."""
    n = len(folder.uids)
    folder.uids = []
    return "+ idling\r\n" + "* 1 EXPUNGE\r\n" * 100000, n


def expunge_all(folder, tag):
    """An EXPUNGE of every message, each of message 1, during IDLE."""
    n = len(folder.uids)
    folder.uids = []
    return "+ idling\r\n" + "* 1 EXPUNGE\r\n" * n, n


def expunge_past(folder, tag):
    """An EXPUNGE of the message one past EXISTS."""
    return "+ idling\r\n* %d EXPUNGE\r\n" % (len(folder.uids) + 1), 0


def expunge_zero(folder, tag):
    return "+ idling\r\n* 0 EXPUNGE\r\n", 0


def fetch_phantom(folder, tag):
    """FETCH for a UID tern never asked about, and for a sequence number
    past EXISTS, with and without a UID; then one true change."""
    n = len(folder.uids)
    return ("+ idling\r\n* 2 FETCH (UID 777 FLAGS (\\Flagged))\r\n"
            "* %d FETCH (FLAGS (\\Flagged))\r\n"
            "* %d FETCH (UID 888 FLAGS (\\Flagged))\r\n"
            "* %d FETCH (UID %d FLAGS (\\Seen \\Flagged))\r\n" %
            (n + 5, n + 6, n, folder.uids[-1])), 0


def bye_fetch(folder, tag):
    """BYE after half of the first screen's FETCH answers."""
    return "".join(fetch_line(s, s) for s in range(1, 6)) + \
        "* BYE [ALERT] going down for maintenance\r\n", 0


def bye_literal(folder, tag):
    """BYE where a literal's bytes were due: it is data, then the end."""
    return ("* 1 FETCH (UID 1 FLAGS () BODY[HEADER.FIELDS (SUBJECT)] {200}"
            "\r\nSubject: x\r\n* BYE going down\r\n"), 0


def long_line(folder, tag):
    """A header line of 10 MB outside any literal."""
    return ('* 1 FETCH (UID 1 FLAGS () BODY[HEADER.FIELDS (SUBJECT)] '
            '"Subject: ' + "a" * (10 << 20) + '")\r\n'), 0


def long_header(folder, tag):
    """A 10 MB Subject in a literal, which max-literal allows."""
    return (fetch_line(1, 1, " long" + " b" * (5 << 20)) +
            "%s OK done\r\n" % tag), 0


def literal(size):
    def send(folder, tag):
        return "* 1 FETCH (UID 1 BODY[] {%d}\r\n" % size, 0
    return send


def nul_quoted(folder, tag):
    return '* LIST () "/" "Tr\0sh"\r\n* LIST () "/" INBOX\r\n' \
        '%s OK done\r\n' % tag, 0


def nul_line(folder, tag):
    return "* OK still\0here\r\n%s OK done\r\n" % tag, 0


def nul_literal(folder, tag):
    head = "From: A <a@example.org>\r\nSubject: nul\0here\r\n\r\n"
    return ('* 1 FETCH (UID 1 FLAGS () RFC822.SIZE 10 INTERNALDATE '
            '"01-Jan-2024 00:00:00 +0000" BODY[HEADER.FIELDS (FROM '
            'SUBJECT)] {%d}\r\n%s)\r\n%s OK done\r\n' %
            (len(head), head, tag)), 0


def half_fetch(folder, tag):
    """Half of the first screen, then nothing more, connection open."""
    return "".join(fetch_line(s, s) for s in range(1, 4)), 0


def text(t):
    return lambda folder, tag: (t.replace("{tag}", tag), 0)


# Each fault: the messages in the folder, the command whose answer it
# replaces (GREETING: the greeting), what is sent instead (a function of
# the folder and the command's tag), and then: "close" the connection,
# "hang" (keep it open and answer nothing more, as a dead server), or
# go on.  A "slow" fault sends everything a byte at a time.
FAULTS = {
    "expunge-flood": (1000, "IDLE", expunge_flood, None),
    "expunge-all": (100000, "IDLE", expunge_all, None),
    "expunge-past": (1000, "IDLE", expunge_past, None),
    "expunge-zero": (1000, "IDLE", expunge_zero, None),
    "fetch-phantom": (5, "IDLE", fetch_phantom, None),
    "bye-fetch": (10, "FETCH", bye_fetch, "close"),
    "bye-literal": (10, "FETCH", bye_literal, "close"),
    "long-line": (1, "FETCH", long_line, "hang"),
    "long-header": (1, "FETCH", long_header, None),
    "literal-2g": (1, "FETCH", literal(2147483648), "hang"),
    "literal-2g-1": (1, "FETCH", literal(2147483647), "hang"),
    "nul-quoted": (1, "LIST", nul_quoted, None),
    "nul-line": (1, "SELECT", nul_line, None),
    "nul-literal": (1, "FETCH", nul_literal, None),
    "slow": (3, None, None, "slow"),
    "silent-greeting": (3, "GREETING", text(""), "hang"),
    "silent-login": (3, "LOGIN", text(""), "hang"),
    "silent-fetch": (10, "FETCH", half_fetch, "hang"),
    "wrong-tag": (3, "SELECT", text("* 3 EXISTS\r\nZ999 OK done\r\n"),
                  None),
    "garbage": (3, "SELECT", text("* 3 EXISTS\r\n* \x01\x02 ((( "
                                  "garbage\r\n{tag} OK done\r\n"), None),
    "no-crlf": (3, "SELECT", text("* 3 EXISTS\r\n* OK [UIDVALIDITY 1"),
                "close"),
    "plus": (3, "SELECT", text("+ go ahead\r\n* 3 EXISTS\r\n"
                               "{tag} OK done\r\n"), None),
    # A response after the OK to STARTTLS, in the same write: read as if
    # it came over TLS, it would tell the client what to do unprotected.
    "starttls-inject": (3, "STARTTLS", text(
        "{tag} OK Begin TLS negotiation now\r\n"
        "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n"), "hang"),
}
# What a fault's server offers, where it is not "IMAP4rev1 IDLE".
FAULT_CAPABILITIES = {"starttls-inject": "IMAP4rev1 IDLE STARTTLS"}


def serve_fault(srv, portfile, name, tls):
    """Play FAULTS[name] on the first connection, then serve normally."""
    nmsg, target, send, after = FAULTS[name]
    folder = Folder(nmsg)
    srv.settimeout(120)
    first = True
    while True:
        try:
            conn, _ = srv.accept()
        except OSError:
            return 0
        if tls is not None:
            try:
                conn = tls.wrap_socket(conn, server_side=True)
            except (OSError, ssl.SSLError):
                conn.close()
                continue
        try:
            session(conn, portfile, folder, target if first else None, send,
                    after if first or after == "slow" else None,
                    FAULT_CAPABILITIES.get(name, "IMAP4rev1 IDLE"))
        except (OSError, ssl.SSLError):
            pass
        conn.close()
        first = False


def put(conn, text, slow):
    data = text.encode("latin-1")
    if not slow:
        conn.sendall(data)
        return
    for i in range(len(data)):
        conn.sendall(data[i:i + 1])
        time.sleep(0.001)


def session(conn, portfile, folder, target, send, after, caps):
    """One client: the folder's answers, and the fault once, if target."""
    slow = after == "slow"
    if target == "GREETING":
        hang(conn)
        return
    put(conn, "* OK mock ready\r\n", slow)
    idle_tag = None
    for line in lines(conn):
        words = line.decode("latin-1").split(" ")
        tag, cmd, idle_tag = command(words, idle_tag, portfile)
        if cmd == target:
            target = None
            out, _ = send(folder, tag)
            put(conn, out, slow)
            if after == "close":
                time.sleep(0.2)
                return
            if after == "hang":
                hang(conn)
                return
            continue
        if cmd == "CAPABILITY":
            out = "* CAPABILITY %s\r\n%s OK done\r\n" % (caps, tag)
        elif cmd == "SELECT":
            out = ("* %d EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n"
                   "* OK [UIDNEXT %d] ok\r\n%s OK [READ-WRITE] done"
                   "\r\n" % (len(folder.uids), (folder.uids or [0])[-1] +
                              1, tag))
        elif cmd == "FETCH":
            out = folder.fetch(words[1:]) + "%s OK done\r\n" % tag
        elif cmd == "SEARCH":
            out = "* SEARCH%s\r\n%s OK done\r\n" % (
                "".join(" %d" % u for u in folder.uids), tag)
        elif cmd == "STATUS":
            out = ("* STATUS INBOX (MESSAGES %d UNSEEN %d)\r\n"
                   "%s OK done\r\n" % (len(folder.uids),
                                         len(folder.uids), tag))
        else:
            out = answer(cmd, tag, "normal")
        put(conn, out, slow)
        if cmd == "LOGOUT":
            return


def hang(conn):
    """A server that stopped answering: read and say nothing, until the
    client goes."""
    while conn.recv(65536):
        pass


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--tls":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args[1], args[2])
        args = args[3:]
    else:
        ctx = None
    if args[1] in FAULTS:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        with open(args[0] + ".tmp", "w") as pf:
            pf.write(str(sock.getsockname()[1]))
        import os
        os.rename(args[0] + ".tmp", args[0])
        sys.exit(serve_fault(sock, args[0], args[1], ctx))
    try:
        rc = main(args[0], args[1], ctx)
    except OSError:
        # The client hung up in the middle of an answer: it refused what
        # it read, which is what the scenario is for.
        rc = 0
    sys.exit(rc)
