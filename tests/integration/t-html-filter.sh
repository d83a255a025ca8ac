#!/bin/sh
# html-filter: an HTML-only message goes through the command set (the
# HTML on its stdin), and a command that hangs is killed after 5 seconds,
# the built-in renderer shows the message and the message line says why.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
imapc append INBOX "$DATA_DIR/mime/03-html-only.eml" || fail "append"

write_config 'html-filter = tr a-z A-Z'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Mime 03 HTML only'
keys Enter
# The command's output, as it wrote it: the HTML upper-cased.
wait_for '<DIV>CAFé OUVERT LE DIMANCHE<BR>SECOND LINE</DIV>'
keys q
wait_for 'Mime 03 HTML only'
keys q
wait_exit

write_config 'html-filter = sleep 30; cat'
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for 'Mime 03 HTML only'
start=$(now)
keys Enter
wait_for 'html-filter timed out; shown with the built-in renderer' 15
wait_for 'Café ouvert le dimanche'
wait_for 'Second line'
took=$(($(now) - start))
[ "$took" -ge 4 ] || fail "the filter was given up after only ${took}s"
[ "$took" -le 10 ] || fail "the filter was waited for ${took}s"
keys q
wait_for 'Mime 03 HTML only'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
