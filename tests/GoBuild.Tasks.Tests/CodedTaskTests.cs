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

    [TestMethod]
    public void Cancel_WhenACancellationCallbackThrows_LogsGOB2030_InsteadOfThrowingIntoMSBuild()
    {
        var engine = new RecordingBuildEngine();
        var task = new CallbackTask { BuildEngine = engine };
        task.Register(() => throw new InvalidOperationException("callback bug"));

        task.Cancel();

        RecordedDiagnostic error = engine.SingleError();
        Assert.AreEqual("GOB2030", error.Code, engine.ToString());
        StringAssert.Contains(error.Message, "Cancelling CallbackTask failed unexpectedly", error.Message);
        StringAssert.Contains(error.Message, "callback bug", error.Message);
    }

    private sealed class CallbackTask : CodedTask
    {
        public void Register(Action callback) => CancellationToken.Register(callback);

        protected override void ExecuteCore()
        {
        }
    }

    private sealed class ThrowingTask : CodedTask
    {
        public static void Fail() => throw new InvalidOperationException("a bug");

        protected override void ExecuteCore() => Fail();
    }
}
