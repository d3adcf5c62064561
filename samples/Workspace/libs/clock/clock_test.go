package clock

import (
	"testing"
	"time"
)

func TestShortRoundsDownToSeconds(t *testing.T) {
	if got := Short(1500 * time.Millisecond); got != "1s" {
		t.Fatalf("Short = %q", got)
	}
}
