#!/bin/sh
# r, R, f and W, from the list and from the pager, give the editor the
# draft a reply or a forward should start from: the sender (Reply-To
# first), everyone but the user's own addresses for R, "Re: " not
# stacked, the text quoted under the attribution setting's line, the
# forwarded header block and text, or the message whole as an attachment.
# A sender's hostile display name reaches the editor, never a shell.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compose.sh"
set -eu

dovecot_start
seed
cat >"$TEST_DIR/reply-to.eml" <<'MSG'
From: =?UTF-8?Q?J=C3=B6rg?= "$(touch /tmp/pwned)" <joerg@example.org>
Reply-To: List <list@example.org>
To: alice@example.org, Erin <erin@example.net>, alice@work.example
Cc: joerg@example.org
Subject: Re: RE: Re[2]: lunch
Date: Sat, 06 Apr 2024 12:00:00 +0000
Message-ID: <lunch-3@example.org>
References: <lunch-1@example.org> <lunch-2@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

MSG
printf 'Noon at the caf\303\251?\n' >>"$TEST_DIR/reply-to.eml"
imapc append INBOX "$TEST_DIR/reply-to.eml" || fail "append"

compose_editor

write_config 'from = Alice Liddell <alice@example.org>' \
    'alternates = *@work.example' \
    'attribution = %n <%a> wrote on %d:'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_for 'lunch'

# r from the list: opens the message, then the editor.
goto_row 2
keys r
edits 1
wait_for '^ +Subject: Re: Meeting notes'
cat >"$TEST_DIR/want.1" <<'TXT'
From: Alice Liddell <alice@example.org>
To: "Dana Whitfield" <dana@example.org>
Cc: 
Bcc: 
Subject: Re: Meeting notes

Dana Whitfield <dana@example.org> wrote on Fri, 05 Apr 2024 14:20:00 +0000:
> Hello both,
>
> The quarterly numbers look good. Action items:
>   1. Alice drafts the release notes.
>   2. Bob books the room for next week.
>
> Dana
TXT
diff "$TEST_DIR/want.1" "$ED/seen.1" || fail "the reply's draft"
abandon
# Back in the pager it was started from.
wait_for 'The quarterly numbers look good'

# R in the pager: Dana, and Bob in Cc, never alice.
keys R
edits 2
grep -qx 'To: "Dana Whitfield" <dana@example.org>' "$ED/seen.2" ||
    fail "R: To is not the sender"
grep -qx 'Cc: "Bob Martin" <bob@example.net>' "$ED/seen.2" ||
    fail "R: Cc is not the other recipient alone"
abandon
keys q
wait_for 'Meeting notes'

# Reply-To wins; R leaves out From's address and the alternates, and the
# sender named twice; the subject is not stacked.
goto_row 1
keys R
edits 3
grep -qx 'To: "List" <list@example.org>' "$ED/seen.3" ||
    fail "R: Reply-To not honoured"
grep -qx 'Cc: "Erin" <erin@example.net>, joerg@example.org' "$ED/seen.3" ||
    fail "R: Cc is wrong: $(grep '^Cc:' "$ED/seen.3")"
grep -qx 'Subject: Re: lunch' "$ED/seen.3" || fail "Re: stacked"
abandon

# f: the forwarded fields and text in the body.
keys f
edits 4
grep -qx 'Subject: Fwd: Re: RE: Re\[2\]: lunch' "$ED/seen.4" ||
    fail "f: subject"
grep -qx -- '----- Forwarded message -----' "$ED/seen.4" ||
    fail "f: no forwarded block"
grep -qx 'Subject: Re: RE: Re\[2\]: lunch' "$ED/seen.4" ||
    fail "f: the original's subject is not in the block"
grep -qx 'Noon at the café?' "$ED/seen.4" || fail "f: the text"
abandon

# W: the message whole, as an attachment.
keys W
edits 5
wait_for 'message/rfc822 .* Re: RE: Re\[2\]: lunch\.eml'
abandon
[ ! -e /tmp/pwned ] || fail "a display name reached a shell"

keys q
wait_for 'Meeting notes'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
