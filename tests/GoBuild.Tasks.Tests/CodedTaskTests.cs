using System;
using GoBuild.Tasks.Tests.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GoBuild.Tasks.Tests;

/// <summary>No exception leaves a GoBuild task: a bug becomes GOB2031 with its stack, not MSBuild's crash report.</summary>
[TestClass]
public sealed class CodedTaskTests
{
    [TestMethod]
    public void Execute_WhenTheTaskThrowsAnUnexpectedException_LogsGOB2031WithTheStackAndFails()
    {
        var engine = new RecordingBuildEngine();
        var task = new ThrowingTask { BuildEngine = engine };

        bool result = task.Execute();

        Assert.IsFalse(result);
        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2031", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "The ThrowingTask task failed unexpectedly: System.InvalidOperationException: a bug", error.Message);
        StringAssert.Contains(error.Message, nameof(ThrowingTask.Fail), "the stack is kept");
    }

    private sealed class ThrowingTask : CodedTask
    {
        public static void Fail() => throw new InvalidOperationException("a bug");

        protected override void ExecuteCore() => Fail();
    }
}
