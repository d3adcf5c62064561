// Package clock formats durations the way the services print them.
package clock

import (
	"fmt"
	"time"
)

// Short formats d as whole seconds.
func Short(d time.Duration) string { return fmt.Sprintf("%ds", int(d.Seconds())) }
