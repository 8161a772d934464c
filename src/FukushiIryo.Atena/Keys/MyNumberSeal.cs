using System.Security.Cryptography;
using System.Text;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Atena.Keys;

/// <summary>
/// Seals and opens a 個人番号 with AES-256-GCM (nonce 12 bytes random, tag 16 bytes; the 宛名番号 as associated data)
/// and computes its lookup hash, HMAC-SHA256 under the index key. The digits leave the <see cref="MyNumber"/> only here.
/// </summary>
public static class MyNumberSeal
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static byte[] Seal(AtenaKey key, string atenaNumber, MyNumber number)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(number);
        var plain = Encoding.ASCII.GetBytes(number.RevealDigits());
        try
        {
            var result = new byte[NonceBytes + plain.Length + TagBytes];
            var nonce = result.AsSpan(0, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key.EncryptionKey, TagBytes);
            aes.Encrypt(nonce, plain, result.AsSpan(NonceBytes, plain.Length), result.AsSpan(NonceBytes + plain.Length, TagBytes), AssociatedData(atenaNumber));
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <exception cref="CryptographicException">The value was not sealed with this key for this 宛名番号 (or was altered).</exception>
    public static MyNumber Open(AtenaKey key, string atenaNumber, byte[] sealedValue)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (sealedValue.Length != NonceBytes + MyNumber.Length + TagBytes)
        {
            throw new CryptographicException("The sealed 個人番号 has a wrong length.");
        }

        var plain = new byte[MyNumber.Length];
        try
        {
            using var aes = new AesGcm(key.EncryptionKey, TagBytes);
            aes.Decrypt(sealedValue.AsSpan(0, NonceBytes), sealedValue.AsSpan(NonceBytes, MyNumber.Length), sealedValue.AsSpan(NonceBytes + MyNumber.Length, TagBytes), plain, AssociatedData(atenaNumber));
            return MyNumber.Parse(Encoding.ASCII.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public static byte[] LookupHash(AtenaKey key, MyNumber number)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(number);
        var plain = Encoding.ASCII.GetBytes(number.RevealDigits());
        try
        {
            return HMACSHA256.HashData(key.IndexKey, plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] AssociatedData(string atenaNumber) => Encoding.UTF8.GetBytes("atena:" + atenaNumber);
}
