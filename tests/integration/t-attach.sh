#!/bin/sh
# v in the pager lists every part, nested message/rfc822 included; s saves
# one byte for byte, inside the chosen directory whatever the message
# calls it, and never over a file without a "y"; Enter hands a viewer from
# $MAILCAPS a file tern named (mode 0600), removed afterwards, and nothing
# the message says reaches the shell.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed

SAVE=$TEST_DIR/user/save/dl
mkdir -p "$SAVE" "$TEST_DIR/tmp" "$TEST_DIR/orig"
PWNED=$TEST_DIR/pwned

# Two messages, dated after the seed so that they are the top rows, and
# the bytes of each part, decoded by Python's email package.
python3 - "$TEST_DIR" "$PWNED" <<'PY' || fail "could not write the messages"
import base64, os, sys
d, pwned = sys.argv[1], sys.argv[2]
orig = os.path.join(d, "orig")
pdf = bytes(range(256)) * 40 + b"%PDF-1.4 end\r\n"
png = b"\x89PNG\r\n\x1a\n" + bytes(range(255, -1, -1)) * 3
csv = b"name,value\r\nalpha,1\r\nbeta,2\r\n"
def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))
def part(ctype, name_params, data):
    return ("Content-Type: %s\r\n"
            "Content-Disposition: attachment%s\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            % (ctype, name_params, b64(data)))
inner = ("From: Carol <carol@example.org>\r\n"
         "Subject: Figures\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n"
         "--in\r\nContent-Type: text/plain\r\n\r\nThe figures.\r\n"
         "--in\r\n" + part("text/csv", '; filename="inner.csv"', csv) +
         "--in--\r\n")
m1 = ("From: Dana Whitfield <dana@example.org>\r\n"
      "To: Alice Liddell <alice@example.org>\r\n"
      "Subject: Quarterly files\r\n"
      "Date: Mon, 01 Jan 2035 10:00:00 +0000\r\n"
      "Message-ID: <files-1@example.org>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"out\"\r\n\r\n"
      "--out\r\nContent-Type: text/plain\r\n\r\nThe files are attached.\r\n"
      "--out\r\n" + part("application/pdf", '; filename="report.pdf"', pdf) +
      "--out\r\n" + part("image/png",
                         '; filename="=?UTF-8?Q?caf=C3=A9.png?="', png) +
      "--out\r\nContent-Type: message/rfc822\r\n\r\n" + inner +
      "--out\r\n" + part("application/pdf",
                         ";\r\n filename*0*=utf-8''%E2%82%AC;"
                         ' filename*1="-rates.pdf"', pdf) +
      "--out\r\n" + part("text/plain",
                         "; filename*=iso-8859-1''caf%E9.txt", csv) +
      "--out--\r\n")
long_name = "n" * 300 + ".txt"
hostile = [
    ("../../.bashrc", b"bashrc payload\n"),
    ("-rf", b"rf payload\n"),
    (".ssh", b"ssh payload\n"),
    ("=?UTF-8?Q?a=0Ab?=", b"newline payload\n"),
    (long_name, b"long payload\n"),
]
shell = "$(touch %s)`touch %s`;touch %s" % (pwned, pwned, pwned)
m2 = ("From: Mallory <mallory@example.org>\r\n"
      "To: Alice Liddell <alice@example.org>\r\n"
      "Subject: Hostile names\r\n"
      "Date: Mon, 01 Jan 2035 09:00:00 +0000\r\n"
      "Message-ID: <hostile-1@example.org>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"h\"\r\n\r\n"
      "--h\r\nContent-Type: text/plain\r\n\r\nDo not trust these names.\r\n")
for name, data in hostile:
    m2 += "--h\r\n" + part("application/octet-stream",
                           '; filename="%s"' % name, data)
m2 += "--h\r\n" + part("application/x-terntest; name=\"%s\"" % shell, "",
                       pdf)
m2 += "--h--\r\n"
# More parts than tern keeps.
m3 = ("From: Bulk <bulk@example.org>\r\n"
      "Subject: Many parts\r\n"
      "Date: Mon, 01 Jan 2035 08:00:00 +0000\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n")
for i in range(1, 1201):
    m3 += ("--m\r\nContent-Type: text/plain; name=\"p%d.txt\"\r\n\r\n"
           "part %d\r\n" % (i, i))
m3 += "--m--\r\n"
for fn, m in (("m1.eml", m1), ("m2.eml", m2), ("m3.eml", m3)):
    with open(os.path.join(d, fn), "w", newline="") as f:
        f.write(m)
for fn, data in (("report.pdf", pdf), ("inner.csv", csv), ("viewed", pdf)):
    with open(os.path.join(orig, fn), "wb") as f:
        f.write(data)
PY
imapc append INBOX "$TEST_DIR/m1.eml" || fail "append m1"
imapc append INBOX "$TEST_DIR/m2.eml" || fail "append m2"
imapc append INBOX "$TEST_DIR/m3.eml" || fail "append m3"

# The viewer copies what it gets and says what it got.
cat >"$TEST_DIR/viewer.sh" <<EOF2
#!/bin/sh
cp "\$1" $(shquote "$TEST_DIR/viewed.bin")
printf '%s\n%s\n%s\n' "\$1" "\$(stat -c %a "\$1")" "\$2" >$(shquote "$TEST_DIR/viewed.tmp")
mv $(shquote "$TEST_DIR/viewed.tmp") $(shquote "$TEST_DIR/viewed.txt")
EOF2
printf 'application/x-terntest; sh %s %%s %%t; needsterminal\n' \
    "$(shquote "$TEST_DIR/viewer.sh")" >"$TEST_DIR/mailcap"
MAILCAPS=$TEST_DIR/mailcap
TMPDIR=$TEST_DIR/tmp
export MAILCAPS TMPDIR

write_config "save-dir = $SAVE"
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Quarterly files'
wait_for 'Hostile names'

# --- the list of parts ------------------------------------------------------
goto_row 1
keys Enter
wait_for 'The files are attached'
keys v
wait_for 'Parts of the message'
# Sizes as the server counts them, base64 and all: 14030 bytes is 14K.
wait_for ' 1 +text/plain +[0-9]+ *$'
wait_for ' 2 +application/pdf +14K +report\.pdf$'
wait_for ' 3 +image/png +1\.[0-9]K +café\.png$'
wait_for ' 4 +message/rfc822 +[0-9.]+K? *$'
wait_for ' 5 +  text/plain +[0-9]+ *$'
wait_for ' 6 +  text/csv +[0-9]+ +inner\.csv$'
# RFC 2231 names: continued, and in another charset.
wait_for ' 7 +application/pdf +14K +€-rates\.pdf$'
wait_for ' 8 +text/plain +[0-9]+ +café\.txt$'

# --- saving -----------------------------------------------------------------
keys j s
wait_for "Save to: $SAVE/report\\.pdf"
keys Enter
wait_for 'Saved .*report\.pdf \(10254 bytes\)'
cmp "$SAVE/report.pdf" "$TEST_DIR/orig/report.pdf" ||
    fail "the saved report.pdf differs from the original"
assert_eq "$(stat -c %a "$SAVE/report.pdf")" 600 "mode of a saved file"

# A file that is there stays unless the answer is y.
printf 'keep me\n' >"$SAVE/inner.csv"
goto_row 6
keys s
wait_for "Save to: $SAVE/inner\\.csv"
keys Enter
wait_for 'inner\.csv exists\. Replace it\? \(y/n\)'
keys n
wait_gone 'Replace it'
assert_eq "$(cat "$SAVE/inner.csv")" "keep me" "inner.csv after n"
keys s
wait_for "Save to: $SAVE/inner\\.csv"
keys Enter
wait_for 'Replace it\? \(y/n\)'
keys y
wait_for 'Saved .*inner\.csv'
cmp "$SAVE/inner.csv" "$TEST_DIR/orig/inner.csv" ||
    fail "inner.csv was not replaced by the part after y"

# --- hostile names ----------------------------------------------------------
keys q
wait_for 'The files are attached'
keys q
wait_for 'Hostile names'
goto_row 2
keys Enter
wait_for 'Do not trust these names'
keys v
wait_for 'Parts of the message'
# Every hostile part, saved under the name offered: the safe name.
long=$(python3 -c 'print("n" * 196 + ".txt")')
i=2
for name in bashrc rf ssh a_b "$long"; do
	goto_row "$i"
	keys s
	wait_for 'Save to: '
	keys Enter
	wait_server test -f "$SAVE/$name"
	i=$((i + 1))
done
wait_for 'Saved .*/dl/nnnn'
printf '%s\n' bashrc rf ssh a_b "$long" inner.csv report.pdf | sort \
    >"$TEST_DIR/want.ls"
ls -A "$SAVE" | sort >"$TEST_DIR/got.ls"
diff "$TEST_DIR/want.ls" "$TEST_DIR/got.ls" >&2 ||
    fail "the save directory holds other names than the safe ones"
assert_eq "$(cat "$SAVE/rf")" "rf payload" "-rf's bytes"
assert_eq "$(cat "$SAVE/a_b")" "newline payload" "a<LF>b's bytes"
# Nothing outside it: not beside it, not in the home directory.
assert_eq "$(ls -A "$TEST_DIR/user/save")" "dl" "the save directory's parent"
[ ! -e "$TEST_DIR/user/.bashrc" ] || fail ".bashrc appeared in HOME"
[ ! -e "$TEST_DIR/user/.ssh" ] || fail ".ssh appeared in HOME"
[ -z "$(find "$TEST_DIR/user" -newer "$TEST_DIR/m2.eml" -type f \
    ! -path "$SAVE/*")" ] || fail "a file was written outside $SAVE"

# --- the viewer -------------------------------------------------------------
keys G
wait_for ' 7 +application/x-terntest'
keys Enter
wait_for 'Viewer done'
[ -f "$TEST_DIR/viewed.txt" ] || fail "the viewer did not run"
vpath=$(sed -n 1p "$TEST_DIR/viewed.txt")
case $vpath in
# x-terntest is no simple extension: none, rather than one from the name.
"$TEST_DIR"/tmp/tern-??????/part-??????) ;;
*) fail "the viewer got a file tern did not name: $vpath" ;;
esac
assert_eq "$(sed -n 2p "$TEST_DIR/viewed.txt")" 600 "mode of the viewer's file"
assert_eq "$(sed -n 3p "$TEST_DIR/viewed.txt")" application/x-terntest \
    "the type given for %t"
cmp "$TEST_DIR/viewed.bin" "$TEST_DIR/orig/viewed" ||
    fail "the viewer's file differs from the part"
[ ! -e "$vpath" ] || fail "the viewer's file is still there"
[ ! -e "$PWNED" ] || fail "the part's name ran as a command"

# No viewer for a type: said so.
keys g
keys j
keys Enter
wait_for 'No viewer for application/octet-stream'

# A hostile number of parts: the first 1000 are listed.
keys q
wait_for 'Do not trust these names'
keys q
wait_for 'Many parts'
goto_row 3
keys Enter
wait_for 'part 1$'
keys v
wait_for 'Parts of the message'
keys G
wait_for '1000 +text/plain +[0-9]+ +p1000\.txt'
screen_has 'p1001' && fail "more than 1000 parts listed"

keys q q q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status"
assert_eq "$(ls -A "$TEST_DIR/tmp")" "" "the temporary directory after exit"
[ ! -e "$PWNED" ] || fail "the part's name ran as a command"
