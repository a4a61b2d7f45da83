#!/usr/bin/env bash
# Builds bcrypt-check (test/gomplate/bcrypt-check: golang.org/x/crypto/bcrypt, the package
# gomplate's crypto.Bcrypt calls) once into a cache outside the repository, for the
# engine's bcrypt tests. Usage: install-bcrypt-check.sh   prints the binary's path
set -euo pipefail
cache="${BUUN_TOOLS_CACHE:-$HOME/.cache/buun-stack-tasks}"
out="$cache/bcrypt-check-x-crypto-v0.40.0/bcrypt-check"
if [ -x "$out" ]; then
  echo "$out"
  exit 0
fi
go=/usr/local/go/bin/go
[ -x "$go" ] || go="$(command -v go)" || { echo "install-bcrypt-check.sh: Go not found (expected /usr/local/go)" >&2; exit 1; }
export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false"
cd "$(dirname "$0")/bcrypt-check"
mkdir -p "$(dirname "$out")"
CGO_ENABLED=0 "$go" build -trimpath -o "$out.tmp" .
mv "$out.tmp" "$out"
echo "$out"
