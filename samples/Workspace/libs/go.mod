module example.com/libs

go 1.22
