using GoBuild.Tasks.Interop;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Interop;

[TestClass]
public sealed class BindingNamesTests
{
    [TestMethod]
    [DataRow("mathlib", "Native", "MathlibNative")]
    [DataRow("go-agent", "Native", "GoAgentNative")]
    [DataRow("wasmlib", "Module", "WasmlibModule")]
    [DataRow("my.lib_v2", "Native", "MyLibV2Native")]
    [DataRow("7zip", "Native", "Go7zipNative")]
    public void ClassName_IsPascalCaseProjectNamePlusSuffix(string project, string suffix, string expected)
    {
        Assert.AreEqual(expected, BindingNames.ClassName(project, suffix));
    }

    [TestMethod]
    public void IsNamespace_AcceptsDottedIdentifiers_Only()
    {
        Assert.IsTrue(BindingNames.IsNamespace("Contoso.Native"));
        Assert.IsFalse(BindingNames.IsNamespace("Contoso..Native"));
        Assert.IsFalse(BindingNames.IsNamespace("1Contoso"));
        Assert.IsFalse(BindingNames.IsIdentifier("my-class"));
    }
}
