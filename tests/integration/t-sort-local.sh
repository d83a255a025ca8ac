#!/bin/sh
# o on a server without SORT: tern sorts the rows itself, and the order is
# the one Dovecot's UID SORT gives where it has SORT (sort-check.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sort-check.sh"
set -eu

DOVECOT_EXTRA='imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH SEARCHRES WITHIN CONTEXT=SEARCH BINARY MOVE LITERAL+ SPECIAL-USE'
dovecot_start
seed
SORT_HOW=SEARCH
sort_run
