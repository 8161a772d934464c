using System.Diagnostics;
using System.Globalization;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Uke;

// Writes a synthetic UKE file of N 医科 claims (RE, HO, KO, SY, SI each) to a temporary file,
// reads it with UkeReader and prints claims per second and the peak working set. The file is deleted.
int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
string path = Path.Combine(Path.GetTempPath(), $"fukushi-bench-{Guid.NewGuid():N}.UKE");
try
{
    var write = Stopwatch.StartNew();
    using (var writer = new UkeWriter(File.Create(path)))
    {
        writer.Write("IR", "2", "29", "1", "0100102", "", "奈良ベンチ医院", "50801", "00", "0742-00-0000");
        for (int i = 1; i <= count; i++)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            writer.Write("RE", n, "1122", "50712", "奈良　花子", "2", "4070208", "70", "", "", "", "", "", n, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "ナラハナコ", "");
            writer.Write("HO", "  292011", "１２３", n, "2", "1234", "", "", "", "", "", "", "", "", "");
            writer.Write("KO", "81292013", "0000125", "", "2", "1234", "500", "", "", "", "", "");
            writer.Write("SY", "3721002", "50712", "1", "8002", "", "", "");
            writer.Write("SI", "11", "1", "111000110", "", "282", "1", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "1");
        }

        writer.Write("GO", (2L * count).ToString(CultureInfo.InvariantCulture), (1234L * count).ToString(CultureInfo.InvariantCulture), "99");
    }

    write.Stop();
    long bytes = new FileInfo(path).Length;
    var read = Stopwatch.StartNew();
    long claims = 0;
    using (var reader = UkeReader.Open(path, EncodingChoice.Cp932))
    {
        foreach (var claim in reader.Claims())
        {
            claims += claim.PayerCount > 0 ? 1 : 0;
        }

        read.Stop();
        if (reader.HasErrors)
        {
            Console.Error.WriteLine($"file errors: {reader.Errors.Count}, first: {reader.Errors[0].Reason}");
        }
    }

    using var process = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"claims {claims:N0}; file {bytes / 1048576.0:F1} MiB written in {write.Elapsed.TotalSeconds:F2} s; read in {read.Elapsed.TotalSeconds:F2} s = {claims / read.Elapsed.TotalSeconds:N0} claims/s ({bytes / 1048576.0 / read.Elapsed.TotalSeconds:F1} MiB/s); peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB"));
}
finally
{
    File.Delete(path);
}
