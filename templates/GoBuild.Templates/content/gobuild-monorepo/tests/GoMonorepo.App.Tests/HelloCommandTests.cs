[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace Tests;

[TestClass]
public sealed class HelloCommandTests
{
    [TestMethod]
    public void Run_WithNames_PrintsTheGreetingOfTheGoLibrary()
    {
        Assert.AreEqual("Hello, Ada and Grace!", HelloCommand.Run("Ada", "Grace"));
    }

    [TestMethod]
    public void Run_WithoutNames_GreetsTheWorld()
    {
        Assert.AreEqual("Hello, world!", HelloCommand.Run());
    }
}
