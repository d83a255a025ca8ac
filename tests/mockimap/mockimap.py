#!/usr/bin/env python3
"""A scriptable fake IMAP server for faults Dovecot never produces.

    mockimap.py PORTFILE SCENARIO

Listens on a free port on 127.0.0.1 (written to PORTFILE), serves one
client with plain-text IMAP (the name of each command it gets is appended
to PORTFILE.commands), answers the commands tern sends with canned
responses, and replaces one of them with what the scenario names.  The
scenarios are the responses libetpan 1.9.4 crashes on or misreads, and
answers Dovecot cannot be made to give on cue.
"""
import base64
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
}
CAPABILITIES = {"list-status": "IMAP4rev1 IDLE LIST-STATUS",
                # A client must not send LOGIN, and may not AUTHENTICATE.
                "logindisabled": "IMAP4rev1 IDLE LOGINDISABLED",
                "xoauth2": "IMAP4rev1 IDLE SASL-IR AUTH=XOAUTH2",
                "oauthbearer": "IMAP4rev1 IDLE SASL-IR AUTH=OAUTHBEARER "
                               "AUTH=XOAUTH2"}
# The OAuth scenarios take the token "tok-2"; any other has expired, and
# is refused the way the mechanisms say: "+" and an error in JSON, the
# client's reply, then NO.
GOOD_TOKEN = b"auth=Bearer tok-2\x01"
EXPIRED = base64.b64encode(b'{"status":"invalid_token",'
                           b'"scope":"https://mail.example.org/"}').decode()


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


def main(portfile, scenario):
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
    conn.settimeout(60)
    if target == "GREETING":
        conn.sendall(payload.encode("latin-1"))
    else:
        conn.sendall(b"* OK mock ready\r\n")
    buf = b""
    idle_tag = None
    auth_tag = None
    while True:
        try:
            data = conn.recv(65536)
        except OSError:
            break
        if not data:
            break
        buf += data
        while b"\r\n" in buf:
            line, buf = buf.split(b"\r\n", 1)
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
                if GOOD_TOKEN in msg:
                    conn.sendall(b"%s OK done\r\n" % words[0].encode())
                else:
                    conn.sendall(b"+ %s\r\n" % EXPIRED.encode())
                    auth_tag = words[0]
                continue
            if words[0].upper() == "DONE" and idle_tag:
                tag, cmd, idle_tag = idle_tag, "DONE", None
            else:
                tag = words[0]
                cmd = words[1].upper() if len(words) > 1 else ""
                if cmd == "UID" and len(words) > 2:
                    cmd = words[2].upper()
            # What the client sent, by command name only (no password).
            with open(portfile + ".commands", "a") as f:
                f.write(cmd + "\n")
            if cmd == "IDLE":
                idle_tag = tag
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
