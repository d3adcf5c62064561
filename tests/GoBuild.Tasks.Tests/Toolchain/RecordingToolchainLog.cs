using System.Collections.Concurrent;
using System.Linq;
using GoBuild.Tasks.Toolchain;

namespace GoBuild.Tasks.Tests.Toolchain;

/// <summary>Keeps every toolchain log line, formatted, with its importance.</summary>
internal sealed class RecordingToolchainLog : IToolchainLog
{
    private readonly ConcurrentQueue<(string Level, string Name, string Text)> _lines = new();

    public (string Level, string Name, string Text)[] Lines => _lines.ToArray();

    public int Count(string resourceName) => Lines.Count(l => l.Name == resourceName);

    public void Important(string resourceName, params object[] args) => Add("high", resourceName, args);

    public void Normal(string resourceName, params object[] args) => Add("normal", resourceName, args);

    public void Detail(string resourceName, params object[] args) => Add("low", resourceName, args);

    public override string ToString() => string.Join("\n", Lines.Select(l => $"[{l.Level}] {l.Text}"));

    private void Add(string level, string name, object[] args) => _lines.Enqueue((level, name, Resources.Format(name, args)));
}
