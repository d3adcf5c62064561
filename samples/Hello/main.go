// Command hello prints its version, stamped at build time by GoBuild.Sdk from the project's
// $(Version), and the platform it was built for.
package main

import (
	"fmt"
	"runtime"
)

// version is set by the linker: -X main.version=$(Version).
var version = "unset"

func main() {
	fmt.Printf("hello %s %s/%s\n", version, runtime.GOOS, runtime.GOARCH)
}
