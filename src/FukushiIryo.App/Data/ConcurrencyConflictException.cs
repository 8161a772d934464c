namespace FukushiIryo.App.Data;

/// <summary>
/// Someone else changed the record since it was read: the edit is refused, nothing is saved, and
/// the user is asked to reload (architecture.md §3; exit code 1 in the CLI).
/// </summary>
public sealed class ConcurrencyConflictException(string message, Exception? innerException = null)
    : Exception(message, innerException);
