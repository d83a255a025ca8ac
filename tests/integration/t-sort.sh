#!/bin/sh
# o chooses the order; the server sorts (SORT, RFC 5256): every order and
# its reverse as Dovecot's UID SORT gives it (sort-check.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sort-check.sh"
set -eu

dovecot_start
seed
SORT_HOW=SORT
sort_run
