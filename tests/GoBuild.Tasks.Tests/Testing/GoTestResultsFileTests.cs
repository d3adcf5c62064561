using System;
using System.IO;
using GoBuild.Tasks.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests.Testing;

[TestClass]
public sealed class GoTestResultsFileTests
{
    private static readonly string s_default = Path.Combine(Path.GetTempPath(), "proj", "TestResults");
    private static readonly string s_results = Path.Combine(Path.GetTempPath(), "results");

    [TestMethod]
    public void Resolve_TrxLogger_WritesProjectNameTrxInTheResultsDirectory()
    {
        Assert.AreEqual(Path.Combine(s_results, "app.trx"), GoTestResultsFile.Resolve(new[] { "trx" }, s_results, null, s_default, "app"));
        Assert.AreEqual(Path.Combine(s_default, "app.trx"), GoTestResultsFile.Resolve(new[] { "console;verbosity=normal", "trx" }, null, null, s_default, "app"));
    }

    [TestMethod]
    public void Resolve_TrxLoggerWithLogFileName_UsesIt_WithVSTestTokens()
    {
        Assert.AreEqual(Path.Combine(s_results, "x.trx"), GoTestResultsFile.Resolve(new[] { "trx;LogFileName=x.trx" }, s_results, null, s_default, "app"));
        Assert.AreEqual(Path.Combine(s_results, "app.go.trx"), GoTestResultsFile.Resolve(new[] { "trx;LogFileName={assembly}.{framework}.trx" }, s_results, null, s_default, "app"));
    }

    [TestMethod]
    public void Resolve_GoTestResultsDirectoryAlone_AsksForAFile_VSTestResultsDirectoryAloneDoesNot()
    {
        Assert.AreEqual(Path.Combine(s_results, "app.trx"), GoTestResultsFile.Resolve(Array.Empty<string>(), null, s_results, s_default, "app"));
        Assert.IsNull(GoTestResultsFile.Resolve(Array.Empty<string>(), s_results, null, s_default, "app"));
        Assert.IsNull(GoTestResultsFile.Resolve(new[] { "console" }, null, null, s_default, "app"));
    }

    [TestMethod]
    public void Resolve_TrxLoggerByUri_IsRecognised()
    {
        Assert.IsNotNull(GoTestResultsFile.Resolve(new[] { "logger://Microsoft/TestPlatform/TrxLogger/v1" }, null, null, s_default, "app"));
    }
}
