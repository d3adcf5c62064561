// Package main is built as a C shared library: every //export function is callable from C and
// from .NET through P/Invoke (see GoLib.App/GoExports.cs).
package main

// #include <stdlib.h>
import "C"

import (
	"runtime"
	"unsafe"
)

// Add returns a + b. Fixed-size C integers map one to one onto .NET's long.
//
//export Add
func Add(a, b C.longlong) C.longlong {
	return a + b
}

// Greet returns a greeting for name (UTF-8, NUL-terminated). The result is allocated with C's
// malloc, because the caller must not hold Go memory: free it with FreeString.
//
//export Greet
func Greet(name *C.char) *C.char {
	return C.CString("Hello, " + C.GoString(name) + ", from Go " + runtime.Version())
}

// FreeString frees a string returned by Greet.
//
//export FreeString
func FreeString(s *C.char) {
	C.free(unsafe.Pointer(s))
}

// A c-shared library needs a main package; main never runs.
func main() {}
