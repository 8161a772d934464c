using System.Text;

namespace FukushiIryo.Formats.Import;

/// <summary>
/// A decoder fallback that writes U+FFFD for bytes that are not a character of the encoding and
/// counts how often it did, so that a streaming reader can report the line of the bad bytes and
/// go on (a throwing fallback would lose the position and everything decoded with it).
/// </summary>
internal sealed class MarkingDecoderFallback : DecoderFallback
{
    /// <summary>How many byte sequences could not be decoded so far.</summary>
    public int Count { get; private set; }

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    /// <summary>A copy of <paramref name="encoding"/> that decodes with a new marking fallback.</summary>
    public static (Encoding Encoding, MarkingDecoderFallback Fallback) For(Encoding encoding)
    {
        var fallback = new MarkingDecoderFallback();
        var copy = (Encoding)encoding.Clone();
        copy.DecoderFallback = fallback;
        return (copy, fallback);
    }

    private sealed class Buffer(MarkingDecoderFallback owner) : DecoderFallbackBuffer
    {
        private int _remaining;

        public override int Remaining => _remaining;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Count++;
            _remaining = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_remaining == 0)
            {
                return '\0';
            }

            _remaining--;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (_remaining == 0)
            {
                _remaining = 1;
                return true;
            }

            return false;
        }

        public override void Reset() => _remaining = 0;
    }
}
