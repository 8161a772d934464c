using System.Security.Cryptography;

namespace FukushiIryo.Formats.Import;

/// <summary>
/// A read-only, forward-only view of a stream that computes the SHA-256 of every byte read
/// (after a given prefix), so that a reader can prove it read the bytes that were hashed when the
/// file was opened. Disposing it leaves the inner stream open.
/// </summary>
internal sealed class HashingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <param name="inner">The stream, positioned after <paramref name="prefix"/>.</param>
    /// <param name="prefix">The bytes before the inner stream's position (e.g. a BOM that was skipped).</param>
    public HashingReadStream(Stream inner, ReadOnlySpan<byte> prefix)
    {
        _inner = inner;
        _hash.AppendData(prefix);
    }

    /// <summary>Whether the inner stream has been read to its end.</summary>
    public bool ReachedEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The lowercase hex SHA-256 of everything read, once the end was reached; otherwise <c>null</c>.</summary>
    public string? FinalHash() => ReachedEnd ? Convert.ToHexStringLower(_hash.GetCurrentHash()) : null;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        if (read == 0)
        {
            ReachedEnd |= buffer.Length > 0;
        }
        else
        {
            _hash.AppendData(buffer[..read]);
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
