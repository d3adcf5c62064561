package main

import (
	"strings"
	"testing"
)

// The sample's Go tests run with `dotnet test`, next to any C# tests.
func TestRunSumsItsArguments(t *testing.T) {
	var out strings.Builder
	if err := run([]string{"1", "2", "39"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"sum":42`) {
		t.Errorf("got %s, want a sum of 42", out.String())
	}
}

func TestRunRejectsNonNumbers(t *testing.T) {
	if err := run([]string{"x"}, &strings.Builder{}); err == nil {
		t.Error("want an error for a non-number")
	}
}
