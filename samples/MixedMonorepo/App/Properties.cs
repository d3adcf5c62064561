using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("App.Tests")]
