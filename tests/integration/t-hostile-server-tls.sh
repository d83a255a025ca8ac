#!/bin/sh
# t-hostile-server's scenarios over TLS, where the response checker reads
# what TLS decrypted (a different read path in stream.c).
HOSTILE_TLS=1
. "$(dirname "$0")/t-hostile-server.sh"
