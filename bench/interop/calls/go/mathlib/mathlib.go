// Command mathlib is the c-shared library whose Add export both C# declarations call.
package main

import "C"

// Add returns a + b.
//
//export Add
func Add(a, b C.longlong) C.longlong { return a + b }

// Len returns the length of s in bytes: a Go string parameter (GoString: pointer and length).
//
//export Len
func Len(s string) C.longlong { return C.longlong(len(s)) }

func main() {}
