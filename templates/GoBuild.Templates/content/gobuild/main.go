// Command GoApp greets whoever is named on its command line.
package main

import (
	"fmt"
	"os"
	"strings"
)

// version is stamped by the linker from the project's $(Version) (GoLinkerVariable).
var version = "dev"

func main() {
	fmt.Println(greeting(os.Args[1:]))
}

// greeting returns the line the program prints for its arguments.
func greeting(names []string) string {
	who := "world"
	if len(names) > 0 {
		who = strings.Join(names, " and ")
	}
	return fmt.Sprintf("Hello, %s! (GoApp %s)", who, version)
}
