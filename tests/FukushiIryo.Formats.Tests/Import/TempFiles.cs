using System.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.Formats.Tests.Import;

/// <summary>A temporary folder for the files of one test, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public TempFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fukushi-import-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteUtf8(string name, string text, bool bom = false) =>
        Write(name, bom ? [.. Encoding.UTF8.GetPreamble(), .. Utf8NoBom.GetBytes(text)] : Utf8NoBom.GetBytes(text));

    public string WriteCp932(string name, string text) => Write(name, InputEncoding.StrictCp932.GetBytes(text));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test: leave the folder.
        }
    }
}

/// <summary>Residents files for the tests (interfaces.md §1).</summary>
public static class Residents
{
    public const string Header = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日";

    public const string Hanako = "000123,0000456,奈良 花子,ナラ ハナコ,1990-04-01,2,世帯主,630-8580,奈良市二条大路南一丁目1番1号,1,,,";

    public const string Taro = "000124,0000456,奈良 太郎,ナラ タロウ,R2.5.1,1,子,6308580,奈良市二条大路南一丁目1番1号,1,出生,R2.5.1,R2.5.8";
}
