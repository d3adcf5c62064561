// Command hello prints a greeting for the names on its command line, made by the greet library
// module of the workspace.
package main

import (
	"fmt"
	"os"

	"example.com/gomonorepo/greet"
)

func main() {
	fmt.Println(greet.Hello(os.Args[1:]...))
}
