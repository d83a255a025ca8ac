#!/bin/sh
# d marks \Deleted on the server (nothing is expunged), u takes it back.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
s='Invoice 2024-117'	# second from the top

goto_row 2
keys d
wait_server has_flag INBOX "$s" '\Deleted'
wait_row "$s" D yes
assert_eq "$(imapc count INBOX)" 5 "messages on the server after d"
lacks_flag INBOX 'Meeting notes' '\Deleted' || fail "d marked another one"

goto_row 2
keys u
wait_server lacks_flag INBOX "$s" '\Deleted'
wait_row "$s" D no
assert_eq "$(imapc count INBOX)" 5 "messages on the server after u"
