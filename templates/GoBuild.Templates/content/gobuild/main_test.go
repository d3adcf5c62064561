package main

import "testing"

// `dotnet test` runs these with go test and reports a failure at its file and line.
func TestGreetingWithoutNamesGreetsTheWorld(t *testing.T) {
	if got, want := greeting(nil), "Hello, world! (GoApp "+version+")"; got != want {
		t.Errorf("greeting(nil) = %q, want %q", got, want)
	}
}

func TestGreetingJoinsNames(t *testing.T) {
	if got, want := greeting([]string{"Ada", "Grace"}), "Hello, Ada and Grace! (GoApp "+version+")"; got != want {
		t.Errorf("greeting = %q, want %q", got, want)
	}
}
