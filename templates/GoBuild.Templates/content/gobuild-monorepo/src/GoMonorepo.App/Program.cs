// Runs the Go command as a child process and prints its answer.
Console.WriteLine(HelloCommand.Run(args.Length > 0 ? args : [".NET"]));
