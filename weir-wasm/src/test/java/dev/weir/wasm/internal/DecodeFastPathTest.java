package dev.weir.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decoder's fast paths (unrolled LEB128s in {@link ByteReader}, the byte-level skipper in
 * {@link BodyWalker}) must behave exactly like the general code: same values, same positions,
 * same error messages at the same offsets. Each is compared with a straightforward reference.
 */
class DecodeFastPathTest {

    // ---------------------------------------------------------------- LEB128

    /** Spec 5.2.2 decoded the plain way: value, or the reader's error text and offset. */
    private static String referenceLeb(byte[] b, int limit, int bits, boolean signed) {
        long result = 0;
        int shift = 0;
        int pos = 0;
        while (true) {
            if (pos >= limit) {
                return "error unexpected end of section or function @" + pos;
            }
            int start = pos;
            int x = b[pos++] & 0xFF;
            int n = bits - shift;
            if (n < 7) {
                if (signed) {
                    int mask = (-1 << (n - 1)) & 0x7F;
                    if ((x & mask) != 0 && (x & mask) != mask) {
                        return "error integer too large @" + start;
                    }
                } else if ((x & 0x7F) >= (1 << n)) {
                    return "error integer too large @" + start;
                }
            }
            result |= (long) (x & 0x7F) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                if (signed && shift < 64 && (x & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result + " @" + pos;
            }
            if (shift >= bits) {
                return "error integer representation too long @" + pos;
            }
        }
    }

    private static String actual(byte[] b, int limit, ToLongFunction<ByteReader> read) {
        ByteReader r = new ByteReader(b, 0, limit, 0);
        try {
            long v = read.applyAsLong(r);
            return v + " @" + r.pos();
        } catch (MalformedModuleException e) {
            return "error " + e.reason() + " @" + e.offset();
        }
    }

    private static void compareAllLebs(byte[] b) {
        for (int limit = 0; limit <= b.length; limit++) {
            String where = hex(b) + " limit " + limit;
            assertEquals(signExtend32(referenceLeb(b, limit, 32, false)), actual(b, limit, r -> r.u32()), "u32 " + where);
            assertEquals(signExtend32(referenceLeb(b, limit, 32, true)), actual(b, limit, r -> r.s32()), "s32 " + where);
            assertEquals(referenceLeb(b, limit, 33, true), actual(b, limit, ByteReader::s33), "s33 " + where);
            assertEquals(referenceLeb(b, limit, 64, true), actual(b, limit, ByteReader::s64), "s64 " + where);
            assertEquals(referenceLeb(b, limit, 64, false), actual(b, limit, ByteReader::u64), "u64 " + where);
        }
    }

    /** u32()/s32() return int bits: the reference's long value cast to int. */
    private static String signExtend32(String ref) {
        if (ref.startsWith("error")) {
            return ref;
        }
        int at = ref.indexOf(' ');
        return (int) Long.parseLong(ref.substring(0, at)) + ref.substring(at);
    }

    @Test
    void lebFastPathsMatchTheReference() {
        // Every one- and two-byte sequence, then 5- and 6-byte forms around the last-byte checks.
        for (int a = 0; a < 256; a++) {
            compareAllLebs(new byte[] {(byte) a});
            for (int c = 0; c < 256 && a >= 0x80; c++) { // a second byte only counts after a continuation
                compareAllLebs(new byte[] {(byte) a, (byte) c});
            }
        }
        int[] prefixes = {0x80, 0xFF, 0xC0, 0x81};
        for (int p : prefixes) {
            for (int last = 0; last < 256; last++) {
                compareAllLebs(new byte[] {(byte) p, (byte) p, (byte) p, (byte) p, (byte) last, 0x00});
                compareAllLebs(new byte[] {(byte) p, (byte) 0xFF, (byte) last, 0x00, 0x00});
            }
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[1 + rnd.nextInt(11)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (k < b.length - 1 && rnd.nextInt(4) > 0 ? 0x80 | rnd.nextInt(128) : rnd.nextInt(256));
            }
            compareAllLebs(b);
        }
    }

    // ---------------------------------------------------------------- BodyWalker

    /** The walk as it was before the fast path: every instruction through InstructionReader. */
    private static final class ReferenceWalker {
        boolean usesDataIndex;

        int walk(byte[] code, int start, int limit) {
            InstructionReader r = new InstructionReader(code, start, limit, start);
            List<Opcode> stack = new ArrayList<>();
            while (true) {
                if (!r.hasNext()) {
                    throw new MalformedModuleException(ByteReader.UNEXPECTED_END, limit);
                }
                Opcode op = r.next();
                Opcode top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
                switch (op) {
                    case BLOCK: case LOOP: case TRY_TABLE: case IF: case TRY:
                        stack.add(op);
                        break;
                    case ELSE:
                        check(r, top == Opcode.IF);
                        stack.set(stack.size() - 1, Opcode.ELSE);
                        break;
                    case CATCH:
                        check(r, top == Opcode.TRY || top == Opcode.CATCH);
                        stack.set(stack.size() - 1, Opcode.CATCH);
                        break;
                    case CATCH_ALL:
                        check(r, top == Opcode.TRY || top == Opcode.CATCH);
                        stack.set(stack.size() - 1, Opcode.CATCH_ALL);
                        break;
                    case DELEGATE:
                        check(r, top == Opcode.TRY);
                        stack.remove(stack.size() - 1);
                        break;
                    case END:
                        if (stack.isEmpty()) {
                            return r.position();
                        }
                        stack.remove(stack.size() - 1);
                        break;
                    case MEMORY_INIT: case DATA_DROP: case ARRAY_NEW_DATA: case ARRAY_INIT_DATA:
                        usesDataIndex = true;
                        break;
                    default:
                        break;
                }
            }
        }

        private static void check(InstructionReader r, boolean ok) {
            if (!ok) {
                throw new MalformedModuleException("END opcode expected", r.offset());
            }
        }
    }

    private static String outcome(byte[] code, boolean fast) {
        try {
            if (fast) {
                BodyWalker w = new BodyWalker();
                return w.walk(code, 0, code.length) + " data=" + w.usesDataIndex();
            }
            ReferenceWalker w = new ReferenceWalker();
            return w.walk(code, 0, code.length) + " data=" + w.usesDataIndex;
        } catch (MalformedModuleException e) {
            return "error " + e.reason() + " @" + e.offset();
        }
    }

    /** Instruction fragments chosen to hit every fast-path kind and the edges around it. */
    private static final int[][] FRAGMENTS = {
        {0x01}, {0x0B}, {0x05}, {0x1A}, {0x6A}, {0x02, 0x40}, {0x03, 0x7F}, {0x04, 0x40}, {0x04, 0x7B},
        {0x02, 0x00}, {0x02, 0x6F}, {0x02, 0x63, 0x70}, {0x06, 0x40}, {0x07, 0x00}, {0x19}, {0x18, 0x00},
        {0x1F, 0x40, 0x01, 0x02, 0x00}, {0x20, 0x00}, {0x20, 0x80, 0x80, 0x80, 0x80, 0x00},
        {0x10, 0x85, 0x80, 0x80, 0x80, 0x00}, {0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, {0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F},
        {0x23, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, {0x41, 0x7F}, {0x41, 0x80, 0x80, 0x80, 0x80, 0x78},
        {0x41, 0x80, 0x80, 0x80, 0x80, 0x70}, {0x41, 0xC0, 0xBB, 0x78}, {0x42, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00},
        {0x42, 0x80, 0x80}, {0x43, 0, 0, 0x80, 0x3F}, {0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F},
        {0x28, 0x02, 0x00}, {0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10}, {0x36, 0x40, 0x01, 0x04}, {0x29, 0x43, 0x00},
        {0x28, 0x82, 0x00, 0x00}, {0x11, 0x00, 0x00}, {0x11, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00},
        {0x0E, 0x02, 0x00, 0x01, 0x00}, {0x0E, 0x00, 0x80, 0x80, 0x80, 0x80, 0x00}, {0x0E, 0x7F, 0x00},
        {0x0E, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00}, {0x0C, 0x00}, {0x0D, 0x01}, {0x1C, 0x01, 0x7F}, {0xD0, 0x70},
        {0xFC, 0x08, 0x00, 0x00}, {0xFC, 0x09, 0x00}, {0xFC, 0x0A, 0x00, 0x00}, {0xFD, 0x0C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
        {0xFE, 0x03, 0x00}, {0xFB, 0x09, 0x00, 0x00}, {0x27}, {0xFF}, {0x80},
    };

    private static void compareWalks(byte[] code) {
        assertEquals(outcome(code, false), outcome(code, true), () -> hex(code));
    }

    @Test
    void bodyWalkerMatchesTheReferenceOnFragments() {
        Random rnd = new Random(11);
        for (int i = 0; i < 6_000; i++) {
            List<Byte> b = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int k = 0; k < n; k++) {
                for (int x : FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]) {
                    b.add((byte) x);
                }
            }
            int ends = rnd.nextInt(4);
            for (int k = 0; k < ends; k++) {
                b.add((byte) 0x0B);
            }
            byte[] code = new byte[b.size()];
            for (int k = 0; k < code.length; k++) {
                code[k] = b.get(k);
            }
            compareWalks(code);
            // Every truncation too: the fast path must hand truncated immediates to the reader.
            for (int len = 0; len < code.length; len++) {
                compareWalks(java.util.Arrays.copyOf(code, len));
            }
        }
    }

    @Test
    void bodyWalkerMatchesTheReferenceOnMutatedExampleBodies() throws IOException {
        Path dir = Path.of("../examples/wasm");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no example modules in " + dir.toAbsolutePath());
        Random rnd = new Random(3);
        int bodies = 0;
        for (Path f : files) {
            WasmModule m = WasmDecoder.decode(Files.readAllBytes(f));
            for (FunctionBody body : m.code()) {
                byte[] code = body.code().bytes();
                compareWalks(code);
                bodies++;
                for (int i = 0; i < 20; i++) {
                    byte[] mutated = code.clone();
                    int at = rnd.nextInt(mutated.length);
                    mutated[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (mutated[at] ^ 0x80);
                    compareWalks(mutated);
                    compareWalks(java.util.Arrays.copyOf(code, rnd.nextInt(code.length)));
                }
            }
        }
        assertTrue(bodies > 10, "only " + bodies + " bodies");
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xFF));
        }
        return sb.toString().trim();
    }
}
