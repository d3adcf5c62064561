using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using GoBuild.Tasks.Packaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Packaging;

[TestClass]
public sealed class PackageConsumerTargetsTests
{
    [TestMethod]
    public void Create_ListsEachProgramUnderItsRid_CopiesOnlyForAppsWithoutRid_AndRestoresExecuteBit()
    {
        string text = PackageConsumerTargets.Create("Contoso.Agent", new[]
        {
            new KeyValuePair<string, string>("linux-x64", "agent"),
            new KeyValuePair<string, string>("win-x64", "agent.exe"),
        });

        XDocument doc = XDocument.Parse(text);
        XElement[] groups = doc.Root!.Elements("ItemGroup").ToArray();
        Assert.AreEqual("'$(_GoBuildPackage_Contoso_Agent_RuntimeIdentifier)' == 'linux-x64'", groups[0].Attribute("Condition")!.Value);
        Assert.AreEqual("$(MSBuildThisFileDirectory)../runtimes/linux-x64/native/agent", groups[0].Elements().Single().Attribute("Include")!.Value);
        Assert.AreEqual("$(MSBuildThisFileDirectory)../runtimes/win-x64/native/agent.exe", groups[1].Elements().Single().Attribute("Include")!.Value);

        XElement none = groups[2].Element("None")!;
        Assert.AreEqual("'$(RuntimeIdentifier)' == ''", groups[2].Attribute("Condition")!.Value);
        Assert.AreEqual("PreserveNewest", none.Element("CopyToPublishDirectory")!.Value);
        Assert.AreEqual("false", none.Element("Visible")!.Value);

        string[] targets = doc.Root.Elements("Target").Select(t => t.Attribute("AfterTargets")!.Value).ToArray();
        CollectionAssert.AreEqual(new[] { "CopyFilesToOutputDirectory", "CopyFilesToPublishDirectory" }, targets);
        StringAssert.Contains(text, "chmod +x");
    }

    [TestMethod]
    public void Sanitize_KeepsLettersDigits_ReplacesTheRest()
    {
        Assert.AreEqual("My_Pkg_1_0", PackageConsumerTargets.Sanitize("My.Pkg-1_0"));
    }
}
