// etcd's own command line (etcdmain.Main), built as a module of our own: see go.mod.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
