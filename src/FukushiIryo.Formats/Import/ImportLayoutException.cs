namespace FukushiIryo.Formats.Import;

/// <summary>
/// A layout file (or a layout/kind combination) that cannot be used. The message is Japanese and
/// names the file and the offending entry, for the operator.
/// </summary>
public sealed class ImportLayoutException : Exception
{
    public ImportLayoutException()
    {
    }

    public ImportLayoutException(string message)
        : base(message)
    {
    }

    public ImportLayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
