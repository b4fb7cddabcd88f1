#!/usr/bin/env bash
# Creates an isolated SoftHSM2 token for development and tests: a config file and a token directory
# under DIR, so nothing touches /etc/softhsm or the system token store. For development only: a
# SoftHSM2 token is files on disk protected by the PIN, not hardware.
#
# Usage:  SOFTHSM_SO_PIN=... SOFTHSM_USER_PIN=... scripts/softhsm-setup.sh DIR [TOKEN_LABEL]
#         eval "$(SOFTHSM_SO_PIN=... SOFTHSM_USER_PIN=... scripts/softhsm-setup.sh /tmp/hsm cordon)"
#
# The PINs come from the environment, not this script's arguments. softhsm2-util itself only takes
# them as arguments (it reads a PIN from a terminal, never from a pipe), so they are visible to
# `ps` on this machine for the moment it runs: do not use production PINs here.
# Prints shell assignments on stdout: SOFTHSM2_CONF (export it before loading the module),
# PKCS11_MODULE (the module path found, empty if none) and TOKEN_LABEL. softhsm2-util's chatter goes
# to stderr. Exit codes: 0 created, 1 failure (token exists, PINs missing), 2 softhsm2 not installed.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 1
fi
label="${2:-cordon}"
if [ -z "${SOFTHSM_SO_PIN:-}" ] || [ -z "${SOFTHSM_USER_PIN:-}" ]; then
  echo "softhsm-setup: set SOFTHSM_SO_PIN and SOFTHSM_USER_PIN (4 to 255 characters each)" >&2
  exit 1
fi
if [ "${#label}" -gt 32 ]; then
  echo "softhsm-setup: a token label has at most 32 characters" >&2
  exit 1
fi
if ! command -v softhsm2-util >/dev/null 2>&1; then
  echo "softhsm-setup: softhsm2-util not found; install it: apt-get install softhsm2" >&2
  exit 2
fi

# The module: $SOFTHSM2_MODULE if set, else the first known install location that exists.
module="${SOFTHSM2_MODULE:-}"
if [ -z "$module" ]; then
  for candidate in \
    /usr/lib/softhsm/libsofthsm2.so \
    /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
    /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so \
    /usr/lib64/pkcs11/libsofthsm2.so \
    /usr/lib/pkcs11/libsofthsm2.so \
    /usr/local/lib/softhsm/libsofthsm2.so \
    /opt/homebrew/lib/softhsm/libsofthsm2.so; do
    if [ -e "$candidate" ]; then module="$candidate"; break; fi
  done
fi

umask 077
mkdir -p "$1/tokens"
dir="$(cd "$1" && pwd -P)"
conf="$dir/softhsm2.conf"
cat >"$conf" <<EOF
# Written by cordon scripts/softhsm-setup.sh: an isolated token store for development and tests.
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
slots.mechanisms = ALL
EOF
export SOFTHSM2_CONF="$conf"

# Refuse to create a second token with the same label: openers pick tokens by label.
if softhsm2-util --show-slots 2>/dev/null | awk -v want="$label" '
    /^[[:space:]]*Label:/ { sub(/^[[:space:]]*Label:[[:space:]]*/, ""); sub(/[[:space:]]+$/, ""); if ($0 == want) found = 1 }
    END { exit found ? 0 : 1 }'; then
  echo "softhsm-setup: a token labelled \"$label\" already exists in $dir/tokens" >&2
  exit 1
fi

softhsm2-util --init-token --free --label "$label" --so-pin "$SOFTHSM_SO_PIN" --pin "$SOFTHSM_USER_PIN" >&2

printf 'export SOFTHSM2_CONF=%q\n' "$conf"
printf 'export PKCS11_MODULE=%q\n' "$module"
printf 'export TOKEN_LABEL=%q\n' "$label"
