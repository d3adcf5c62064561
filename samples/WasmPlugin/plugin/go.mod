module example.com/wasmplugin

go 1.24
