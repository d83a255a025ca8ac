#!/usr/bin/env python3
"""A second IMAP client for the integration tests.

The tests use it to look at and change the server's state behind tern's
back, so that what tern shows can be compared with what the server holds.
It talks IMAPS and verifies the server with the test CA, like tern does.

Connection: IMAPS_PORT, CA_FILE, IMAP_USER, IMAP_PASS, IMAP_HOST (default
127.0.0.1).  Folder names are given and printed in UTF-8 with "/" as the
separator; they go on the wire in modified UTF-7 (RFC 3501 5.1.3).

  imapc.py list [--raw]            folders, one a line (--raw: wire names)
  imapc.py lsub                    subscribed folders, one a line
  imapc.py unsubscribe FOLDER
  imapc.py status FOLDER           "messages N unseen N"
  imapc.py count FOLDER            number of messages
  imapc.py subjects FOLDER         decoded subjects in UID order
  imapc.py flags FOLDER SUBJECT    the message's flags, sorted, one line
  imapc.py msgids FOLDER           Message-IDs in UID order, one a line
  imapc.py thread FOLDER           UID THREAD REFERENCES UTF-8 ALL's list
  imapc.py search FOLDER KEY...    subjects UID SEARCH KEY... finds, by UID
  imapc.py sortby FOLDER CRITERIA  subjects in UID SORT CRITERIA order
  imapc.py store FOLDER SUBJECT +FLAGS|-FLAGS|FLAGS '(\\Seen)'
  imapc.py append FOLDER FILE [FLAGS]
  imapc.py create FOLDER
  imapc.py delete FOLDER
  imapc.py seed MANIFEST           lines: FOLDER<TAB>FILE<TAB>FLAGS
  imapc.py expunge FOLDER
  imapc.py raw FOLDER SUBJECT      the message's bytes, as the server has them
  imapc.py uidvalidity FOLDER      the folder's UIDVALIDITY
  imapc.py uid FOLDER SUBJECT      the message's UID

Exit status: 0 done, 1 IMAP or usage error, 2 subject not found.
"""

import email.header
import email.utils
import imaplib
import os
import re
import ssl
import sys
import time


def mutf7_encode(name):
    """UTF-8 str -> modified UTF-7 wire name (RFC 3501 5.1.3)."""
    out = []
    pending = []

    def flush():
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            import base64
            b = base64.b64encode(raw).decode("ascii").rstrip("=")
            out.append("&" + b.replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


def mutf7_decode(wire):
    import base64
    out = []
    i = 0
    while i < len(wire):
        ch = wire[i]
        if ch != "&":
            out.append(ch)
            i += 1
            continue
        j = wire.index("-", i)
        chunk = wire[i + 1:j]
        if chunk == "":
            out.append("&")
        else:
            b = chunk.replace(",", "/")
            b += "=" * (-len(b) % 4)
            out.append(base64.b64decode(b).decode("utf-16-be"))
        i = j + 1
    return "".join(out)


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Client:
    def __init__(self):
        host = os.environ.get("IMAP_HOST", "127.0.0.1")
        port = int(os.environ["IMAPS_PORT"])
        ctx = ssl.create_default_context(cafile=os.environ["CA_FILE"])
        # For a server whose certificate names another host on purpose.
        if os.environ.get("IMAPC_NO_HOSTNAME_CHECK") == "1":
            ctx.check_hostname = False
        self.imap = imaplib.IMAP4_SSL(host, port, ssl_context=ctx, timeout=20)
        self.imap.login(os.environ.get("IMAP_USER", "alice"),
                        os.environ["IMAP_PASS"])
        self.sep = "/"
        typ, data = self.imap.list('""', '""')
        for line in data:
            m = re.match(rb'\([^)]*\) "(.)"', line or b"")
            if m:
                self.sep = m.group(1).decode()

    def wire(self, folder):
        if folder.upper() == "INBOX":
            return "INBOX"
        return quote(mutf7_encode(folder.replace("/", self.sep)))

    def check(self, res, what):
        typ, data = res
        if typ != "OK":
            raise SystemExit("imapc: %s: %s %r" % (what, typ, data))
        return data

    def select(self, folder, readonly=True):
        self.check(self.imap.select(self.wire(folder), readonly=readonly),
                   "select " + folder)

    def folders(self, lsub=False):
        if lsub:
            data = self.check(self.imap.lsub('""', "*"), "lsub")
        else:
            data = self.check(self.imap.list('""', "*"), "list")
        names = []
        for line in data:
            if line is None:
                continue
            if isinstance(line, tuple):  # name sent as a literal
                line = line[0] + line[1]
            m = re.match(rb'\(([^)]*)\) (NIL|"(?:[^"\\]|\\.)*") (.*)$', line)
            if not m:
                continue
            name = m.group(3).decode("ascii")
            if name.startswith('"'):
                name = re.sub(r'\\(.)', r'\1', name[1:-1])
            names.append(name)
        return names

    def messages(self, folder):
        """[(uid, flags, subject)] in UID order."""
        self.select(folder)
        typ, data = self.imap.uid(
            "FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        if typ != "OK":
            raise SystemExit("imapc: fetch %s: %r" % (folder, data))
        out = []
        for i, item in enumerate(data):
            if not isinstance(item, tuple):
                continue
            meta = item[0].decode("ascii", "replace")
            # Items after the literal come in the next, plain element.
            if i + 1 < len(data) and isinstance(data[i + 1], bytes):
                meta += data[i + 1].decode("ascii", "replace")
            uid = int(re.search(r"UID (\d+)", meta).group(1))
            m = re.search(r"FLAGS \(([^)]*)\)", meta)
            flags = m.group(1).split() if m else []
            hdr = item[1].decode("utf-8", "replace")
            hdr = re.sub(r"\r?\n[ \t]+", " ", hdr)
            subj = ""
            for line in hdr.splitlines():
                if line.lower().startswith("subject:"):
                    subj = decode_header(line[8:].strip())
            out.append((uid, flags, subj))
        out.sort()
        return out

    def find(self, folder, subject):
        found = [m for m in self.messages(folder) if m[2] == subject]
        if not found:
            sys.stderr.write("imapc: no message %r in %s\n" % (subject, folder))
            sys.exit(2)
        return found


def decode_header(value):
    parts = []
    for text, charset in email.header.decode_header(value):
        if isinstance(text, bytes):
            text = text.decode(charset or "ascii", "replace")
        parts.append(text)
    return "".join(parts)


def internal_date(path):
    """The message's Date: header as the APPEND date, so lists show it."""
    with open(path, "rb") as f:
        head = f.read().split(b"\n\n", 1)[0].decode("utf-8", "replace")
    m = re.search(r"^Date:\s*(.+)$", head, re.M | re.I)
    if not m:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(m.group(1).strip())
    except (TypeError, ValueError):
        return None
    return imaplib.Time2Internaldate(dt.timestamp())


def append(c, folder, path, flags):
    if folder.upper() != "INBOX" and folder not in c.folders_cache:
        create(c, folder)
    with open(path, "rb") as f:
        body = f.read()
    c.check(c.imap.append(c.wire(folder), flags or None,
                          internal_date(path), body), "append " + path)


def create(c, folder):
    # Create the parents first so that every level shows in LIST.
    parts = folder.split("/")
    for i in range(1, len(parts) + 1):
        name = "/".join(parts[:i])
        if name in c.folders_cache:
            continue
        c.check(c.imap.create(c.wire(name)), "create " + name)
        c.imap.subscribe(c.wire(name))
        c.folders_cache.add(name)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 1
    cmd, args = argv[1], argv[2:]
    c = Client()
    c.folders_cache = set(mutf7_decode(n).replace(c.sep, "/")
                          for n in c.folders())
    if cmd == "list":
        for n in c.folders():
            print(n if args[:1] == ["--raw"]
                  else mutf7_decode(n).replace(c.sep, "/"))
    elif cmd == "lsub":
        for n in c.folders(lsub=True):
            print(mutf7_decode(n).replace(c.sep, "/"))
    elif cmd == "unsubscribe":
        c.check(c.imap.unsubscribe(c.wire(args[0])), "unsubscribe")
    elif cmd == "status":
        data = c.check(c.imap.status(c.wire(args[0]), "(MESSAGES UNSEEN)"),
                       "status")
        text = data[0].decode("ascii", "replace")
        msgs = re.search(r"MESSAGES (\d+)", text).group(1)
        unseen = re.search(r"UNSEEN (\d+)", text).group(1)
        print("messages %s unseen %s" % (msgs, unseen))
    elif cmd == "count":
        print(len(c.messages(args[0])))
    elif cmd == "subjects":
        for _, _, s in c.messages(args[0]):
            print(s)
    elif cmd == "sorted":
        # The subjects newest first by date, in the server's own order
        # (UID SORT), with the message count first.
        c.select(args[0])
        data = c.check(c.imap.uid("SORT", "(REVERSE DATE)", "UTF-8", "ALL"),
                       "sort")
        uids = [int(x) for x in data[0].split()]
        subj = {u: s for u, _, s in c.messages(args[0])}
        print(len(uids))
        for u in uids:
            print(subj[u])
    elif cmd == "sortby":
        # The server's own order by any criteria, e.g. "(REVERSE FROM)".
        c.select(args[0])
        data = c.check(c.imap.uid("SORT", args[1], "UTF-8", "ALL"), "sort")
        subj = {u: s for u, _, s in c.messages(args[0])}
        for u in data[0].split():
            print(subj[int(u)])
    elif cmd == "search":
        # What the server itself finds, to compare a search in tern with.
        c.select(args[0])
        data = c.check(c.imap.uid("SEARCH", *args[1:]), "search")
        found = set(int(x) for x in data[0].split())
        for u, _, s in c.messages(args[0]):
            if u in found:
                print(s)
    elif cmd == "uids":
        for u, _, _ in c.messages(args[0]):
            print(u)
    elif cmd == "msgids":
        c.select(args[0])
        data = c.check(c.imap.uid("FETCH", "1:*",
                                  "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"),
                       "fetch")
        for item in data:
            if isinstance(item, tuple):
                m = re.search(rb"<[^>]*>", item[1])
                print(m.group(0).decode("ascii", "replace") if m else "")
    elif cmd == "thread":
        # Asked even where the server does not offer THREAD: Dovecot
        # still answers it, which lets a test compare tern's own threads.
        c.select(args[0])
        data = c.check(c.imap.uid("THREAD", "REFERENCES", "UTF-8", "ALL"),
                       "thread")
        print((data[0] or b"").decode("ascii"))
    elif cmd == "flags":
        for _, flags, _ in c.find(args[0], args[1]):
            print(" ".join(sorted(flags)))
    elif cmd == "store":
        folder, subject, op, flags = args
        uids = [str(m[0]) for m in c.find(folder, subject)]
        c.select(folder, readonly=False)
        c.check(c.imap.uid("STORE", ",".join(uids), op, flags), "store")
    elif cmd == "append":
        append(c, args[0], args[1], args[2] if len(args) > 2 else "")
    elif cmd == "create":
        create(c, args[0])
    elif cmd == "delete":
        c.check(c.imap.delete(c.wire(args[0])), "delete " + args[0])
    elif cmd == "expunge":
        c.select(args[0], readonly=False)
        c.check(c.imap.expunge(), "expunge")
    elif cmd == "raw":
        uid = c.find(args[0], args[1])[0][0]
        c.select(args[0])
        data = c.check(c.imap.uid("FETCH", str(uid), "(BODY.PEEK[])"),
                       "fetch")
        sys.stdout.buffer.write(data[0][1])
    elif cmd == "uidvalidity":
        data = c.check(c.imap.status(c.wire(args[0]), "(UIDVALIDITY)"),
                       "status")
        print(re.search(r"UIDVALIDITY (\d+)",
                        data[0].decode("ascii")).group(1))
    elif cmd == "uid":
        print(c.find(args[0], args[1])[0][0])
    elif cmd == "seed":
        base = os.path.dirname(os.path.abspath(args[0]))
        with open(args[0], encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                folder, path, flags = (line.split("\t") + ["", ""])[:3]
                if path == "":
                    create(c, folder)
                    continue
                append(c, folder, os.path.join(base, path),
                       "(%s)" % flags if flags else "")
    else:
        sys.stderr.write("imapc: unknown command %s\n" % cmd)
        return 1
    c.imap.logout()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (imaplib.IMAP4.error, OSError) as e:
        sys.stderr.write("imapc: %s\n" % e)
        sys.exit(1)
