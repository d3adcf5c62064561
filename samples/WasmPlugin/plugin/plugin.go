// Command plugin is a Go WebAssembly module built with GoBuildMode=wasi-reactor
// (GOOS=wasip1 GOARCH=wasm -buildmode=c-shared): one plugin.wasm for every platform, which the .NET
// host runs inside its own process through Wasmtime. Each //go:wasmexport function becomes a method
// of the generated GoBindings.PluginModule class.
package main

import "runtime"

// Add returns a + b.
//
//go:wasmexport add
func add(a, b int32) int32 { return a + b }

// Fib returns the n-th Fibonacci number (0, 1, 1, 2, …), or -1 for a negative n.
//
//go:wasmexport fib
func fib(n int32) int64 {
	if n < 0 {
		return -1
	}
	a, b := int64(0), int64(1)
	for i := int32(0); i < n; i++ {
		a, b = b, a+b
	}
	return a
}

// Scale returns x * f.
//
//go:wasmexport scale
func scale(x float64, f float32) float64 { return x * float64(f) }

// IsPrime says whether n is prime.
//
//go:wasmexport isPrime
func isPrime(n uint32) bool {
	if n < 2 {
		return false
	}
	for d := uint32(2); d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// GoMinor returns the minor version of the Go that built the module (26 for go1.26.x).
//
//go:wasmexport goMinor
func goMinor() int32 {
	v := runtime.Version() // go1.26.11
	minor := int32(0)
	for i := 4; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
		minor = minor*10 + int32(v[i]-'0')
	}
	return minor
}

// A reactor has no main to run; its runtime starts in _initialize, which the bindings call.
func main() {}
