// The OpenBao server and CLI of the local stack: OpenBao's own command tree, built from
// the Go module proxy (the upstream main package sits at the module root and cannot be
// imported, so this is the whole of it).
package main

import (
	"os"

	"github.com/openbao/openbao/command"
)

func main() {
	os.Exit(command.Run(os.Args[1:]))
}
