// bcrypt-check verifies bcrypt hashes with golang.org/x/crypto/bcrypt, the package gomplate's
// crypto.Bcrypt calls, for the engine's tests. Each line on stdin is "<base64 password>
// <hash>"; each answer line is "ok <cost>" or the library's error.
package main

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		pw64, hash, _ := strings.Cut(in.Text(), " ")
		pw, err := base64.StdEncoding.DecodeString(pw64)
		if err != nil {
			fmt.Fprintln(out, "bad input:", err)
			continue
		}
		if err := bcrypt.CompareHashAndPassword([]byte(hash), pw); err != nil {
			fmt.Fprintln(out, err)
			continue
		}
		cost, _ := bcrypt.Cost([]byte(hash))
		fmt.Fprintln(out, "ok", cost)
	}
}
