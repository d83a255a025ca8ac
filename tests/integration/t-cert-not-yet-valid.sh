#!/bin/sh
# A certificate valid only from tomorrow, from a CA tern trusts: refused as
# not valid yet, with the certificate shown and nothing sent.
. "$(dirname "$0")/lib.sh"
set -eu

CERT_DATES="$(date -u -d '+1 day' +%y%m%d%H%M%SZ) $(date -u -d '+3 days' +%y%m%d%H%M%SZ)"
dovecot_start
write_config
cert_refused 'failed: the certificate is not valid yet'
cert_explained
