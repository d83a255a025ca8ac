#!/bin/sh
# A certificate whose validity ended yesterday, from a CA tern trusts: tern
# refuses it, says it has expired, shows the certificate with its dates and
# the line that would pin it, and connects to nothing.
. "$(dirname "$0")/lib.sh"
set -eu

CERT_DATES="$(date -u -d '-3 days' +%y%m%d%H%M%SZ) $(date -u -d '-1 day' +%y%m%d%H%M%SZ)"
dovecot_start
write_config
cert_refused 'failed: the certificate has expired'
cert_explained
