using MixedMonorepo;

namespace App.Tests;

[TestClass]
public sealed class GoMathTests
{
    [TestMethod]
    public void Add_IsComputedByTheGoLibrary()
    {
        Assert.AreEqual(5L, GoMath.Add(2, 3));
    }

    [TestMethod]
    public void Greet_ReturnsAGoStringThatTheLibraryFrees()
    {
        StringAssert.Contains(GoMath.Greet("tests"), "Hello, tests, from Go");
    }
}
