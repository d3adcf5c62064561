module example.com/gomonorepo/hello

go 1.26.11

// go.work at the root makes ../greet a workspace module. The require and replace lines say the
// same thing in module mode (GOWORK=off, or a build that does not see go.work), so the command
// builds either way.
require example.com/gomonorepo/greet v0.0.0

replace example.com/gomonorepo/greet => ../greet
