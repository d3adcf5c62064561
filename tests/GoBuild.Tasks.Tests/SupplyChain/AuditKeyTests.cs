using System;
using System.Collections.Generic;
using System.IO;
using GoBuild.Tasks.SupplyChain;
using GoBuild.Tests;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.SupplyChain;

/// <summary>The key that lets an edit build keep its findings: the same for what links the same, another for anything the findings read.</summary>
[TestClass]
public sealed class AuditKeyTests
{
    private static readonly KeyValuePair<string, string>[] s_settings = { new("GOOS", "linux"), new("GOARCH", "amd64") };

    [TestMethod]
    public void Of_TheSameLinkedSetSettingsAndData_IsTheSame_AndAnyOfThemChangedGivesAnother()
    {
        string folder = RepoPaths.NewTempDirectory("audit-key");
        try
        {
            string data = Path.Combine(folder, "modules.json");
            File.WriteAllText(data, "[]");
            string Key(string textVersion = "v0.3.6", string go = "go1.26.11", string suppress = "", string source = "https://vuln.go.dev/", string output = "bin/app", bool linkNorm = false)
            {
                var linked = new List<GoLinkedPackage>
                {
                    new("example.com/app", "example.com/app", new[] { "golang.org/x/text/language" }),
                    new("golang.org/x/text/language", "golang.org/x/text@" + textVersion, Array.Empty<string>()),
                    new("os", "std", Array.Empty<string>()),
                };
                if (linkNorm)
                {
                    linked.Add(new("golang.org/x/text/unicode/norm", "golang.org/x/text@" + textVersion, Array.Empty<string>()));
                }

                GoBuildInfo info = GoBuildInfo.FromRecord(go, "example.com/app", linked, s_settings);
                return AuditKey.Of(output, info, linked, suppress.Length == 0 ? Array.Empty<string>() : new[] { suppress }, source, "1.0.0", new[] { data });
            }

            string key = Key();
            Assert.AreEqual(key, Key(), "a code edit links the same");
            Assert.AreNotEqual(key, Key(textVersion: "v0.3.7"));
            Assert.AreNotEqual(key, Key(go: "go1.26.12"));
            Assert.AreNotEqual(key, Key(suppress: "GO-2021-0113"));
            Assert.AreEqual(Key(suppress: "go-2021-0113"), Key(suppress: "GO-2021-0113"), "IDs are matched without case");
            Assert.AreNotEqual(key, Key(source: "https://mirror.example/"));
            Assert.AreNotEqual(key, Key(output: "bin/tool"));
            Assert.AreNotEqual(key, Key(linkNorm: true), "another package of a linked module changes the tiers");

            File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(5));
            Assert.AreNotEqual(key, Key(), "new data");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
