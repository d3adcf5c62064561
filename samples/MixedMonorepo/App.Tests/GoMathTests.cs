using GoBindings;

namespace App.Tests;

[TestClass]
public sealed class GoMathTests
{
    [TestMethod]
    public void Add_IsComputedByTheGoLibrary()
    {
        Assert.AreEqual(5L, MathlibNative.Add(2, 3));
    }

    [TestMethod]
    public void Greet_ReturnsAGoStringThatTheLibraryFrees()
    {
        StringAssert.Contains(MathlibNative.Greet("tests"), "Hello, tests, from Go");
    }
}
