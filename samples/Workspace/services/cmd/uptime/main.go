// Command uptime prints how long it ran.
package main

import (
	"fmt"
	"time"

	"example.com/libs/clock"
	"example.com/libs/greeting"
)

func main() {
	start := time.Now()
	fmt.Println(greeting.For("uptime", "dotnet"), "after", clock.Short(time.Since(start)))
}
