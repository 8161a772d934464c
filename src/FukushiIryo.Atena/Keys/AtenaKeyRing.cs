using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FukushiIryo.Atena.Keys;

/// <summary>
/// The 宛名 module's key ring (鍵リング): a directory (<c>FUKUSHI_ATENA_KEYS</c>, default <c>data/atena-keys</c>) of
/// key files <c>atena-key-vN.json</c>, each with a 256-bit encryption key (AES-256-GCM) and a 256-bit index key
/// (HMAC-SHA256). The highest version is current: new links use it; older versions stay readable until a rotation
/// has re-sealed every row. The ring is never in the repository and never in either database; back it up with the
/// 宛名 database (docs/atena-keys.md). On Unix the directory is 0700 and the files 0600.
/// </summary>
public sealed class AtenaKeyRing
{
    public const string Variable = "FUKUSHI_ATENA_KEYS";
    public const string DefaultDirectory = "data/atena-keys";
    private const string Prefix = "atena-key-v";
    private const int KeyBytes = 32;

    private readonly object gate = new();
    private Dictionary<int, AtenaKey>? keys;

    public AtenaKeyRing(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The ring's folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The ring named by the option, else <c>FUKUSHI_ATENA_KEYS</c>, else <see cref="DefaultDirectory"/>.</summary>
    public static AtenaKeyRing Resolve(string? option, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var value = !string.IsNullOrWhiteSpace(option) ? option : variable(Variable);
        return new AtenaKeyRing(string.IsNullOrWhiteSpace(value) ? DefaultDirectory : value);
    }

    /// <summary>Whether the ring holds at least one key.</summary>
    public bool Exists => Load().Count > 0;

    /// <summary>The versions present, ascending.</summary>
    public IReadOnlyList<int> Versions => [.. Load().Keys.Order()];

    /// <summary>The current (highest) key.</summary>
    /// <exception cref="AtenaKeyRingException">The ring has no key.</exception>
    public AtenaKey Current => Load().Count == 0
        ? throw new AtenaKeyRingException($"宛名モジュールの鍵がありません（{Directory}）。鍵ファイルを復元するか、新規の宛名データベースなら fukushi db migrate で作成してください。")
        : Load()[Load().Keys.Max()];

    /// <summary>Every key, newest first.</summary>
    public IReadOnlyList<AtenaKey> All => [.. Load().Values.OrderByDescending(key => key.Version)];

    /// <summary>The key of <paramref name="version"/>.</summary>
    /// <exception cref="AtenaKeyRingException">That version is not in the ring.</exception>
    public AtenaKey Get(int version) => Load().TryGetValue(version, out var key)
        ? key
        : throw new AtenaKeyRingException($"宛名モジュールの鍵（版 {version.ToString(CultureInfo.InvariantCulture)}）が鍵リング {Directory} にありません。");

    /// <summary>Adds a new version (fresh random keys) and makes it current; returns it.</summary>
    public AtenaKey AddVersion(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        lock (gate)
        {
            var existing = Load();
            var version = existing.Count == 0 ? 1 : existing.Keys.Max() + 1;
            var key = new AtenaKey(version, RandomNumberGenerator.GetBytes(KeyBytes), RandomNumberGenerator.GetBytes(KeyBytes));
            CreateDirectory();
            var path = Path.Combine(Directory, $"{Prefix}{version.ToString(CultureInfo.InvariantCulture)}.json");
            var file = new KeyFile
            {
                Version = version,
                Created = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                EncryptionKey = Convert.ToBase64String(key.EncryptionKey),
                IndexKey = Convert.ToBase64String(key.IndexKey),
            };
            var temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                JsonSerializer.Serialize(stream, file, KeyFileContext.Default.KeyFile);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            existing[version] = key;
            return key;
        }
    }

    /// <summary>Creates the first key when the ring is empty; returns whether it did.</summary>
    public bool EnsureCreated(TimeProvider clock)
    {
        lock (gate)
        {
            if (Load().Count > 0)
            {
                return false;
            }

            AddVersion(clock);
            return true;
        }
    }

    private void CreateDirectory()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private Dictionary<int, AtenaKey> Load()
    {
        lock (gate)
        {
            if (keys is not null)
            {
                return keys;
            }

            var loaded = new Dictionary<int, AtenaKey>();
            if (System.IO.Directory.Exists(Directory))
            {
                foreach (var path in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*.json"))
                {
                    KeyFile? file;
                    try
                    {
                        using var stream = File.OpenRead(path);
                        file = JsonSerializer.Deserialize(stream, KeyFileContext.Default.KeyFile);
                    }
                    catch (JsonException exception)
                    {
                        throw new AtenaKeyRingException($"宛名モジュールの鍵ファイルが読めません: {Path.GetFileName(path)}", exception);
                    }

                    if (file is null || file.Version <= 0 || file.EncryptionKey is null || file.IndexKey is null)
                    {
                        throw new AtenaKeyRingException($"宛名モジュールの鍵ファイルが正しくありません: {Path.GetFileName(path)}");
                    }

                    var key = new AtenaKey(file.Version, Convert.FromBase64String(file.EncryptionKey), Convert.FromBase64String(file.IndexKey));
                    if (key.EncryptionKey.Length != KeyBytes || key.IndexKey.Length != KeyBytes || !loaded.TryAdd(key.Version, key))
                    {
                        throw new AtenaKeyRingException($"宛名モジュールの鍵ファイルが正しくありません: {Path.GetFileName(path)}");
                    }
                }
            }

            keys = loaded;
            return keys;
        }
    }

    internal sealed class KeyFile
    {
        public int Version { get; set; }

        public string? Created { get; set; }

        public string? EncryptionKey { get; set; }

        public string? IndexKey { get; set; }
    }
}

/// <summary>One version of the ring: the AES-256-GCM key and the HMAC-SHA256 index key.</summary>
public sealed record AtenaKey(int Version, byte[] EncryptionKey, byte[] IndexKey);

/// <summary>The key ring is missing, incomplete or unreadable (an environment failure: exit 4).</summary>
public sealed class AtenaKeyRingException : InvalidOperationException
{
    public AtenaKeyRingException(string message)
        : base(message)
    {
    }

    public AtenaKeyRingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AtenaKeyRing.KeyFile))]
internal sealed partial class KeyFileContext : JsonSerializerContext;
