// Package greeting is a library package: the libs project compiles and checks it, and
// `dotnet test` runs its tests.
package greeting

import "fmt"

// For greets someone on behalf of a command.
func For(command, who string) string {
	if who == "" {
		who = "world"
	}
	return fmt.Sprintf("%s: hello, %s", command, who)
}
