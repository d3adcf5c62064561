// Command goexports lists the functions a Go package exports to C (//export, for c-shared) or to a
// WebAssembly host (//go:wasmexport, for wasi-reactor), with their parameter names, types and doc
// comments, as JSON on stdout. GoBuild.Sdk builds it once per toolchain into its per-user cache and
// runs it when the package's Go files change; the C# bindings are generated from its output.
//
// It reads Go source with go/parser and go/ast rather than the cgo header because the header has
// no doc comments, loses the Go spelling of the types (C.long and C.longlong both become C names
// whose width the header does not say) and does not exist for wasip1. Which files a build compiles
// (GOOS, GOARCH, build tags, cgo) is go's own answer: the SDK asks `go list` and passes them here.
// It imports only the parser packages, so its first build is quick.
//
//	goexports FILE.go...
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type param struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type export struct {
	Name    string  `json:"name"`
	Kind    string  `json:"kind"` // "export" or "wasmexport"
	Doc     string  `json:"doc"`
	Params  []param `json:"params"`
	Results []param `json:"results"`
	File    string  `json:"file"`
	Line    int     `json:"line"`
	// Set when the declaration cannot be bound whatever the types (a method, a generic function).
	Problem string `json:"problem,omitempty"`
}

type output struct {
	Package string   `json:"package"`
	Files   []string `json:"files"`
	Exports []export `json:"exports"`
}

func main() {
	names := append([]string{}, os.Args[1:]...)
	sort.Strings(names)
	out := output{Files: []string{}, Exports: []export{}}
	fset := token.NewFileSet()
	for _, name := range names {
		path, err := filepath.Abs(name)
		if err != nil {
			fail(err)
		}
		out.Files = append(out.Files, path)
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			fail(err)
		}
		out.Package = file.Name.Name
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Doc == nil {
				continue
			}
			kind, exportName := directive(fn.Doc)
			if kind == "" {
				continue
			}
			if exportName == "" {
				exportName = fn.Name.Name
			}
			pos := fset.Position(fn.Pos())
			e := export{Name: exportName, Kind: kind, Doc: docText(fn.Doc), Params: fields(fset, fn.Type.Params), Results: fields(fset, fn.Type.Results), File: path, Line: pos.Line}
			if fn.Recv != nil {
				e.Problem = "a method cannot be exported"
			} else if fn.Type.TypeParams != nil && len(fn.Type.TypeParams.List) > 0 {
				e.Problem = "a generic function cannot be exported"
			}
			out.Exports = append(out.Exports, e)
		}
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

// directive finds //export NAME or //go:wasmexport NAME in a doc comment.
func directive(doc *ast.CommentGroup) (kind, name string) {
	for _, c := range doc.List {
		text := c.Text
		for _, prefix := range []struct{ p, kind string }{{"//export ", "export"}, {"//go:wasmexport ", "wasmexport"}} {
			if strings.HasPrefix(text, prefix.p) {
				return prefix.kind, strings.TrimSpace(strings.TrimPrefix(text, prefix.p))
			}
		}
	}
	return "", ""
}

// docText is the comment's text without the directive lines (ast.CommentGroup.Text drops them).
func docText(doc *ast.CommentGroup) string {
	return strings.TrimSpace(doc.Text())
}

// fields expands a field list (a, b C.int) into one entry per name; unnamed results get "".
func fields(fset *token.FileSet, list *ast.FieldList) []param {
	result := []param{}
	if list == nil {
		return result
	}
	for _, f := range list.List {
		var sb strings.Builder
		if err := printer.Fprint(&sb, fset, f.Type); err != nil {
			fail(err)
		}
		typ := sb.String()
		if len(f.Names) == 0 {
			result = append(result, param{Name: "", Type: typ})
			continue
		}
		for _, n := range f.Names {
			result = append(result, param{Name: n.Name, Type: typ})
		}
	}
	return result
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "goexports:", err)
	os.Exit(1)
}
