#!/usr/bin/env python3
"""The measuring half of bench/open-time; run by it, not by hand.

  open-time.py [-n N[,N...]] [-r RUNS] [--no-proxy] [--keep]

The private Dovecot of tests/integration/lib.sh is running, with a static
passdb that takes the password "open-time" for any user (bench/open-time
adds it).  For each N, user benchN has a home that is a link to
$TERN_BENCH_DIR/N (default /var/tmp/tern-bench/N), whose Maildir holds N
generated messages.  The mail is written once, indexed by Dovecot once,
and reused by every later run; a data set of an older format is written
anew.

Per N, RUNS rounds of, in turn:

  lower bound, one screen    a bare client: TCP connect, TLS, LOGIN,
                             SELECT INBOX, UID FETCH of the newest 60
                             (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)
  lower bound, all headers   the same with FETCH 1:*
    the same, header fields  BODY.PEEK[HEADER.FIELDS (...)] for ENVELOPE
  tern cold                  tern in tmux (200x60) with an empty cache,
                             until its debug log says "index ready" and
                             then "headers complete"; VmHWM is read then
  tern warm                  the same with a copy of the cache the cold
                             run left when it quit
  tmux launch, no tern       tmux running a command that notes the time:
                             the harness's share of tern's figures

then, unless --no-proxy, RUNS rounds of the one-screen lower bound and of
tern cold until "index ready", through tests/tcpproxy.py --delay-ms 25.
tern's times are taken from the wall clock read just before tmux is
started to the time stamps of its own log lines.  Prints medians.  The
tern run is a copy of TERN_BIN taken at the start.

Environment: TEST_DIR, IMAPS_PORT, CA_FILE (lib.sh), TERN_BIN,
TERN_SRCDIR, TERN_BENCH_DIR; OPEN_TIME_DEADLINE (seconds tern has for each
marker, default 120).  Exit status 0 when every run ended with its
markers, 1 otherwise.
"""

import argparse
import email.header
import os
import random
import re
import shlex
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import time

# Bumped whenever the generated mail changes: older data sets are rewritten.
DATA_FORMAT = 1
PASSWORD = "open-time"
# Rows of the lower bound's first screen: the terminal's height.
SCREEN_ROWS = 60
TERM_COLS, TERM_ROWS = 200, 60
FETCH_ITEMS = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)"
# The log is read this often while tern starts.
POLL_SECS = 0.005
DEADLINE_SECS = float(os.environ.get("OPEN_TIME_DEADLINE", "120"))
# For tern to exit on q, and for tmux and the proxy to start.
QUIT_SECS = 15.0
PROXY_DELAY_MS = 25

LOG_LINE = re.compile(rb"^(\d+\.\d+) (.*)$")
READY = re.compile(rb"^index ready: INBOX (\d+) rows")
COMPLETE = re.compile(
    rb"^headers complete: INBOX (\d+) rows, longest UI turn ([0-9.]+) ms")
STARTING = re.compile(rb"^tern .* starting")
FROM_CACHE = re.compile(rb"^INBOX from the cache: ")
THREADED = re.compile(rb"^index in threads: INBOX (\d+) rows")


class Failure(Exception):
    pass


def say(fmt, *args):
    sys.stdout.write((fmt % args if args else fmt) + "\n")
    sys.stdout.flush()


def progress(text):
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()


# --- the mail ---------------------------------------------------------------

FIRST = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
         "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert",
         "Sybil", "Trent", "Victor", "Walter", "Yolanda", "Zoe", "Hannah",
         "Liam", "Noah", "Emma", "Ava", "Mia", "Lucas", "Ethan", "Maya"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
        "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Clark",
        "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell"]
# Names that need RFC 2047 in a From or To.
WIDE_NAMES = ["José Martínez", "Zoë Brontë", "Søren Kierkegård",
              "Ångström Lab", "Françoise Dürr", "Łukasz Żółw",
              "Ελένη Παπαδοπούλου", "Дмитрий Иванов", "山田 太郎",
              "Jürgen Müller", "Niamh Ó Súilleabháin", "Chloé Lefèvre"]
DOMAINS = ["example.org", "example.com", "example.net", "mail.example.org",
           "lists.example.com", "corp.example.net", "uni.example.edu"]
TOPICS = ["quarterly report", "build failure on main", "release 2.4 plan",
          "invoice 2024-%03d", "meeting notes", "design review",
          "server migration", "lunch on Friday", "holiday schedule",
          "budget for next year", "customer feedback", "security update",
          "on-call rota", "travel expenses", "the new office",
          "conference talk proposal", "backup failures", "API changes",
          "hiring plan", "performance numbers", "disk space on db-%d",
          "welcome to the team", "minutes of the board meeting",
          "contract renewal", "weekly status", "question about ticket #%d"]
WIDE_TOPICS = ["Réunion de lundi", "Überprüfung der Rechnung %d",
               "Café am Freitag?", "Résumé des décisions",
               "Встреча в пятницу", "会議の議事録 %d", "Año nuevo, planes nuevos",
               "Smörgåsbord på fredag", "Ζητήματα προϋπολογισμού",
               "Naïve question about the façade"]
WORDS = ("the of and to in is that for it as was with be by on not he this "
         "are or his from at which but have an they you were her she there "
         "been one all we their has would when if so no will can more about "
         "server release build report meeting budget team customer update "
         "please thanks attached draft review schedule question answer "
         "plan numbers disk backup migration office travel contract ticket "
         "tomorrow yesterday week month quarter year morning afternoon "
         "déjà naïve café über straße").split()


def text_lines(rnd, count):
    """A pool of body lines, 30 to 72 characters of words."""
    pool = []
    for _ in range(count):
        want = rnd.randint(30, 72)
        words = []
        length = 0
        while length < want:
            w = rnd.choice(WORDS)
            words.append(w)
            length += len(w) + 1
        line = " ".join(words)
        pool.append(line[0].upper() + line[1:])
    return pool


def encoded(text, charset="utf-8"):
    """RFC 2047 words for text, split and folded as a mailer would."""
    return email.header.Header(text, charset, maxlinelen=76).encode()


def address(rnd):
    if rnd.random() < 0.08:
        name = rnd.choice(WIDE_NAMES)
        local = "user%d" % rnd.randint(1, 999)
        return "%s <%s@%s>" % (encoded(name), local, rnd.choice(DOMAINS))
    first, last = rnd.choice(FIRST), rnd.choice(LAST)
    local = "%s.%s" % (first.lower(), last.lower())
    dom = rnd.choice(DOMAINS)
    if rnd.random() < 0.1:
        return '"%s, %s" <%s@%s>' % (last, first, local, dom)
    if rnd.random() < 0.05:
        return "%s@%s" % (local, dom)
    return "%s %s <%s@%s>" % (first, last, local, dom)


def subject_text(rnd):
    """(text, header value) of a new thread's subject."""
    if rnd.random() < 0.1:
        t = rnd.choice(WIDE_TOPICS)
        if "%d" in t:
            t = t % rnd.randint(1, 999)
        if rnd.random() < 0.3 and all(ord(c) < 256 for c in t):
            return t, encoded(t, "iso-8859-1")
        return t, encoded(t)
    t = rnd.choice(TOPICS)
    if "%" in t:
        t = t % rnd.randint(1, 999)
    t = t[0].upper() + t[1:]
    return t, t


def generate(dest, n):
    """n messages in dest/Maildir/cur, the oldest first; returns bytes."""
    rnd = random.Random(n)
    cur = os.path.join(dest, "Maildir", "cur")
    for d in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(dest, "Maildir", d))
    pool = text_lines(rnd, 4000)
    # Three years of mail, whatever n, one message every step seconds.
    start = 1609459200  # 2021-01-01
    step = max(2, (3 * 365 * 86400) // n)
    zones = ["+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900"]
    msgs = []  # (message-id, references, subject text, header value)
    total = 0
    for i in range(1, n + 1):
        when = start + i * step + rnd.randint(0, step // 2)
        zone = rnd.choice(zones)
        off = (1 if zone[0] == "+" else -1) * (
            int(zone[1:3]) * 3600 + int(zone[3:]) * 60)
        date = time.strftime("%a, %d %b %Y %H:%M:%S ", time.gmtime(
            when + off)) + zone
        dom = rnd.choice(DOMAINS)
        msgid = "<%d.%x.%d@%s>" % (when, rnd.getrandbits(40), i, dom)
        refs = []
        parent = None
        if msgs and rnd.random() < 0.3:
            parent = msgs[-rnd.randint(1, min(len(msgs), 200))]
            refs = (parent[1] + [parent[0]])[-10:]
            subj = parent[2]
            if re.search(r"[^\x00-\x7f]", subj):
                value = "Re: " + encoded(subj)
            else:
                value = "Re: " + subj
        else:
            subj, value = subject_text(rnd)
        msgs.append((msgid, refs, subj))
        hdr = ["Return-Path: <bounce-%d@%s>" % (i, dom),
               "Received: from mx%d.%s (mx%d.%s [192.0.2.%d])\n"
               "\tby mail.example.org (Postfix) with ESMTPS id %X\n"
               "\tfor <alice@example.org>; %s"
               % (i % 7, dom, i % 7, dom, i % 250 + 1, rnd.getrandbits(36),
                  date),
               "From: " + address(rnd),
               "To: " + ", ".join(address(rnd)
                                  for _ in range(rnd.choice((1, 1, 1, 2, 3)))),
               ]
        if rnd.random() < 0.2:
            hdr.append("Cc: " + address(rnd))
        hdr += ["Subject: " + value,
                "Date: " + date,
                "Message-ID: " + msgid]
        if refs:
            hdr.append("In-Reply-To: " + refs[-1])
            hdr.append("References: " + "\n ".join(refs))
        hdr += ["MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit"]
        # A few hundred bytes to a few KB, most of them short.
        size = min(6000, max(200, int(rnd.lognormvariate(6.7, 0.7))))
        lines = []
        length = 0
        if parent is not None:
            lines.append("On %s, someone wrote:" % date)
            lines += ["> " + rnd.choice(pool)
                      for _ in range(rnd.randint(1, 6))]
            lines.append("")
        while length < size:
            line = rnd.choice(pool)
            lines.append(line)
            length += len(line) + 1
            if rnd.random() < 0.15:
                lines.append("")
        lines += ["", "-- ", "Sent from a generated mailbox (%d)" % i]
        data = ("\n".join(hdr) + "\n\n" + "\n".join(lines) + "\n").encode()
        # Old mail is read; some of the newest is not.  Maildir flags are
        # in ASCII order.
        flags = set()
        if not (i > n * 0.97 and rnd.random() < 0.5):
            flags.add("S")
        if rnd.random() < 0.03:
            flags.add("F")
        if rnd.random() < 0.1:
            flags.add("R")
        flags = "".join(sorted(flags))
        name = "%d.M%dP%d.open-time,S=%d,W=%d:2,%s" % (
            when, i, n, len(data), len(data) + data.count(b"\n"), flags)
        path = os.path.join(cur, name)
        with open(path, "wb") as f:
            f.write(data)
        # Dovecot takes the received date from the file's time.
        os.utime(path, (when, when))
        total += len(data)
        if i % 5000 == 0:
            progress("generating N=%d: %d messages" % (n, i))
    progress("")
    return total


def mail_owner():
    """The uid and gid Dovecot reads mail as (lib.sh: nobody as root)."""
    if os.getuid() != 0:
        return None
    import grp
    import pwd
    uid = pwd.getpwnam("nobody").pw_uid
    try:
        gid = grp.getgrnam("nogroup").gr_gid
    except KeyError:
        gid = grp.getgrnam("nobody").gr_gid
    return uid, gid


def chown_tree(top, owner):
    if owner is None:
        return
    os.chown(top, *owner)
    for d, dirs, files in os.walk(top):
        for x in dirs + files:
            os.lchown(os.path.join(d, x), *owner)


def data_set(base, n):
    """The directory of the N data set, written now if it is missing."""
    dest = os.path.join(base, str(n))
    stamp = os.path.join(dest, "open-time.format")
    want = "format %d messages %d\n" % (DATA_FORMAT, n)
    try:
        with open(stamp) as f:
            if f.read() == want:
                # Written by another user than the one Dovecot reads as
                # now: Dovecot must write its index there.
                owner = mail_owner()
                st = os.stat(os.path.join(dest, "Maildir"))
                if owner is not None and st.st_uid != owner[0]:
                    chown_tree(dest, owner)
                return dest, False
    except OSError:
        pass
    os.makedirs(base, exist_ok=True)
    os.chmod(base, 0o755)
    if os.path.exists(dest):
        say("N=%d: %s is of another format or incomplete: written anew",
            n, dest)
        shutil.rmtree(dest)
    tmp = "%s.tmp%d" % (dest, os.getpid())
    t = time.monotonic()
    try:
        total = generate(tmp, n)
        with open(os.path.join(tmp, "open-time.format"), "w") as f:
            f.write(want)
        os.chmod(tmp, 0o755)
        chown_tree(tmp, mail_owner())
        os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    say("N=%d: generated %d messages (%.0f MB) in %s in %.1f s",
        n, n, total / 1e6, dest, time.monotonic() - t)
    return dest, True


# --- a bare IMAP client -----------------------------------------------------

class Raw:
    """One IMAPS session, as little as a client can do."""

    def __init__(self, port, user, ctx, timeout):
        sock = socket.create_connection(("127.0.0.1", port), timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = ctx.wrap_socket(sock, server_hostname="127.0.0.1")
        self.buf = bytearray(1 << 17)
        self.view = memoryview(self.buf)
        self.n = 0
        self.greeting = self.read_until(b"* ")
        self.command("LOGIN %s %s" % (user, PASSWORD))

    def read_until(self, tag):
        """Bytes up to and with the line starting with tag.

        Only the end of what came is looked at: a response ends with the
        tagged line, and the server sends nothing after it unasked.  Read
        into one buffer: the client's own work must stay small beside the
        server's."""
        chunks = []
        tail = b""
        size = 0
        while True:
            k = self.sock.recv_into(self.buf)
            if k == 0:
                raise Failure("the server closed the connection")
            chunk = self.buf[:k]
            chunks.append(chunk)
            size += k
            tail = chunk[-2048:] if k >= 2048 else (tail + chunk)[-2048:]
            if not tail.endswith(b"\r\n"):
                continue
            i = tail.rfind(b"\r\n", 0, len(tail) - 2)
            if i >= 0:
                last = tail[i + 2:]
            elif size == len(tail):
                last = tail
            else:
                continue
            if last.startswith(tag):
                return b"".join(chunks)

    def command(self, cmd):
        self.n += 1
        tag = b"a%d " % self.n
        self.sock.sendall(tag + cmd.encode() + b"\r\n")
        data = self.read_until(tag)
        i = data.rfind(b"\r\n", 0, len(data) - 2)
        last = data[i + 2:] if i >= 0 else data
        if not last.startswith(tag + b"OK"):
            raise Failure("%s: %s" % (cmd.split()[0],
                                      last.decode("utf-8", "replace").strip()))
        return data

    def close(self):
        try:
            self.n += 1
            self.sock.sendall(b"a%d LOGOUT\r\n" % self.n)
            self.sock.close()
        except OSError:
            pass


def select_info(data):
    exists = re.search(rb"\* (\d+) EXISTS", data)
    uidnext = re.search(rb"\[UIDNEXT (\d+)\]", data)
    return int(exists.group(1)), int(uidnext.group(1))


# What the list needs, asked as header fields instead of ENVELOPE: the
# other way the issue of this benchmark asked to compare.
FIELDS_ITEMS = ("(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS "
                "(From To Cc Subject Date Message-ID In-Reply-To References)])")


def lower_bound(port, user, ctx, n, everything, items=None, threads=False):
    """Seconds from connect to the last FETCH response; with threads,
    the THREAD order comes first, as a client that shows threads needs."""
    t0 = time.perf_counter()
    raw = Raw(port, user, ctx, DEADLINE_SECS)
    exists, uidnext = select_info(raw.command("SELECT INBOX"))
    if threads and b"* THREAD " not in raw.command(
            "UID THREAD REFERENCES UTF-8 ALL"):
        raise Failure("%s: no THREAD answer" % user)
    if everything:
        data = raw.command("FETCH 1:* " + (items or FETCH_ITEMS))
    else:
        # The data set is never changed, so UIDs run 1..N without gaps.
        data = raw.command("UID FETCH %d:* %s" % (
            max(1, uidnext - SCREEN_ROWS), FETCH_ITEMS))
    t = time.perf_counter() - t0
    raw.close()
    want = exists if everything else min(SCREEN_ROWS, exists)
    got = data.count(b" FETCH (")
    if exists != n or got != want:
        raise Failure("%s: %d messages in INBOX, %d fetched, %d expected; "
                      "remove the data set to write it anew"
                      % (user, exists, got, want))
    return t


def index_on_server(port, user, ctx, n, dest):
    """Have Dovecot index the data set once: UIDs, and the envelopes in
    its cache (the header fields are cached by a first fetch in each
    bench_n)."""
    stamp = os.path.join(dest, "open-time.indexed")
    if os.path.exists(stamp):
        return
    t = time.monotonic()
    raw = Raw(port, user, ctx, 3600)
    exists, _ = select_info(raw.command("SELECT INBOX"))
    if exists != n:
        raise Failure("%s: %d messages in INBOX, %d expected" %
                      (user, exists, n))
    # Twice: Dovecot decides what to keep in its cache from what clients
    # ask for.
    raw.command("FETCH 1:* " + FETCH_ITEMS)
    data = raw.command("FETCH * (UID ENVELOPE)")
    raw.close()
    # Its UIDs follow the order of the file names, the order written.
    if b".%d@" % n not in data:
        raise Failure("%s: the newest message is not the last written" % user)
    with open(stamp, "w") as f:
        f.write("indexed by Dovecot\n")
    say("N=%d: Dovecot indexed it in %.1f s", n, time.monotonic() - t)


# --- the delaying proxy -----------------------------------------------------

class Proxy:
    def __init__(self, srcdir, work, target_port, delay_ms):
        self.dir = os.path.join(work, "proxy")
        os.makedirs(self.dir, exist_ok=True)
        port_file = os.path.join(self.dir, "port")
        self.ctl = os.path.join(self.dir, "ctl")
        if os.path.exists(port_file):
            os.unlink(port_file)
        self.log = open(os.path.join(self.dir, "log"), "ab")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(srcdir, "tests", "tcpproxy.py"),
             "--target", "127.0.0.1:%d" % target_port,
             "--port-file", port_file, "--control", self.ctl,
             "--delay-ms", str(delay_ms)],
            stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)
        end = time.monotonic() + QUIT_SECS
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.monotonic() > end:
                self.stop()
                raise Failure("tests/tcpproxy.py did not start; its log: %s"
                              % os.path.join(self.dir, "log"))
            time.sleep(0.01)
        with open(port_file) as f:
            self.port = int(f.read())

    def command(self, cmd):
        answer = b""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(QUIT_SECS)
                s.connect(self.ctl)
                s.sendall(cmd.encode() + b"\n")
                while not answer.endswith(b"\n"):
                    b = s.recv(4096)
                    if not b:
                        break
                    answer += b
        except OSError as e:
            raise Failure("the proxy's control socket %s: %s" % (self.ctl, e))
        answer = answer.decode().strip()
        if not answer.startswith("ok"):
            raise Failure("the proxy answered %r to %s" % (answer, cmd))
        return answer

    def turns(self):
        m = re.search(r"\bturns=(\d+)", self.command("stats"))
        return int(m.group(1)) if m else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(QUIT_SECS)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# --- tern -------------------------------------------------------------------

def terminal_type():
    for d in ("/usr/share/terminfo/t", "/lib/terminfo/t"):
        if os.path.exists(os.path.join(d, "tmux-256color")):
            return "tmux-256color"
    return "screen-256color"


def gone(pid):
    """Whether pid has exited (a zombie has)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def vm_hwm(pid):
    """Peak resident set size of pid in bytes."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise Failure("no VmHWM in /proc/%d/status" % pid)


def tmux_alone(work, label):
    """Seconds from the launch of a tmux session to its command running:
    the share of the launch that is not tern's."""
    d = os.path.join(work, "runs", label)
    os.makedirs(d)
    stamp = os.path.join(d, "stamp")
    tmux = ["tmux", "-S", os.path.join(d, "tmux.sock")]
    try:
        t0 = time.time()
        subprocess.run(tmux + ["-f", "/dev/null", "new-session", "-d",
                               "-x", str(TERM_COLS), "-y", str(TERM_ROWS),
                               "exec date +%s.%N >" + shlex.quote(stamp)],
                       check=True, stdin=subprocess.DEVNULL)
        end = t0 + QUIT_SECS
        while True:
            try:
                with open(stamp) as f:
                    text = f.read()
                if text.endswith("\n"):
                    return float(text) - t0
            except FileNotFoundError:
                pass
            if time.time() > end:
                raise Failure("tmux did not run a command in %.0f s"
                              % QUIT_SECS)
            time.sleep(POLL_SECS)
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)


class Tern:
    def __init__(self, tern_bin, work):
        self.bin = tern_bin
        self.work = work
        self.term = terminal_type()
        self.tmux_conf = os.path.join(work, "tmux.conf")
        with open(self.tmux_conf, "w") as f:
            f.write("set -g remain-on-exit on\n"
                    "set -g status off\n"
                    "set -g default-terminal %s\n"
                    "set -g history-limit 0\n"
                    "set -g escape-time 0\n" % self.term)
        for d in ("home", "xdg-config"):
            os.makedirs(os.path.join(work, d), exist_ok=True)

    def config(self, name, user, port, ca_file, sort):
        path = os.path.join(self.work, "%s.conf" % name)
        with open(path, "w") as f:
            f.write('[account "bench"]\n'
                    "imap = imaps://%s@127.0.0.1:%d\n"
                    "password-command = printf %%s %s\n"
                    "ca-file = %s\n"
                    "sort = %s\n" % (user, port, PASSWORD, ca_file, sort))
        self.threads = sort == "threads"
        return path

    def run(self, label, config, cache, until, proxy=None):
        """One start of tern, until its log has the marker until ("ready"
        or "complete").  Returns a dict of seconds from the launch, and
        peak RSS and the longest UI turn when until is "complete"."""
        rundir = os.path.join(self.work, "runs", label)
        os.makedirs(rundir)
        log = os.path.join(rundir, "tern.log")
        errf = os.path.join(rundir, "tern.stderr")
        sock = os.path.join(rundir, "tmux.sock")
        env = dict(os.environ)
        for k in ("TMUX", "TMUX_PANE", "SSL_CERT_FILE", "SSL_CERT_DIR"):
            env.pop(k, None)
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM=self.term,
                   HOME=os.path.join(self.work, "home"),
                   XDG_CONFIG_HOME=os.path.join(self.work, "xdg-config"),
                   XDG_CACHE_HOME=cache)
        cmd = "exec %s -c %s -d %s 2>%s" % (
            shlex.quote(self.bin), shlex.quote(config), shlex.quote(log),
            shlex.quote(errf))
        tmux = ["tmux", "-S", sock]
        if proxy is not None:
            proxy.command("reset-stats")
        pid = None
        try:
            t0 = time.time()
            subprocess.run(tmux + ["-f", self.tmux_conf, "new-session", "-d",
                                   "-s", "tern", "-x", str(TERM_COLS), "-y",
                                   str(TERM_ROWS), cmd],
                           env=env, check=True, stdin=subprocess.DEVNULL)
            out = subprocess.run(tmux + ["list-panes", "-t", "tern", "-F",
                                         "#{pane_pid}"],
                                 capture_output=True, check=True)
            pid = int(out.stdout.split()[0])
            with open(os.path.join(rundir, "launch"), "w") as f:
                f.write("%.6f tmux new-session, tern's pid %d\n" % (t0, pid))
            r = self.watch(t0, pid, log, until, proxy)
            if until == "complete":
                r["hwm"] = vm_hwm(pid)
            self.quit(tmux, pid, need_clean=(until == "complete"))
            return r
        except Failure as e:
            raise Failure("%s: %s\n%s" % (label, e,
                                          self.context(tmux, log, errf)))
        finally:
            subprocess.run(tmux + ["kill-server"], capture_output=True)
            if pid is not None and not gone(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def watch(self, t0, pid, log, until, proxy):
        """Read the log as it grows until the marker shows."""
        while not os.path.exists(log):
            self.check(t0, pid, {})
            time.sleep(POLL_SECS)
        r = {}
        partial = b""
        with open(log, "rb") as f:
            while True:
                chunk = f.read()
                if chunk:
                    lines = (partial + chunk).split(b"\n")
                    partial = lines.pop()
                    for line in lines:
                        self.note(line, t0, r)
                    if "ready" in r and "turns_ready" not in r and \
                            proxy is not None:
                        r["turns_ready"] = proxy.turns()
                # A warm start may log the end of its resync first.
                if "ready" in r and (until == "ready" or "complete" in r) \
                        and ("threads" in r or not self.threads):
                    return r
                self.check(t0, pid, r)
                time.sleep(POLL_SECS)

    def check(self, t0, pid, r):
        """Fail if tern has exited or is past its deadline."""
        what = "index ready" if "ready" not in r else \
            "headers complete and the thread order"
        if gone(pid):
            raise Failure("tern exited before its log said %s" % what)
        if time.time() > t0 + DEADLINE_SECS:
            raise Failure("no \"%s\" in tern's log %g s after the launch"
                          % (what, DEADLINE_SECS))

    @staticmethod
    def note(line, t0, r):
        m = LOG_LINE.match(line)
        if not m:
            return
        t, text = float(m.group(1)) - t0, m.group(2)
        if "start" not in r and STARTING.match(text):
            r["start"] = t
        elif "ready" not in r and READY.match(text):
            r["ready"] = t
            r["ready_rows"] = int(READY.match(text).group(1))
        elif "complete" not in r and COMPLETE.match(text):
            m = COMPLETE.match(text)
            r["complete"] = t
            r["rows"] = int(m.group(1))
            r["turn_ms"] = float(m.group(2))
        elif FROM_CACHE.match(text):
            r["from_cache"] = text.decode("utf-8", "replace")
        elif "threads" not in r and THREADED.match(text):
            r["threads"] = t

    def quit(self, tmux, pid, need_clean):
        """q, then wait for tern to exit; the cache of a cold run is used
        by the warm one, so that tern must exit of itself."""
        subprocess.run(tmux + ["send-keys", "-t", "tern", "q"],
                       capture_output=True)
        end = time.monotonic() + QUIT_SECS
        while not gone(pid):
            if time.monotonic() > end:
                if need_clean:
                    raise Failure("tern did not exit within %.0f s of q"
                                  % QUIT_SECS)
                return
            time.sleep(POLL_SECS)

    @staticmethod
    def context(tmux, log, errf):
        parts = []
        out = subprocess.run(tmux + ["capture-pane", "-p", "-t", "tern"],
                             capture_output=True)
        if out.returncode == 0:
            screen = out.stdout.decode("utf-8", "replace").rstrip("\n")
            parts.append("--- screen ---\n" + "\n".join(
                "|" + x for x in screen.split("\n")))
        for name, path in (("tern stderr", errf),
                           ("tern debug log (tail)", log)):
            try:
                with open(path, "rb") as f:
                    lines = f.read().decode("utf-8", "replace").splitlines()
            except OSError:
                continue
            if lines:
                parts.append("--- %s ---\n%s" % (name,
                                                  "\n".join(lines[-30:])))
        return "\n".join(parts)


# --- the report -------------------------------------------------------------

def med(xs):
    return statistics.median(xs)


def row(label, value, note=""):
    say("  %-28s %-10s %s" % (label, value, note) if note else
        "  %-28s %s" % (label, value))


def secs(x):
    return "%.3f s" % x


def ratio(x, base, what, launch=None):
    """x against the lower bound; with launch, also net of starting tmux,
    which tern's figures include and the bare client's do not."""
    if base <= 0:
        return ""
    if launch is None:
        return "%.2fx (%s)" % (x / base, what)
    return "%.2fx (%s); %.2fx net of tmux" % (x / base, what,
                                             (x - launch) / base)


def bench_n(n, args, env, ctx, tern, proxy):
    user = "bench%d" % n
    dest, _ = data_set(args.data_dir, n)
    home = os.path.join(env["TEST_DIR"], "home", user)
    if not os.path.islink(home):
        os.symlink(dest, home)
    port = int(env["IMAPS_PORT"])
    index_on_server(port, user, ctx, n, dest)
    config = tern.config("direct-%d" % n, user, port, env["CA_FILE"],
                         args.sort)
    threads = args.sort == "threads"
    caches = os.path.join(tern.work, "caches")

    lb_screen, lb_all, lb_fields, cold, warm, alone = [], [], [], [], [], []
    lb_threads = []
    # Dovecot caches the header fields once a client has asked twice.
    lower_bound(port, user, ctx, n, True, FIELDS_ITEMS)
    for i in range(1, args.runs + 1):
        progress("N=%d: run %d of %d" % (n, i, args.runs))
        alone.append(tmux_alone(tern.work, "%d-tmux-%d" % (n, i)))
        lb_screen.append(lower_bound(port, user, ctx, n, False))
        lb_all.append(lower_bound(port, user, ctx, n, True))
        lb_fields.append(lower_bound(port, user, ctx, n, True, FIELDS_ITEMS))
        if threads:
            lb_threads.append(lower_bound(port, user, ctx, n, False,
                                          threads=True))
        c = os.path.join(caches, "%d-cold-%d" % (n, i))
        os.makedirs(c)
        cold.append(tern.run("%d-cold-%d" % (n, i), config, c, "complete"))
        w = os.path.join(caches, "%d-warm-%d" % (n, i))
        shutil.copytree(c, w)
        warm.append(tern.run("%d-warm-%d" % (n, i), config, w, "complete"))
        if not args.keep:
            shutil.rmtree(c)
            shutil.rmtree(w)

    p_screen, p_cold = [], []
    if proxy is not None:
        pconfig = tern.config("proxy-%d" % n, user, proxy.port,
                              env["CA_FILE"], args.sort)
        for i in range(1, args.runs + 1):
            progress("N=%d: run %d of %d through the proxy"
                     % (n, i, args.runs))
            proxy.command("reset-stats")
            p_screen.append((lower_bound(proxy.port, user, ctx, n, False),
                             proxy.turns()))
            c = os.path.join(caches, "%d-proxy-%d" % (n, i))
            os.makedirs(c)
            p_cold.append(tern.run("%d-proxy-%d" % (n, i), pconfig, c,
                                   "ready", proxy))
            if not args.keep:
                shutil.rmtree(c)
    progress("")

    for r in warm:
        if "from_cache" not in r:
            raise Failure("N=%d: a warm run did not open INBOX from the "
                          "cache (no \"INBOX from the cache\" in its log)" % n)
    s, a = med(lb_screen), med(lb_all)
    say("")
    say("N=%-28d %-10s %s" % (n, "median", "vs lower bound"))
    row("lower bound, one screen", secs(s))
    row("lower bound, all headers", secs(a))
    row("  the same, header fields", secs(med(lb_fields)),
        "instead of ENVELOPE")
    launch = med(alone)
    row("tmux launch, no tern", secs(launch))
    row("tern start (first log line)", secs(med(r["start"] for r in cold)))
    c_ready = med(r["ready"] for r in cold)
    row("tern cold, usable index", secs(c_ready),
        ratio(c_ready, s, "one screen", launch))
    x = med(r["ready"] for r in warm)
    row("tern warm, usable index", secs(x),
        ratio(x, s, "one screen", launch))
    x = med(r["complete"] for r in cold)
    row("tern cold, all headers", secs(x),
        ratio(x, a, "all headers", launch))
    row("tern warm, resync done", secs(med(r["complete"] for r in warm)))
    if threads:
        t = med(lb_threads)
        row("lower bound, screen in threads", secs(t),
            "THREAD, then one screen")
        x = med(r["threads"] for r in cold)
        row("tern cold, in threads", secs(x),
            "%s; %s" % (ratio(x, t, "screen in threads", launch),
                        ratio(x, s, "one screen", launch)))
        x = med(r["threads"] for r in warm)
        row("tern warm, in threads", secs(x),
            "%s; %s" % (ratio(x, t, "screen in threads", launch),
                        ratio(x, s, "one screen", launch)))
    row("tern longest UI turn", "%.1f ms" % med(r["turn_ms"] for r in cold),
        "cold; warm %.1f ms" % med(r["turn_ms"] for r in warm))
    row("tern peak RSS", "%.1f MiB" % (med(r["hwm"] for r in cold) / 2**20),
        "cold; warm %.1f MiB" % (med(r["hwm"] for r in warm) / 2**20))
    rows = sorted({r["ready_rows"] for r in cold})
    row("rows at usable index", ", ".join(map(str, rows)),
        "cold; warm %s" % ", ".join(
            map(str, sorted({r["ready_rows"] for r in warm}))))
    if p_screen:
        rtt = 2 * PROXY_DELAY_MS / 1000
        say("  through tests/tcpproxy.py, +%d ms each way (%d ms round trip):"
            % (PROXY_DELAY_MS, 2 * PROXY_DELAY_MS))
        ps = med(t for t, _ in p_screen)
        row("lower bound, one screen", secs(ps),
            "%.1f round trips (%s turns)"
            % ((ps - s) / rtt, fmt_med(x for _, x in p_screen)))
        pc = med(r["ready"] for r in p_cold)
        row("tern cold, usable index", secs(pc),
            "%.1f round trips (%s turns); %s"
            % ((pc - c_ready) / rtt,
               fmt_med(r.get("turns_ready") for r in p_cold),
               ratio(pc, ps, "one screen")))
    return c_ready


def fmt_med(xs):
    xs = [x for x in xs if x is not None]
    return "%g" % med(xs) if xs else "?"


def main():
    ap = argparse.ArgumentParser(prog="bench/open-time")
    ap.add_argument("-n", default="1000,10000,100000")
    ap.add_argument("-r", "--runs", type=int, default=5)
    ap.add_argument("--no-proxy", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--sort", choices=("date", "threads"), default="date")
    args = ap.parse_args()
    try:
        ns = [int(x) for x in args.n.split(",")]
        if any(x < 1 for x in ns) or args.runs < 1:
            raise ValueError
    except ValueError:
        ap.error("-n takes counts above 0, separated by commas; -r a count")
    env = os.environ
    args.data_dir = env.get("TERN_BENCH_DIR") or "/var/tmp/tern-bench"
    ctx = ssl.create_default_context(cafile=env["CA_FILE"])
    work = os.path.join(env["TEST_DIR"], "open-time")
    os.makedirs(work, exist_ok=True)
    # A copy: a rebuild while the benchmark runs changes none of its runs.
    tern_bin = os.path.join(work, "tern")
    shutil.copy2(env["TERN_BIN"], tern_bin)
    tern = Tern(tern_bin, work)
    ready = {}
    proxy = None
    if not args.no_proxy:
        proxy = Proxy(env["TERN_SRCDIR"], work, int(env["IMAPS_PORT"]),
                      PROXY_DELAY_MS)
    try:
        for n in ns:
            ready[n] = bench_n(n, args, env, ctx, tern, proxy)
    finally:
        if proxy is not None:
            proxy.stop()
    if len(ns) > 1:
        lo, hi = min(ns), max(ns)
        say("")
        say("usable index, cold: %.3f s at N=%d, %.3f s at N=%d: %.2fx for "
            "%gx the messages" % (ready[lo], lo, ready[hi], hi,
                                  ready[hi] / ready[lo], hi / lo))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        progress("")
        sys.stderr.write("open-time: %s\n" % e)
        sys.exit(1)
    except KeyboardInterrupt:
        progress("")
        sys.exit(130)
    except (OSError, ssl.SSLError, subprocess.CalledProcessError) as e:
        progress("")
        sys.stderr.write("open-time: %s\n" % e)
        sys.exit(1)
