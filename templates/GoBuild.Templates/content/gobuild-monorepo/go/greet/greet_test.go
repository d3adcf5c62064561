package greet

import "testing"

func TestHelloWithoutNamesGreetsTheWorld(t *testing.T) {
	if got := Hello(); got != "Hello, world!" {
		t.Errorf("Hello() = %q", got)
	}
}

func TestHelloJoinsNames(t *testing.T) {
	if got := Hello("Ada", "Grace"); got != "Hello, Ada and Grace!" {
		t.Errorf("Hello(Ada, Grace) = %q", got)
	}
}
