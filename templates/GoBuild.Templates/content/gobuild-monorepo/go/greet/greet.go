// Package greet is a library module of the workspace; the hello command uses it.
package greet

import "strings"

// Hello returns the greeting for names, or for the world when there are none.
func Hello(names ...string) string {
	if len(names) == 0 {
		return "Hello, world!"
	}
	return "Hello, " + strings.Join(names, " and ") + "!"
}
