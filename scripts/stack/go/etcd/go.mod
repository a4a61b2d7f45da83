// The etcd of the local stack. `go install go.etcd.io/etcd/server/v3@...` is refused
// because that module's go.mod has replace directives; a wrapper main is not.
// build() copies this folder into the cache and builds it with GOFLAGS=-mod=mod, which
// fills in the indirect requirements and go.sum there (not here).
module buun-stack.local/etcd

go 1.26

require go.etcd.io/etcd/server/v3 v3.6.17
