// Command mathlib is the c-shared library whose Add export both C# declarations call.
package main

import "C"

// Add returns a + b.
//
//export Add
func Add(a, b C.longlong) C.longlong { return a + b }

func main() {}
