using System.IO;
using System.Text;

namespace GoBuild.Tasks.Interop;

/// <summary>Record and generated files are rewritten only when their content changes: their time stamps drive incremental builds.</summary>
public static class RecordFiles
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> unless the file already holds it; returns whether it wrote.</summary>
    public static bool WriteIfDifferent(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path, s_utf8) == content)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, content, s_utf8);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        File.Move(temporary, path);
        return true;
    }
}
