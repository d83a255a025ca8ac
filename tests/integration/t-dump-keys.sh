#!/bin/sh
# tern --dump-keys prints the keys in effect (the default file's, or -c's)
# as [keys] sections that, read back, dump the same; with no file, the
# defaults.  A bad [keys] line is FILE:LINE and exit 1.
. "$(dirname "$0")/lib.sh"
set -eu

config_dir

cat >"$XDG_CONFIG_HOME/tern/config" <<EOF2
keys-preset = vi

[account home]
imap = imaps://alice@mail.example.org
password-command = touch $TEST_DIR/ran; echo hunter2-secret

[keys.index]
x = toggle-read
q = none
[keys]
<F5> = redraw
EOF2

# --dump-keys: the default file's keys; dumped, read back, dumped again.
"$TERN_BIN" --dump-keys >"$TEST_DIR/dump1"
grep -qx 'keys-preset = vi' "$TEST_DIR/dump1" || fail "--dump-keys: no preset"
grep -qx 'x = toggle-read' "$TEST_DIR/dump1" || fail "--dump-keys: no x"
"$TERN_BIN" -c "$TEST_DIR/dump1" --dump-keys >"$TEST_DIR/dump2"
cmp "$TEST_DIR/dump1" "$TEST_DIR/dump2" ||
    fail "--dump-keys does not read back as the same map"
# And the defaults, with no file at all.
rm "$XDG_CONFIG_HOME/tern/config"
"$TERN_BIN" --dump-keys >"$TEST_DIR/dump3"
grep -qx 'keys-preset = default' "$TEST_DIR/dump3" ||
    fail "--dump-keys without a file: not the defaults"
"$TERN_BIN" -c "$TEST_DIR/dump3" --dump-keys | cmp - "$TEST_DIR/dump3" ||
    fail "the default --dump-keys does not read back as the same map"
[ ! -e "$TEST_DIR/ran" ] || fail "--dump-keys ran the password-command"

printf '[keys.pager]\nx = delete-folder\n' >"$TEST_DIR/bad"
set +e
"$TERN_BIN" -c "$TEST_DIR/bad" --dump-keys >"$TEST_DIR/out" 2>"$TEST_DIR/err"
st=$?
set -e
assert_eq "$st" 1 "--dump-keys status on a bad file"
grep -qF "tern: $TEST_DIR/bad:2: action 'delete-folder' does not exist in [keys.pager]" \
    "$TEST_DIR/err" || fail "--dump-keys: wrong error: $(cat "$TEST_DIR/err")"
