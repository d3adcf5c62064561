using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using Microsoft.Build.Framework;

namespace GoBuild.Tasks.Testing;

/// <summary>
/// Test messages as vstest sends them: <c>ExtendedBuildMessageEventArgs</c> of type
/// <c>TLTESTFINISH</c> (the summary, with total/passed/skipped/failed/duration metadata, which the
/// terminal logger — dotnet test's default in a terminal — adds to its "Test summary" line) and
/// <c>TLTESTOUTPUT</c> (a line it shows at once). The console logger prints both as high-importance
/// messages. The terminal logger reads them only from projects that ran the <c>_TestRunStart</c>
/// target. The type exists in MSBuild 17.8 and later, newer than the Microsoft.Build.Framework the
/// tasks compile against, so it is created by reflection; on an older MSBuild the caller logs a
/// plain message instead.
/// </summary>
public static class TestSummaryEvent
{
    private static readonly Type? s_extendedMessage = typeof(BuildMessageEventArgs).Assembly.GetType("Microsoft.Build.Framework.ExtendedBuildMessageEventArgs");

    /// <summary>The summary event, or null when the running MSBuild has no extended messages.</summary>
    public static BuildMessageEventArgs? Summary(string text, int total, int passed, int skipped, int failed, TimeSpan duration, string senderName) =>
        Create("TLTESTFINISH", text, senderName, new Dictionary<string, string?>
        {
            ["total"] = total.ToString(CultureInfo.InvariantCulture),
            ["passed"] = passed.ToString(CultureInfo.InvariantCulture),
            ["skipped"] = skipped.ToString(CultureInfo.InvariantCulture),
            ["failed"] = failed.ToString(CultureInfo.InvariantCulture),
            ["duration"] = duration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A line for the terminal logger to show at once, or null when the running MSBuild has no extended messages.</summary>
    public static BuildMessageEventArgs? Output(string text, string senderName) => Create("TLTESTOUTPUT", text, senderName, new Dictionary<string, string?>());

    private static BuildMessageEventArgs? Create(string type, string text, string senderName, Dictionary<string, string?> values)
    {
        if (s_extendedMessage == null)
        {
            return null;
        }

        ConstructorInfo? constructor = s_extendedMessage.GetConstructor(new[] { typeof(string), typeof(string), typeof(string), typeof(string), typeof(MessageImportance) });
        PropertyInfo? metadata = s_extendedMessage.GetProperty("ExtendedMetadata");
        if (constructor == null || metadata == null || !metadata.CanWrite)
        {
            return null;
        }

        var message = (BuildMessageEventArgs)constructor.Invoke(new object?[] { type, text, null, senderName, MessageImportance.High });
        metadata.SetValue(message, values);
        return message;
    }
}
