package greeting

import "testing"

func TestForNamesTheCommandAndThePerson(t *testing.T) {
	if got := For("hello", "dotnet"); got != "hello: hello, dotnet" {
		t.Fatalf("For = %q", got)
	}
}

func TestForWithoutANameGreetsTheWorld(t *testing.T) {
	if got := For("hello", ""); got != "hello: hello, world" {
		t.Fatalf("For = %q", got)
	}
}
