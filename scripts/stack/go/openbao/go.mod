module buun-stack.local/openbao

go 1.24.6

// OpenBao tags its releases v2.x.y on a module path without /v2, so the proxy lists no
// version for it: this is the pseudo-version of the v2.4.0 release commit
// (f9407a27fbee45f62ba521bba2bf1e2360c61031, 2025-08-28). Its go.mod replaces the api
// and sdk submodules with their folders; a dependant cannot, so they come from their
// own tags (api/v2.4.0, sdk/v2.4.0: the same release).
require (
	github.com/openbao/openbao v0.0.0-20250828202315-f9407a27fbee
	github.com/openbao/openbao/api/v2 v2.4.0
	github.com/openbao/openbao/sdk/v2 v2.4.0
)
