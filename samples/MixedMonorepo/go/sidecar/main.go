// Command sidecar is a small command-line tool the App starts as a child process: it sums its
// arguments and prints the result as one line of JSON.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
)

type result struct {
	Sum      int64  `json:"sum"`
	Count    int    `json:"count"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sidecar:", err)
		os.Exit(2)
	}
}

func run(args []string, out io.Writer) error {
	r := result{Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	for _, arg := range args {
		n, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not an integer", arg)
		}
		r.Sum += n
		r.Count++
	}
	return json.NewEncoder(out).Encode(r)
}
