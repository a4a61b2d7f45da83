#!/usr/bin/env bash
# Builds the real gomplate (v4.3.3, the newest the Go module proxy serves; v5 is refused)
# once into a cache outside the repository, for the differential tests.
# Usage: install-gomplate.sh            prints the binary's path
# gomplate pins inet.af/netaddr, which the proxy refuses; the same code is served under
# its GitHub path, so the build replaces it (everything else is gomplate's own go.sum).
set -euo pipefail
version=v4.3.3
pseudo=v0.0.0-20230525184311-b8eac61e914a
cache="${BUUN_TOOLS_CACHE:-$HOME/.cache/buun-stack-tasks}"
out="$cache/gomplate-$version/gomplate"
if [ -x "$out" ]; then
  echo "$out"
  exit 0
fi
go=/usr/local/go/bin/go
[ -x "$go" ] || go="$(command -v go)" || { echo "install-gomplate.sh: Go not found (expected /usr/local/go)" >&2; exit 1; }
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" GONOSUMDB=github.com/inetaf/netaddr
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$("$go" mod download -json "github.com/hairyhenderson/gomplate/v4@$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$src" ] || { echo "install-gomplate.sh: go mod download of gomplate $version failed" >&2; exit 1; }
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"
"$go" mod edit -replace "inet.af/netaddr=github.com/inetaf/netaddr@$pseudo"
mkdir -p "$(dirname "$out")"
CGO_ENABLED=0 "$go" build -trimpath -o "$out.tmp" ./cmd/gomplate
mv "$out.tmp" "$out"
echo "$out"
