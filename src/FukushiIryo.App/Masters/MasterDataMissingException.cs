namespace FukushiIryo.App.Masters;

/// <summary>A master has no row (or more than one) in force where a rule needs exactly one.</summary>
public sealed class MasterDataMissingException : Exception
{
    public MasterDataMissingException()
    {
    }

    public MasterDataMissingException(string message)
        : base(message)
    {
    }

    public MasterDataMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
