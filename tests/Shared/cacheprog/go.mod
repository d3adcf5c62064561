module gobuild.test/cacheprog

go 1.24
