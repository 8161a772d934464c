using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Exports;

namespace FukushiIryo.App.Tests.Exports;

/// <summary>
/// <see cref="AtomicFileWriter"/> completed but not committed (the payment export writes all its files
/// before renaming any, ADR 0041 session 8): the target is untouched until the commit, the written
/// bytes are compared with an existing target by size and SHA-256, and an uncommitted writer leaves nothing.
/// </summary>
public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(null, true)]          // no target
    [InlineData("abc,123\r\n", true)]  // the same bytes
    [InlineData("abc,124\r\n", false)] // same length, one byte different
    [InlineData("abc,123", false)]     // a prefix
    public async Task A_completed_file_is_compared_with_the_target_without_replacing_it(string? existing, bool same)
    {
        var path = Path.Combine(folder, "detail.csv");
        if (existing is not null)
        {
            await File.WriteAllTextAsync(path, existing);
        }

        await using (var writer = AtomicFileWriter.Create(path))
        {
            await writer.Stream.WriteAsync(Encoding.ASCII.GetBytes("abc,123\r\n"));
            await writer.CompleteAsync(CancellationToken.None);

            Assert.Equal(same, await writer.SameAsTargetAsync(CancellationToken.None));
            Assert.Equal((9L, Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("abc,123\r\n")))), (writer.Length, writer.Sha256));
            Assert.Equal(existing, File.Exists(path) ? await File.ReadAllTextAsync(path) : null); // not renamed yet
        }

        // Disposed uncommitted: the target as it was, no temporary file.
        Assert.Equal(existing, File.Exists(path) ? await File.ReadAllTextAsync(path) : null);
        Assert.Equal(existing is null ? 0 : 1, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public async Task A_completed_file_is_renamed_over_the_target_on_commit()
    {
        var path = Path.Combine(folder, "zengin.txt");
        await File.WriteAllTextAsync(path, "old");
        await using var writer = AtomicFileWriter.Create(path);
        await writer.Stream.WriteAsync(Encoding.ASCII.GetBytes("new content"));
        await writer.CompleteAsync(CancellationToken.None);

        await writer.CommitAsync(CancellationToken.None);

        Assert.Equal("new content", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }
}
