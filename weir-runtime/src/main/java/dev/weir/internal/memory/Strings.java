package dev.weir.internal.memory;

import dev.weir.MalformedStringException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Strict string decoding and encoding for the host memory API.
 *
 * <p>Guests hand the host arbitrary bytes; silently replacing bad input with U+FFFD (what
 * {@code new String(bytes, UTF_8)} does) hides guest bugs and lets two different byte strings map
 * to one Java string. So decoding reports the first malformed byte instead. UTF-8 uses a
 * hand-written validator (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above
 * U+10FFFF) followed by the JDK's intrinsic decoder; other charsets use a {@link CharsetDecoder}
 * with {@link CodingErrorAction#REPORT}.
 */
public final class Strings {
    private Strings() {}

    /**
     * Returns the index (relative to {@code off}) of the first byte of the first ill-formed UTF-8
     * sequence in {@code b[off..off+len)}, or -1 if the range is well-formed. A sequence truncated
     * by the end of the range is ill-formed and reported at its first byte, like the JDK decoder.
     */
    public static int invalidUtf8Index(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0; // overlong
                } else if (c == 0xED) {
                    hi = 0x9F; // UTF-16 surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90; // overlong
                } else if (c == 0xF4) {
                    hi = 0x8F; // above U+10FFFF
                }
            } else {
                return i - off; // 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF
            }
            if (end - i <= need) {
                return i - off;
            }
            int c1 = b[i + 1] & 0xFF;
            if (c1 < lo || c1 > hi) {
                return i - off;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i - off;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    /**
     * Decodes {@code b} strictly. {@code address} is the guest address of {@code b[0]}, used only
     * for the error message.
     *
     * @throws MalformedStringException at the first malformed or unmappable input byte
     */
    public static String decode(byte[] b, Charset cs, long address) {
        if (cs.equals(StandardCharsets.UTF_8)) {
            int bad = invalidUtf8Index(b, 0, b.length);
            if (bad >= 0) {
                throw decodeError(cs, bad, address);
            }
            return new String(b, StandardCharsets.UTF_8);
        }
        CharsetDecoder dec = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
                (long) Math.ceil(b.length * (double) dec.maxCharsPerByte()) + 4));
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            throw decodeError(cs, in.position(), address);
        }
        if (r.isOverflow()) { // cannot happen with the size above; fall back rather than truncate
            try {
                return dec.reset().decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw decodeError(cs, 0, address);
            }
        }
        return out.flip().toString();
    }

    private static MalformedStringException decodeError(Charset cs, long index, long address) {
        return new MalformedStringException(String.format(Locale.ROOT,
                "invalid %s at byte %d (address 0x%x)", cs.name().toLowerCase(Locale.ROOT), index,
                address + index), index, address + index);
    }

    /**
     * Encodes {@code s} strictly: an unpaired surrogate (or, for other charsets, an unmappable
     * character) is an error instead of a silent {@code '?'}.
     *
     * @param address the guest address the bytes are meant for, for the error message
     * @throws MalformedStringException naming the offending char index
     */
    public static byte[] encode(String s, Charset cs, long address) {
        if (cs.equals(StandardCharsets.UTF_8) || cs.equals(StandardCharsets.UTF_16LE)) {
            int bad = unpairedSurrogateIndex(s);
            if (bad >= 0) {
                throw new MalformedStringException(String.format(Locale.ROOT,
                        "unpaired surrogate at char %d of host string (for address 0x%x)", bad, address),
                        bad, address);
            }
            return s.getBytes(cs);
        }
        CharsetEncoder enc = cs.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(s);
        try {
            ByteBuffer out = enc.encode(in);
            byte[] r = new byte[out.remaining()];
            out.get(r);
            return r;
        } catch (CharacterCodingException e) {
            int bad = firstUnencodable(s, cs);
            throw new MalformedStringException(String.format(Locale.ROOT,
                    "cannot encode char %d of host string as %s (for address 0x%x)", bad,
                    cs.name().toLowerCase(Locale.ROOT), address), bad, address);
        }
    }

    private static int firstUnencodable(String s, Charset cs) {
        CharsetEncoder enc = cs.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(s);
        ByteBuffer out = ByteBuffer.allocate(64);
        while (true) {
            CoderResult r = enc.encode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return s.length();
        }
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1. */
    public static int unpairedSurrogateIndex(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes UTF-16LE code units as-is. Lone surrogates are kept, not rejected: AssemblyScript and
     * JavaScript strings may legally contain them, and a Java {@code String} can represent them.
     */
    public static String decodeUtf16LeLenient(byte[] b) {
        char[] chars = new char[b.length >>> 1];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8);
        }
        return new String(chars);
    }

    /** Encodes every UTF-16 code unit of {@code s} little-endian, lone surrogates included. */
    public static byte[] encodeUtf16LeLenient(String s) {
        byte[] b = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[2 * i] = (byte) c;
            b[2 * i + 1] = (byte) (c >>> 8);
        }
        return b;
    }
}
