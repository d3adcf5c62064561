// Command mathlib is built as a C shared library (GoBuildMode c-shared): libmathlib.so,
// mathlib.dll or libmathlib.dylib, plus the C header go generates. The App project calls its
// exported functions through the C# bindings GoBuild.Sdk generates from them.
package main

import "C"

import "runtime"

// Add returns a + b. Fixed-size C integers map one to one onto .NET's long.
//
//export Add
func Add(a, b C.longlong) C.longlong {
	return a + b
}

// Fibonacci returns the n-th Fibonacci number (0, 1, 1, 2, …), or -1 for a negative n.
//
//export Fibonacci
func Fibonacci(n C.int) C.longlong {
	if n < 0 {
		return -1
	}
	a, b := int64(0), int64(1)
	for i := C.int(0); i < n; i++ {
		a, b = b, a+b
	}
	return C.longlong(a)
}

// Greet returns a greeting for name (UTF-8, NUL-terminated). The result is allocated with C's
// malloc because Go memory must not be held by the caller; the generated C# binding returns it as
// a string and frees it with the free function the SDK adds to the library.
//
//export Greet
func Greet(name *C.char) *C.char {
	greeting := "Hello, " + C.GoString(name) + ", from Go " + runtime.Version() + " on " + runtime.GOOS + "/" + runtime.GOARCH
	return C.CString(greeting)
}

// A c-shared library needs a main package; main never runs.
func main() {}
