#!/usr/bin/python3
"""A submission server for the integration tests, on aiosmtpd.

It listens on 127.0.0.1:PORT with implicit TLS (--tls implicit) or
STARTTLS (--tls starttls), takes AUTH PLAIN and LOGIN for one user and
password, and XOAUTH2 and OAUTHBEARER for one token, and writes each
message it accepts to DIR: N.eml holds the bytes as received (after the
dot-unstuffing of RFC 5321 4.5.2), N.env the envelope ("MAIL FROM:<a>
OPTIONS" then "RCPT TO:<b>" lines).  What it does goes to stdout, one line
an event, never with a secret.

Modes that refuse, for the tests of failures:
  --tls none-offered     plain text, no STARTTLS in EHLO
  --inject               a forged line sent right after the 220 to STARTTLS
  --refuse-rcpt ADDR     550 for that recipient
  --refuse-data          554 after the data
  --oauth-error-first    the first token gets the RFC 7628 error (334 JSON)

  smtpd.py --port PORT --cert PEM --key PEM --dir DIR --user U
           --password P [--token T] [--tls ...] [modes]
"""

import argparse
import asyncio
import base64
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def say(*words):
    print(*words, flush=True)


class Handler:
    def __init__(self, opts):
        self.opts = opts
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        if address in self.opts.refuse_rcpt:
            say("rcpt refused", address)
            return "550 5.1.1 <%s>: no such user here" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.opts.refuse_data:
            say("data refused")
            return "554 5.7.1 message refused: looks like spam"
        self.count += 1
        base = os.path.join(self.opts.dir, str(self.count))
        with open(base + ".env", "w", encoding="utf-8") as f:
            f.write("MAIL FROM:<%s> %s\n" % (envelope.mail_from,
                                            " ".join(envelope.mail_options)))
            for r in envelope.rcpt_tos:
                f.write("RCPT TO:<%s>\n" % r)
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        # Whole or not at all, for the test that waits for it.
        os.rename(base + ".tmp", base + ".eml")
        say("received", self.count)
        return "250 2.0.0 OK queued as %d" % self.count


class Server(SMTP):
    opts = None
    oauth_tries = 0

    async def smtp_STARTTLS(self, arg):
        if self.opts.inject:
            say("starttls with injection")
            # The forged line comes in the same write as the 220.
            await self.push("220 Ready to start TLS\r\n"
                            "250-AUTH PLAIN\r\n250 injected")
            return
        say("starttls")
        await super().smtp_STARTTLS(arg)

    async def _oauth(self, mech, args):
        if len(args) > 1:
            blob = base64.b64decode(args[1])
        else:
            blob = await self.challenge_auth("")
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=True)
        text = blob.decode("utf-8", "replace")
        token = None
        for part in text.split("\x01"):
            if part.startswith("auth=Bearer "):
                token = part[len("auth=Bearer "):]
        Server.oauth_tries += 1
        if token == self.opts.token and not (
                self.opts.oauth_error_first and Server.oauth_tries == 1):
            say("auth", mech, "ok")
            return AuthResult(success=True, auth_data=LoginPassword(b"", b""))
        say("auth", mech, "refused")
        err = json.dumps({"status": "401", "schemes": "bearer",
                          "scope": "https://mail.example/"})
        reply = await self.challenge_auth(err)
        if not isinstance(reply, bytes):
            return AuthResult(success=False, handled=True)
        say("auth", mech, "error acknowledged with", repr(reply))
        return AuthResult(success=False,
                          message="535 5.7.8 token expired or invalid")

    async def auth_XOAUTH2(self, server, args):
        return await self._oauth("XOAUTH2", args)

    async def auth_OAUTHBEARER(self, server, args):
        return await self._oauth("OAUTHBEARER", args)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--token")
    p.add_argument("--tls", default="implicit",
                   choices=["implicit", "starttls", "none-offered"])
    p.add_argument("--inject", action="store_true")
    p.add_argument("--refuse-rcpt", action="append", default=[])
    p.add_argument("--refuse-data", action="store_true")
    p.add_argument("--oauth-error-first", action="store_true")
    opts = p.parse_args()
    Server.opts = opts

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(opts.cert, opts.key)

    def authenticator(server, session, envelope, mechanism, data):
        ok = (isinstance(data, LoginPassword) and
              data.login == opts.user.encode() and
              data.password == opts.password.encode())
        say("auth", mechanism, "ok" if ok else "refused")
        return AuthResult(success=ok)

    handler = Handler(opts)

    def factory():
        return Server(
            handler,
            tls_context=ctx if opts.tls == "starttls" else None,
            require_starttls=opts.tls == "starttls",
            authenticator=authenticator,
            auth_required=True,
            auth_require_tls=opts.tls == "starttls",
            enable_SMTPUTF8=True,
            decode_data=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        factory, "127.0.0.1", opts.port,
        ssl=ctx if opts.tls == "implicit" else None))
    say("listening", opts.port, opts.tls)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
