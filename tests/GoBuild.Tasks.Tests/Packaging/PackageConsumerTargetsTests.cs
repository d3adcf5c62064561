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

        string[] targets = doc.Root.Elements("Target").Select(t => (string?)t.Attribute("AfterTargets") ?? "before " + t.Attribute("BeforeTargets")!.Value).ToArray();
        CollectionAssert.AreEqual(new[] { "before CopyFilesToOutputDirectory", "CopyFilesToOutputDirectory", "CopyFilesToPublishDirectory" }, targets);
        StringAssert.Contains(text, "chmod +x");
    }

    [TestMethod]
    public void Create_AppWithoutAProgramForItsRid_FallsBackFromMuslToGlibc_ElseWarnsWithGOB5009()
    {
        string text = PackageConsumerTargets.Create("agent", new[] { new KeyValuePair<string, string>("linux-x64", "agent") });

        XDocument doc = XDocument.Parse(text);
        XElement fallback = doc.Root!.Element("PropertyGroup")!.Elements("_GoBuildPackage_agent_RuntimeIdentifier").Last();
        StringAssert.Contains(fallback.Attribute("Condition")!.Value, "StartsWith('linux-musl-')");
        Assert.AreEqual(";linux-x64;", doc.Root.Element("PropertyGroup")!.Element("_GoBuildPackage_agent_RuntimeIdentifiers")!.Value);
        XElement warning = doc.Descendants("Warning").Single();
        Assert.AreEqual("GOB5009", warning.Attribute("Code")!.Value);
        StringAssert.Contains(warning.Attribute("Text")!.Value, "programs for: linux-x64");
    }

    [TestMethod]
    public void Sanitize_KeepsLettersDigits_ReplacesTheRest()
    {
        Assert.AreEqual("My_Pkg_1_0", PackageConsumerTargets.Sanitize("My.Pkg-1_0"));
    }
}
