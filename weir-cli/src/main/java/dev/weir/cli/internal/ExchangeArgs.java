package dev.weir.cli.internal;

import dev.weir.Value;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.ResultConvention;
import dev.weir.wasm.ValType;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The {@code weir run --invoke} exchange arguments ({@code --string}, {@code --bytes},
 * {@code --ints}) and result reading ({@code --returns}, {@code --ret-convention}). Parsing and
 * validation happen before instantiation (usage errors); copying into the guest goes through
 * weir-exchange's {@link GuestHeap}, which allocates with the guest's own allocator and frees
 * every block exactly once.
 */
public final class ExchangeArgs {
    private ExchangeArgs() {
    }

    /** What an exchange argument holds. */
    public enum Kind {
        STRING("--string"), BYTES("--bytes"), INTS("--ints");

        public final String option;

        Kind(String option) {
            this.option = option;
        }
    }

    /** One exchange argument as given on the command line; {@link #parse} checks its syntax. */
    public record Arg(Kind kind, String text) {
    }

    /** How the result is printed. */
    public enum Returns { STRING, BYTES, INTS }

    /** Parses {@code --returns}: string, bytes, int or ints. */
    public static Returns returns(String text) {
        switch (text) {
            case "string":
                return Returns.STRING;
            case "bytes":
                return Returns.BYTES;
            case "int":
            case "ints":
                return Returns.INTS;
            default:
                throw new IllegalArgumentException("--returns expects string, bytes or int, got '" + text + "'");
        }
    }

    /**
     * Parses {@code --ret-convention}. {@code same} is the seed's {@code upper}: the result has the
     * byte length of the last exchange argument ({@code lastInputLength}; -1 if there is none).
     */
    public static ResultConvention convention(String text, int lastInputLength) {
        switch (text) {
            case "packed":
                return ResultConvention.packed();
            case "outptr":
                return ResultConvention.outPointer();
            case "pair":
                return ResultConvention.pair();
            case "nul":
                return ResultConvention.nulTerminated();
            case "prefixed":
                return ResultConvention.lengthPrefixed();
            case "same":
                if (lastInputLength < 0) {
                    throw new IllegalArgumentException("--ret-convention same needs a --string, --bytes or --ints argument"
                            + " (the result has its length)");
                }
                return ResultConvention.explicitLength(lastInputLength);
            default:
                if (text.startsWith("len=")) {
                    int n;
                    try {
                        n = Integer.parseInt(text.substring(4));
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        throw new IllegalArgumentException("--ret-convention len=N expects a byte count N >= 0, got '"
                                + text + "'");
                    }
                    return ResultConvention.explicitLength(n);
                }
                throw new IllegalArgumentException("--ret-convention expects packed, outptr, pair, len=N, same, nul or"
                        + " prefixed, got '" + text + "'");
        }
    }

    /** Whether {@code text} is a convention that passes an extra (out-pointer) parameter. */
    public static int extraParams(String convention) {
        return "outptr".equals(convention) ? 1 : 0;
    }

    /** The convention implied by the result types when --ret-convention is absent, or null if none is. */
    public static String inferConvention(List<ValType> results) {
        if (results.size() == 1 && results.get(0).equals(ValType.I64)) {
            return "packed";
        }
        if (results.size() == 2 && results.get(0).equals(ValType.I32) && results.get(1).equals(ValType.I32)) {
            return "pair";
        }
        return null;
    }

    /** The bytes an argument copies into the guest: UTF-8 (or the guest's charset) text, bytes, or LE i32s. */
    public static byte[] encode(Arg a, Charset stringCharset) {
        switch (a.kind()) {
            case STRING:
                return a.text().getBytes(stringCharset);
            case BYTES: {
                long[] v = numbers(a, -128, 255);
                byte[] b = new byte[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = (byte) v[i];
                }
                return b;
            }
            default: {
                long[] v = numbers(a, Integer.MIN_VALUE, 0xFFFF_FFFFL);
                byte[] b = new byte[v.length * 4];
                for (int i = 0; i < v.length; i++) {
                    int x = (int) v[i];
                    b[4 * i] = (byte) x;
                    b[4 * i + 1] = (byte) (x >>> 8);
                    b[4 * i + 2] = (byte) (x >>> 16);
                    b[4 * i + 3] = (byte) (x >>> 24);
                }
                return b;
            }
        }
    }

    /** Checks the syntax of a --bytes/--ints list (so errors are usage errors before anything runs). */
    public static void check(Arg a) {
        if (a.kind() != Kind.STRING) {
            encode(a, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static long[] numbers(Arg a, long min, long max) {
        String t = a.text().trim();
        if (t.isEmpty()) {
            return new long[0]; // `--bytes ""`: an empty array (ptr may be the allocator's dangling 1)
        }
        String[] parts = t.split(",", -1);
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                boolean neg = p.startsWith("-");
                String digits = neg ? p.substring(1) : p;
                long x = digits.startsWith("0x") || digits.startsWith("0X")
                        ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
                v[i] = neg ? -x : x;
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(a.kind().option + ": element " + (i + 1) + " '" + p
                        + "' is not a number (expected a comma-separated list such as 1,2,3)");
            }
            if (v[i] < min || v[i] > max) {
                throw new IllegalArgumentException(a.kind().option + ": element " + (i + 1) + " (" + p + ") is out of range "
                        + min + ".." + max);
            }
        }
        return v;
    }

    /** A plain argument as a raw slot (VALUES.md); references and v128 are rejected by the caller. */
    public static long slot(Value v) {
        switch (v.type().kind()) {
            case I32:
                return v.i32();
            case I64:
                return v.i64();
            case F32:
                return v.f32Bits();
            case F64:
                return v.f64Bits();
            default:
                throw new IllegalArgumentException("a " + v.type() + " argument cannot be combined with --returns");
        }
    }

    /** Formats a result read back from the guest, then the caller closes (frees) the buffer. */
    public static String format(GuestBuffer r, Returns returns, Charset stringCharset) {
        switch (returns) {
            case STRING:
                return r.readString(stringCharset);
            case BYTES: {
                StringJoiner j = new StringJoiner(",");
                for (byte b : r.toByteArray()) {
                    j.add(Integer.toString(b & 0xFF));
                }
                return j.toString();
            }
            default: {
                if (r.length() % 4 != 0) {
                    throw new IllegalArgumentException("--returns int: the result has " + r.length()
                            + " bytes, not a whole number of i32 elements");
                }
                StringJoiner j = new StringJoiner(",");
                for (int i = 0; i < r.length(); i += 4) {
                    j.add(Integer.toString(r.readInt(i)));
                }
                return j.toString();
            }
        }
    }

    /** Copies every exchange argument into the guest, in order; on failure frees what was copied. */
    public static List<GuestBuffer> copyIn(GuestHeap heap, List<Arg> args, Charset stringCharset) {
        List<GuestBuffer> bufs = new ArrayList<>(args.size());
        try {
            for (Arg a : args) {
                bufs.add(heap.copyIn(encode(a, stringCharset)));
            }
            return bufs;
        } catch (RuntimeException e) {
            closeAll(bufs, e);
            throw e;
        }
    }

    /** Frees every buffer; a failure is added to {@code primary} when there is one, else rethrown. */
    public static void closeAll(List<GuestBuffer> bufs, Throwable primary) {
        RuntimeException first = null;
        for (GuestBuffer b : bufs) {
            try {
                b.close();
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
