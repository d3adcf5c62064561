module example.com/gomonorepo/greet

go 1.26.11
