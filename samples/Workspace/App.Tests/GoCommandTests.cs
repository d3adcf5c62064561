namespace App.Tests;

[TestClass]
public sealed class GoCommandTests
{
    [TestMethod]
    public void Hello_GreetsThroughTheLibsModule()
    {
        Assert.AreEqual("hello: hello, tests", GoCommands.Run("hello", "tests"));
    }

    [TestMethod]
    public void Uptime_IsBuiltFromTheSameProject()
    {
        StringAssert.StartsWith(GoCommands.Run("uptime", "x"), "uptime: hello, dotnet after ");
    }
}
