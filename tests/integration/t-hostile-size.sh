#!/bin/sh
# Responses too big or with bytes RFC 3501 forbids: a 10 MB line, a 10 MB
# header in a literal, literals claiming 2 GB, NUL bytes.  tern refuses
# what the response checker must refuse at once and without holding it
# (memory stays bounded: VmHWM), takes what is allowed without going
# quadratic (time and memory measured), shows NUL inside a literal inert,
# and goes on after a reconnect.  The literals and the long line are also
# sent over TLS, where the checker sits under the decryption.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile.sh"
set -eu

# Refused at the cap: none of it is kept, so far less than the 10 MB is
# held (tern itself holds about 10 MiB).
long_line() {
	fault_start long-line
	within 15 'FETCH: the server sent a line longer than 1 MiB'
	hwm_below 32
	within 30 'msg 1'
	fault_end
}

# Over max-literal (64 MiB): refused when the size is read, before any
# of it is allocated.
literal_2g() {
	fault_start "$1"
	within 15 'FETCH: the server sent a literal larger than max-literal'
	hwm_below 32
	within 30 'msg 1'
	fault_end
}

long_line
literal_2g literal-2g
literal_2g literal-2g-1
MOCK_TLS=1
long_line
literal_2g literal-2g
MOCK_TLS=

# A Subject of 10 MB in a literal, which max-literal allows.  The header
# parser, the decoder and the list take it in linear time: the row is
# there within seconds.  libetpan's buffer, the decoded subject, the list's
# arena and the cache's copy are each about 10 MB: 96 MiB leaves room for
# them and none for a copy a line.
fault_start long-header
within 20 'msg 1 long b b b'
hwm_below 96
fault_end

# NUL in a quoted string (a folder name) and in a line: RFC 3501 allows it
# in literals only; a C string would cut the name short, and tern would
# then act on another folder.
fault_start nul-quoted
within 15 'LIST: the server sent a NUL byte outside a literal'
fault_end
fault_start nul-line
within 15 'SELECT: the server sent a NUL byte outside a literal'
within 30 'msg 1'
fault_end

# NUL in a literal (a Subject): taken, shown inert.
fault_start nul-literal
within 15 'INBOX \| 1 message'
within 15 ' nul'
fault_end
