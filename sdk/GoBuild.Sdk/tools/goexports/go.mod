module gobuild.local/goexports

go 1.22
