#!/usr/bin/env python3
"""The timing half of bench/live-latency; run by it, not by hand.

  live-latency.py TMUX_SOCKET SUBJECT ROUNDS

tern is already showing INBOX in tmux, and SUBJECT is one of its rows.
One logged-in IMAPS session (the second client of the integration tests)
makes ROUNDS flag changes on SUBJECT, then ROUNDS APPENDs, one at a time;
each is timed from the moment the command goes out to the first capture of
tern's screen that shows it.  Prints one line per kind:

  store-seen: n=20 median=0.041s min=0.030s max=0.080s

A third session sits in IDLE on INBOX meanwhile and times when the server
tells it of the same change: that is the server's share of the figure
(Dovecot holds IDLE news back for a while to batch changes), printed as
store-seen-server and append-server.  store-seen-tern and append-tern are
the differences, round by round: tern's own share, screen drawing and the
poll's resolution included.

Connection: as tests/integration/imapc.py (IMAPS_PORT, CA_FILE, IMAP_USER,
IMAP_PASS); TEST_DIR to notice tern exiting.  Exit status 0 when every
change showed, 1 otherwise.
"""

import email.utils
import imaplib
import os
import re
import statistics
import subprocess
import sys
import threading
import time

# imapc is borrowed from the tests, not built: leave no cache beside it.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "integration"))
import imapc  # noqa: E402

# Screen polls start this far apart.  A capture forks a tmux client and
# costs a few milliseconds itself, so polling faster buys no resolution.
POLL_SECS = 0.005
# A change that has not shown by then is a failure, not a slow sample.
DEADLINE_SECS = 10.0
# tern leaves IDLE to handle a change and enters it again afterwards; the
# next change must find it waiting, or a round would time that gap too.
SETTLE_SECS = 0.1


class Screen:
    def __init__(self, sock):
        self.argv = ["tmux", "-S", sock, "capture-pane", "-p", "-t", "tern"]
        self.status = os.path.join(os.environ["TEST_DIR"], "tern.status")
        self.costs = []

    def capture(self):
        t = time.monotonic()
        out = subprocess.run(self.argv, capture_output=True, check=True)
        self.costs.append(time.monotonic() - t)
        return out.stdout.decode("utf-8", "replace")

    def wait(self, t0, shows, what):
        """Seconds from t0 to the first capture for which shows() holds.

        The capture's end is taken as the moment: the change was on the
        screen by then, and at most one poll earlier."""
        due = time.monotonic()
        while True:
            text = self.capture()
            t1 = time.monotonic()
            if shows(text):
                return t1 - t0
            if t1 - t0 > DEADLINE_SECS:
                raise Failure("%s: not on the screen after %.0f s"
                              % (what, DEADLINE_SECS), text)
            if os.path.exists(self.status):
                raise Failure("%s: tern exited while waiting" % what, text)
            due += POLL_SECS
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            else:
                due = time.monotonic()


class Watcher:
    """A bare IMAP client in IDLE on INBOX, noting when each line comes."""

    def __init__(self):
        self.client = imapc.Client()
        self.client.select("INBOX")
        self.imap = self.client.imap
        # The connection's timeout is for commands; in IDLE, silence is
        # what is expected.
        self.imap.sock.settimeout(None)
        self.lines = []
        self.error = None
        self.cond = threading.Condition()
        self.imap.send(b"w1 IDLE\r\n")
        line = self.imap.readline()
        if not line.startswith(b"+"):
            raise SystemExit("live-latency: IDLE refused: %r" % line)
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        try:
            while True:
                line = self.imap.readline()
                with self.cond:
                    self.lines.append((time.monotonic(), line))
                    self.cond.notify_all()
                if line.startswith(b"w1 "):
                    return
        except Exception as e:  # reported by the waiting side
            with self.cond:
                self.error = e
                self.cond.notify_all()

    def mark(self):
        with self.cond:
            return len(self.lines)

    def wait(self, mark, t0, pattern, what):
        """Seconds from t0 to the first line since mark matching pattern."""
        with self.cond:
            while True:
                for t, line in self.lines[mark:]:
                    if re.match(pattern, line):
                        return t - t0
                mark = len(self.lines)
                if self.error is not None:
                    raise SystemExit("live-latency: %s: IDLE session: %s"
                                     % (what, self.error))
                left = t0 + DEADLINE_SECS - time.monotonic()
                if left <= 0:
                    raise SystemExit("live-latency: %s: the server told "
                                     "an IDLE client nothing in %.0f s"
                                     % (what, DEADLINE_SECS))
                self.cond.wait(left)

    def stop(self):
        self.imap.send(b"DONE\r\n")
        self.reader.join(DEADLINE_SECS)
        self.imap.logout()


class Failure(Exception):
    def __init__(self, message, screen_text):
        super().__init__(message)
        self.screen_text = screen_text


def row_flags(text, subject):
    """The flag letters of the row showing subject, None if no row does.

    The same reading as row_flags in tests/integration/lib.sh: the flags
    are the words before the subject made only of flag letters."""
    for line in text.splitlines():
        i = line.find(subject)
        if i < 0:
            continue
        words = re.sub(r"[^A-Za-z0-9*]", " ", line[:i]).split()
        return "".join(w for w in words if re.fullmatch(r"[NFDr*]+", w))
    return None


def shows_subject(text, subject):
    # "Latency probe 1" must not be found in "Latency probe 10".
    return re.search(re.escape(subject) + r"(\s|$)", text, re.M) is not None


def timed(screen, watcher, send, shows, news, what):
    """Send one command from a thread and watch the screen meanwhile.

    The server may tell tern before it answers the sender, so waiting for
    the answer first would add its round trip to the figure.  Returns the
    seconds until tern's screen showed the change and until the server
    sent the IDLE watcher the untagged line matching news."""
    result = {}

    def run():
        try:
            result["reply"] = send()
        except Exception as e:  # reported below, in the main thread
            result["error"] = e

    sender = threading.Thread(target=run)
    mark = watcher.mark()
    t0 = time.monotonic()
    sender.start()
    try:
        on_screen = screen.wait(t0, shows, what)
        return on_screen, watcher.wait(mark, t0, news, what)
    finally:
        sender.join()
        if "error" in result:
            raise SystemExit("live-latency: %s: %s" % (what, result["error"]))
        typ, data = result["reply"]
        if typ != "OK":
            raise SystemExit("live-latency: %s: %s %r" % (what, typ, data))


def probe_message(n):
    return ("From: Latency Probe <probe@example.org>\r\n"
            "To: Alice Liddell <alice@example.org>\r\n"
            "Subject: Latency probe %d\r\n"
            "Date: %s\r\n"
            "Message-ID: <latency-probe-%d.%d@example.org>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n"
            "\r\n"
            "Appended while tern watched INBOX.\r\n"
            % (n, email.utils.formatdate(), n, os.getpid())).encode("ascii")


def summary(name, samples):
    return ("%s: n=%d median=%.3fs min=%.3fs max=%.3fs"
            % (name, len(samples), statistics.median(samples), min(samples),
               max(samples)))


def main(argv):
    sock, subject, rounds = argv[1], argv[2], int(argv[3])
    screen = Screen(sock)
    # Logging in over TLS takes longer than what is measured: done once,
    # before any clock starts.
    client = imapc.Client()
    uids = [m[0] for m in client.messages("INBOX") if m[2] == subject]
    if len(uids) != 1:
        raise SystemExit("live-latency: %d messages %r in INBOX"
                         % (len(uids), subject))
    uid = str(uids[0])
    client.select("INBOX", readonly=False)
    watcher = Watcher()

    flags = row_flags(screen.capture(), subject)
    if flags is None:
        raise SystemExit("live-latency: no row %r on the screen" % subject)
    unread = "N" in flags

    # Each round flips \Seen, so that each one is a change tern must show.
    stores = []
    for i in range(rounds):
        time.sleep(SETTLE_SECS)
        op = "+FLAGS" if unread else "-FLAGS"
        want_unread = not unread

        def shows(text):
            f = row_flags(text, subject)
            return f is not None and ("N" in f) == want_unread

        stores.append(timed(
            screen, watcher,
            lambda: client.imap.uid("STORE", uid, op, r"(\Seen)"), shows,
            rb"\* \d+ FETCH ",
            "store %d (UID STORE %s (\\Seen))" % (i + 1, op)))
        unread = want_unread

    appends = []
    for n in range(1, rounds + 1):
        time.sleep(SETTLE_SECS)
        probe = "Latency probe %d" % n
        body = probe_message(n)
        appends.append(timed(
            screen, watcher,
            lambda: client.imap.append("INBOX", None, None, body),
            lambda text: shows_subject(text, probe), rb"\* \d+ EXISTS",
            "append %d (%s)" % (n, probe)))

    watcher.stop()
    client.imap.logout()
    print(summary("store-seen", [s for s, _ in stores]))
    print(summary("append", [s for s, _ in appends]))
    print(summary("store-seen-server", [w for _, w in stores]))
    print(summary("append-server", [w for _, w in appends]))
    # Per round, so that the server's spread does not hide tern's own.
    print(summary("store-seen-tern", [s - w for s, w in stores]))
    print(summary("append-tern", [s - w for s, w in appends]))
    print("screen capture: median %.1f ms, polled every %.0f ms or slower"
          % (statistics.median(screen.costs) * 1000, POLL_SECS * 1000))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Failure as e:
        sys.stderr.write("live-latency: %s\n--- last capture ---\n%s"
                         % (e, e.screen_text))
        sys.exit(1)
    except (imaplib.IMAP4.error, OSError,
            subprocess.CalledProcessError) as e:
        sys.stderr.write("live-latency: %s\n" % e)
        sys.exit(1)
