#!/bin/sh
# With QUOTA (RFC 9208) the status bar shows how much of it is used
# (GETQUOTAROOT INBOX at login and at each folder-refresh); past 90 % it
# says so on the message line too.  Dovecot counts messages here, 20 at
# most: the standard mail is 12 of them.
. "$(dirname "$0")/lib.sh"
set -eu

DOVECOT_EXTRA='mail_plugins = $mail_plugins quota
protocol imap {
  mail_plugins = $mail_plugins imap_quota
}
plugin {
  quota = count:User quota
  quota_rule = *:messages=20
  quota_vsizes = yes
}'
export DOVECOT_EXTRA

dovecot_start
seed
n=$(($(imapc count INBOX) + $(imapc count Archive) + $(imapc count Work) +
    $(imapc count Work/Projects) + $(imapc count Réunions)))
write_config 'folder-refresh = 1'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_status "quota $((n * 100 / 20))%"
screen_has 'Quota almost full' && fail "a warning below 90 %"

# Fill it to 95 % behind tern's back: the next refresh says so.
i=$n
while [ "$i" -lt 19 ]; do
	imapc append Archive "$DATA_DIR/archive-1.eml" '(\Seen)'
	i=$((i + 1))
done
wait_status 'quota 95%!'
wait_for 'Quota almost full: 95% of MESSAGE used'

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
