module example.com/goapp

go 1.26.11
