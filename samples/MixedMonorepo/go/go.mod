module example.com/mixedmonorepo

go 1.22
