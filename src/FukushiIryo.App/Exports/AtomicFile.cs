namespace FukushiIryo.App.Exports;

/// <summary>
/// Writes an output file all or nothing (ADR 0036): the bytes go to a temporary file beside the target,
/// which is renamed over the target once complete and removed if writing fails (disk full, a
/// cancelled command). A reader of the target never sees half a file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, replacing it unless <paramref name="overwrite"/> is false.</summary>
    public static async Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bytes);
        var temporary = TemporaryBeside(Path.GetFullPath(path));
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// A new temporary file for a download (<c>PREFIX-GUID.EXTENSION</c> in the system's temporary folder),
    /// readable and writable by the owner only from its creation — it holds names, addresses or accounts, and
    /// the folder is shared — and deleted when the stream is closed.
    /// </summary>
    public static FileStream CreateOwnerOnlyTemporary(string prefix, string extension)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.DeleteOnClose };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.{extension}"), options);
    }

    /// <summary>A new hidden temporary file name in the folder of <paramref name="fullPath"/> (so that the rename stays on one file system).</summary>
    internal static string TemporaryBeside(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
}

/// <summary>
/// An output file written as a stream, all or nothing (ADR 0036, 0041): <see cref="Stream"/> writes to a
/// temporary file beside the target and counts the bytes and their SHA-256 as they go;
/// <see cref="CommitAsync"/> flushes it to disk and renames it over the target. Disposed uncommitted
/// (disk full, a failure, a cancelled command), the temporary file is removed and the target untouched.
/// </summary>
public sealed class AtomicFileWriter : IAsyncDisposable
{
    private readonly string path;
    private readonly string temporary;
    private readonly FileStream file;
    private readonly HashingStream hashing;
    private bool completed;
    private bool committed;

    private AtomicFileWriter(string path)
    {
        this.path = System.IO.Path.GetFullPath(path);
        temporary = AtomicFile.TemporaryBeside(this.path);
        file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        hashing = new HashingStream(file);
    }

    /// <summary>Starts writing <paramref name="path"/> (replaced on commit if it exists).</summary>
    public static AtomicFileWriter Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new AtomicFileWriter(path);
    }

    /// <summary>Where the content goes: write-only, forward only.</summary>
    public Stream Stream => hashing;

    /// <summary>The bytes written.</summary>
    public long Length => hashing.Length;

    /// <summary>The SHA-256 of the bytes written, lower-case hex; read after <see cref="CompleteAsync"/> or <see cref="CommitAsync"/>.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    /// <summary>The target path.</summary>
    public string Path => path;

    /// <summary>
    /// Ends the writing: flushes the temporary file to disk and closes it, and sets <see cref="Sha256"/>; the
    /// target is untouched until <see cref="CommitAsync"/>. Lets a caller finish several files (and compare
    /// them with what is there, <see cref="SameAsTargetAsync"/>) before renaming any.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        if (completed)
        {
            return;
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        await file.DisposeAsync().ConfigureAwait(false);
        Sha256 = Convert.ToHexStringLower(hashing.Hash());
        completed = true;
    }

    /// <summary>
    /// True when the target does not exist or holds exactly the bytes written (same length and SHA-256, the
    /// target read as a stream); call after <see cref="CompleteAsync"/>.
    /// </summary>
    public async Task<bool> SameAsTargetAsync(CancellationToken cancellationToken)
    {
        if (!completed)
        {
            throw new InvalidOperationException("The file is not complete.");
        }

        if (!File.Exists(path))
        {
            return true;
        }

        await using var existing = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        if (existing.Length != Length)
        {
            return false;
        }

        var hash = await System.Security.Cryptography.SHA256.HashDataAsync(existing, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash) == Sha256;
    }

    /// <summary>Completes the file (<see cref="CompleteAsync"/>) if not yet, and renames it over the target.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await CompleteAsync(cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        hashing.Dispose();
        if (committed)
        {
            return;
        }

        try
        {
            await file.DisposeAsync().ConfigureAwait(false); // flushes what is buffered: on a full disk, fails again
        }
        catch (IOException)
        {
            // The write that failed has already been reported; the file is closed all the same.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A write-only pass-through that hashes and counts what it passes.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly System.Security.Cryptography.IncrementalHash sha256 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position
        {
            get => length;
            set => throw new NotSupportedException();
        }

        public byte[] Hash() => sha256.GetCurrentHash();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            sha256.AppendData(buffer);
            length += buffer.Length;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            sha256.AppendData(buffer.Span);
            length += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                sha256.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
