using System;

namespace GoBuild.Tests;

/// <summary>The folder the test build packed GoBuild.Sdk into (set by the test project file).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestFeedAttribute : Attribute
{
    public TestFeedAttribute(string path) => Path = path;

    public string Path { get; }
}
