package dev.weir.exchange.internal;

import dev.weir.MalformedStringException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Strict host-string encoding: the JDK's {@code String.getBytes} silently replaces what it cannot
 * encode with {@code '?'}, which would hand the guest different text than the caller passed. Here
 * an unpaired surrogate (UTF-8) or an unmappable char (Latin-1, ASCII) is a
 * {@link MalformedStringException} naming the char index. UTF-16LE keeps lone surrogates, as
 * JavaScript and AssemblyScript strings allow them.
 */
public final class StringCodec {
    private StringCodec() {
    }

    public static byte[] encode(String s, Charset cs) {
        if (cs.equals(StandardCharsets.UTF_8)) {
            int bad = unpairedSurrogate(s);
            if (bad >= 0) {
                throw new MalformedStringException(String.format(Locale.ROOT,
                        "host string has an unpaired surrogate U+%04X at char %d: not encodable as UTF-8",
                        (int) s.charAt(bad), bad), bad, -1);
            }
            return s.getBytes(StandardCharsets.UTF_8); // exact now: the JDK's fast intrinsic path
        }
        if (cs.equals(StandardCharsets.UTF_16LE)) {
            byte[] b = new byte[Math.multiplyExact(s.length(), 2)];
            for (int i = 0, j = 0; i < s.length(); i++, j += 2) {
                char c = s.charAt(i);
                b[j] = (byte) c;
                b[j + 1] = (byte) (c >>> 8);
            }
            return b;
        }
        if (cs.equals(StandardCharsets.ISO_8859_1) || cs.equals(StandardCharsets.US_ASCII)) {
            int max = cs.equals(StandardCharsets.US_ASCII) ? 0x7F : 0xFF;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > max) {
                    throw unmappable(s, i, cs);
                }
            }
            return s.getBytes(cs);
        }
        CharsetEncoder enc = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(s);
        try {
            ByteBuffer out = enc.encode(in);
            byte[] b = new byte[out.remaining()];
            out.get(b);
            return b;
        } catch (CharacterCodingException e) {
            throw unmappable(s, in.position(), cs);
        }
    }

    private static MalformedStringException unmappable(String s, int i, Charset cs) {
        int c = i < s.length() ? s.charAt(i) : 0;
        return new MalformedStringException(String.format(Locale.ROOT,
                "host string char U+%04X at index %d cannot be encoded in %s", c, i, cs.name()), i, -1);
    }

    /** Index of the first unpaired surrogate, or -1. */
    public static int unpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
