// Command hello greets the name it is given. It imports example.com/libs through go.work:
// services/go.mod has no require and no replace line for it.
package main

import (
	"fmt"
	"os"

	"example.com/libs/greeting"
)

func main() {
	who := ""
	if len(os.Args) > 1 {
		who = os.Args[1]
	}
	fmt.Println(greeting.For("hello", who))
}
