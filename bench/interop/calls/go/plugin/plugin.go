// Command plugin is the wasi-reactor module with the same Add.
package main

// Add returns a + b.
//
//go:wasmexport add
func add(a, b int64) int64 { return a + b }

func main() {}
