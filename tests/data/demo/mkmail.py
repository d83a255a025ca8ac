#!/usr/bin/env python3
"""Write the demo mailbox: realistic messages as .eml files plus seed.list.

  python3 tests/data/demo/mkmail.py OUTDIR

Dates are relative to today (spread over the last few months), so the demo
always looks recent.  The messages cover what a mail client must get right:
plain ASCII, quoted-printable and base64 UTF-8, ISO-8859-1, RFC 2047
subjects and names with accents and CJK, a mailing-list thread with
replies, a multipart/alternative newsletter, an attachment, flagged and
unread mail.  seed.list (FOLDER<TAB>FILE<TAB>FLAGS) is what
tests/integration/imapc.py seed reads; each folder's lines are oldest
first, so the newest message gets the highest UID.
"""

import base64
import email.utils
import os
import quopri
import sys
import time

DAY = 86400


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def b64(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def w2047(text, enc="Q", charset="UTF-8"):
    """An RFC 2047 encoded-word."""
    raw = text.encode(charset)
    if enc == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode())
    out = []
    for byte in raw:
        c = chr(byte)
        if c == " ":
            out.append("_")
        elif c.isalnum() and byte < 128:
            out.append(c)
        else:
            out.append("=%02X" % byte)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


# (folder, days ago, hour, flags, headers, body as raw text after the blank
# line, body charset for 8-bit bodies).  Headers "Date" and "Message-ID"
# are added.
def messages():
    m = []

    def add(folder, days, hour, flags, headers, body, charset="utf-8"):
        m.append((folder, days, hour, flags, headers, body, charset))

    # --- INBOX -------------------------------------------------------------
    add("INBOX", 41, 19, "\\Seen", [
        ("From", "Sam Rivera <sam.rivera@example.net>"),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Subject", "Dinner on Saturday?"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Hi Alice,

Are you free for dinner on Saturday? We could try the new Lebanese place
on Harbour Street. I can book for 7:30 if that works.

Sam
""")
    add("INBOX", 40, 8, "\\Seen \\Answered", [
        ("From", "Alice Liddell <alice@example.org>"),
        ("To", "Sam Rivera <sam.rivera@example.net>"),
        ("Subject", "Re: Dinner on Saturday?"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Sounds great, 7:30 it is.

On Saturday, Sam Rivera wrote:
> Are you free for dinner on Saturday? We could try the new Lebanese place
> on Harbour Street. I can book for 7:30 if that works.
""")
    add("INBOX", 27, 10, "\\Seen", [
        ("From", "%s <billing@northwind.example>" % w2047("Northwind Énergie")),
        ("To", "alice@example.org"),
        ("Subject", "Your invoice #2291 is ready"),
        ("Content-Type", "text/plain; charset=iso-8859-1"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ], qp("""Bonjour Alice,

Votre facture n° 2291 est disponible : 84,20 € TTC.
Prélèvement prévu le 15 du mois.

Northwind Énergie - Service clients
""".replace("€", "EUR"), "iso-8859-1"))
    add("INBOX", 19, 16, "\\Seen", [
        ("From", "%s <yoko.tanaka@example.jp>" % w2047("田中 陽子", "B")),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Subject", w2047("京都の写真 (photos from Kyoto)", "B")),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "base64"),
    ], b64("""アリスさん、

京都の写真を共有フォルダに入れました。
金閣寺の写真が特にきれいです。

Alice, the photos from Kyoto are in the shared folder —
the ones of Kinkaku-ji came out best.

陽子
""") + "\n")
    add("INBOX", 12, 9, "", [
        ("From", "Terminal Weekly <newsletter@terminal-weekly.example>"),
        ("To", "alice@example.org"),
        ("Subject", "Terminal Weekly #112: five tools you'll love"),
        ("List-Id", "Terminal Weekly <weekly.terminal-weekly.example>"),
        ("List-Unsubscribe",
         "<https://terminal-weekly.example/unsubscribe?u=8812>"),
        ("Content-Type",
         'multipart/alternative; boundary="=-tw112-boundary"'),
    ], """--=-tw112-boundary
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

""" + qp("""TERMINAL WEEKLY #112

1. fzf 0.50 – fuzzy finding gets faster
2. tmux tips: synchronised panes
3. Why your terminal's Unicode width tables matter
4. A gentle introduction to IMAP IDLE
5. Reader's corner: “My dotfiles, ten years on”

Unsubscribe: https://terminal-weekly.example/unsubscribe?u=8812
""") + """
--=-tw112-boundary
Content-Type: text/html; charset=utf-8

<html><body><h1>Terminal Weekly #112</h1>
<ol><li>fzf 0.50</li><li>tmux tips</li><li>Unicode widths</li>
<li>IMAP IDLE</li><li>My dotfiles</li></ol></body></html>
--=-tw112-boundary--
""")
    add("INBOX", 6, 14, "\\Seen", [
        ("From", "%s <zoe@example.se>" % w2047("Zoë Ångström")),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Subject", w2047("Résumé for the café job")),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ], qp("""Hej Alice,

Attached below is the text of my résumé for the café job — could you
have a look before Friday? I'm a bit naïve about what they expect.

Tack så mycket!
Zoë
"""))
    add("INBOX", 3, 11, "\\Flagged", [
        ("From", "Priya Natarajan <priya@lawfirm.example>"),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Subject", w2047("Contract renewal — signature needed")),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], """Dear Alice,

The renewal of the office lease needs your signature by the end of the
month. The changes from last year are in clause 4 (rent review) and
clause 9 (notice period: three months instead of two).

Kind regards,
Priya Natarajan
""")
    add("INBOX", 1, 22, "", [
        ("From", "Ops Team <ops@example.com>"),
        ("To", "all-staff@example.com"),
        ("Subject", "Server maintenance window tonight 23:00-01:00 UTC"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Hi all,

mail.example.com and the VPN will be down for upgrades tonight between
23:00 and 01:00 UTC. Mail sent in that window will be delivered after.

-- 
Ops Team
""")
    add("INBOX", 0, 8, "", [
        ("From", "Grace Okafor <grace@example.com>"),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Cc", "Leo Park <leo@example.com>"),
        ("Subject", "Coffee and the roadmap?"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Morning Alice,

Do you have twenty minutes today to go over the roadmap draft? I'll bring
coffee.

Grace
""")

    # --- Lists/tern-dev: a thread ------------------------------------------
    add("Lists/tern-dev", 9, 15, "\\Seen", [
        ("From", "Maya Lindqvist <maya@example.org>"),
        ("To", "tern-dev@lists.example.org"),
        ("Subject", "[tern-dev] RFC: threading in the index view"),
        ("List-Id", "tern development <tern-dev.lists.example.org>"),
        ("Message-ID", "<rfc-threading-1@example.org>"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Hi all,

I'd like to add a threaded view to the message index. Proposal:

  - use THREAD=REFERENCES when the server has it,
  - fall back to building threads locally from References/In-Reply-To,
  - 't' toggles between flat and threaded.

Thoughts?

Maya
""")
    add("Lists/tern-dev", 8, 10, "\\Seen", [
        ("From", "Leo Park <leo@example.com>"),
        ("To", "tern-dev@lists.example.org"),
        ("Subject", "Re: [tern-dev] RFC: threading in the index view"),
        ("List-Id", "tern development <tern-dev.lists.example.org>"),
        ("Message-ID", "<rfc-threading-2@example.com>"),
        ("In-Reply-To", "<rfc-threading-1@example.org>"),
        ("References", "<rfc-threading-1@example.org>"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Maya Lindqvist wrote:
> use THREAD=REFERENCES when the server has it,

+1. Dovecot has it; Gmail doesn't, so the local fallback matters.

> 't' toggles between flat and threaded.

Could it remember the choice per folder?

Leo
""")
    add("Lists/tern-dev", 7, 18, "", [
        ("From", "Maya Lindqvist <maya@example.org>"),
        ("To", "tern-dev@lists.example.org"),
        ("Subject", "Re: [tern-dev] RFC: threading in the index view"),
        ("List-Id", "tern development <tern-dev.lists.example.org>"),
        ("Message-ID", "<rfc-threading-3@example.org>"),
        ("In-Reply-To", "<rfc-threading-2@example.com>"),
        ("References",
         "<rfc-threading-1@example.org> <rfc-threading-2@example.com>"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Leo Park wrote:
> Could it remember the choice per folder?

Good idea, I'll store it in the cache next to the sort order.

> > 't' toggles between flat and threaded.

Maya
""")
    add("Lists/tern-dev", 2, 13, "", [
        ("From", "%s <jonas@example.de>" % w2047("Jonas Müller")),
        ("To", "tern-dev@lists.example.org"),
        ("Subject", "[tern-dev] Release 0.2 checklist"),
        ("List-Id", "tern development <tern-dev.lists.example.org>"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ], qp("""Hallo zusammen,

before tagging 0.2:

  [x] man pages updated
  [x] integration tests green on Debian 12
  [ ] NEWS entry
  [ ] check the Größe column with wide characters

Grüße,
Jonas
"""))

    # --- Work --------------------------------------------------------------
    add("Work", 33, 9, "\\Seen \\Flagged", [
        ("From", "Henry Ford <henry@example.com>"),
        ("To", "team@example.com"),
        ("Subject", "Q3 planning offsite"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Team,

The Q3 planning offsite is on the 14th, 9:30-17:00, at the lake house.
Please send agenda items by the 10th.

Henry
""")
    add("Work", 4, 17, "", [
        ("From", "Leo Park <leo@example.com>"),
        ("To", "team@example.com"),
        ("Subject", "On-call rota for next month"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Rota is up on the wiki. Swap with each other directly and update the page.
""")

    # --- Work/Projects: a message with an attachment ------------------------
    add("Work/Projects", 5, 12, "", [
        ("From", "Ivy Chen <ivy@example.com>"),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Subject", "Falcon: design review notes"),
        ("Content-Type", 'multipart/mixed; boundary="falcon-notes-01"'),
    ], """This is a multi-part message in MIME format.

--falcon-notes-01
Content-Type: text/plain; charset=us-ascii

Notes from today's review are below; the milestone table is attached.

 - API freeze moves to the 20th
 - load test before the beta, not after

Ivy
--falcon-notes-01
Content-Type: text/csv; charset=us-ascii; name="milestones.csv"
Content-Disposition: attachment; filename="milestones.csv"
Content-Transfer-Encoding: base64

""" + b64("milestone,date,owner\nAPI freeze,20th,Ivy\nBeta,end of month,Alice\n")
        + """
--falcon-notes-01--
""")

    # --- Archive -------------------------------------------------------------
    add("Archive", 118, 7, "\\Seen", [
        ("From", "tern <hello@tern.example>"),
        ("To", "alice@example.org"),
        ("Subject", "Welcome to tern!"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Welcome! A few keys to start with:

  j/k     move          Enter   open
  N       read/unread   F       flag
  s       move          ?       all the keys
""")
    add("Archive", 86, 6, "\\Seen", [
        ("From", "TAP Air Portugal <no-reply@flytap.example>"),
        ("To", "Alice Liddell <alice@example.org>"),
        ("Subject", w2047("Boarding pass — Lisbon (LIS)")),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ], """Flight TP 1351, seat 14C, boarding 06:15, gate 22.
""")

    # --- Réunions (a non-ASCII folder name) ----------------------------------
    add("Réunions", 15, 9, "\\Seen", [
        ("From", "%s <josee@example.fr>" % w2047("Josée Lefèvre")),
        ("To", "equipe@example.fr"),
        ("Subject", w2047("Réunion d'équipe — ordre du jour")),
        ("Content-Type", "text/plain; charset=iso-8859-1"),
        ("Content-Transfer-Encoding", "8bit"),
    ], """Bonjour à tous,

Ordre du jour de lundi :
  1. Bilan du trimestre
  2. Congés d'été
  3. Questions diverses

Josée
""", "iso-8859-1")
    add("Réunions", 11, 14, "", [
        ("From", "%s <josee@example.fr>" % w2047("Josée Lefèvre")),
        ("To", "equipe@example.fr"),
        ("Subject", w2047("Compte-rendu de la réunion du lundi")),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ], qp("""Bonjour à tous,

Voici le compte-rendu : le bilan est positif, les congés d'été sont à
poser avant le 1er juin. Prochaine réunion dans deux semaines.

Bonne journée,
Josée
"""))
    return m


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    now = time.time()
    today = time.localtime(now)
    midnight = time.mktime((today.tm_year, today.tm_mon, today.tm_mday,
                            0, 0, 0, 0, 0, -1))
    rows = []
    for n, (folder, days, hour, flags, headers, body, charset) in \
            enumerate(messages(), 1):
        when = midnight - days * DAY + hour * 3600 + (n * 7 % 60) * 60
        when = min(when, now - 600)	# nothing from the future
        names = [h for h, _ in headers]
        lines = ["Date: " + email.utils.formatdate(when, localtime=True)]
        if "Message-ID" not in names:
            lines.append("Message-ID: <demo-%02d.%d@example.org>" % (n, days))
        lines.append("MIME-Version: 1.0")
        lines += ["%s: %s" % h for h in headers]
        name = "demo-%02d.eml" % n
        data = ("\n".join(lines) + "\n\n" + body).encode(charset)
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        rows.append((folder, when, name, flags))
    # Oldest first in each folder: the newest gets the highest UID.
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(out, "seed.list"), "w", encoding="utf-8") as f:
        f.write("# Written by mkmail.py: FOLDER<TAB>FILE<TAB>FLAGS\n")
        for folder, _, name, flags in rows:
            f.write("%s\t%s\t%s\n" % (folder, name, flags))


if __name__ == "__main__":
    main()
