package dev.weir.bench.micro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Memory;
import dev.weir.Module;
import dev.weir.Trap;
import dev.weir.bench.micro.OnceRunner.Run;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every micro benchmark method runs once for every parameter combination (see {@link OnceRunner})
 * and its result is checked, so the benchmarks cannot rot. No timing is measured or asserted.
 * Combinations with {@code engine=compiler} are left out when weir-compiler is not on the test
 * class path, and {@code module=large} when there is no bench corpus; both say so on stdout.
 */
class MicroBenchmarksSmokeTest {
    private static final boolean COMPILER = MicroModules.compilerAvailable();

    private static Predicate<Map<String, String>> skipUnavailable(String what) {
        if (!COMPILER) {
            System.out.println(what + ": engine=compiler skipped, weir-compiler is not on the test class path");
        }
        return p -> !COMPILER && MicroModules.COMPILER.equals(p.get("engine"));
    }

    private static int engines() {
        return COMPILER ? 2 : 1;
    }

    // ------------------------------------------------------------------ calls

    @Test
    void callOverheadResults() throws Exception {
        List<Run> runs = OnceRunner.runAll(CallOverheadBenchmark.class, skipUnavailable("CallOverheadBenchmark"));
        Map<String, Long> expected = new HashMap<>();
        for (String rt : new String[] {"weir", "chicory"}) {
            expected.put(rt + "I32_0", 7L);
            expected.put(rt + "I64_0", 7L);
            expected.put(rt + "I32_4", 10L);
            expected.put(rt + "I64_4", 10L);
            expected.put(rt + "I32_16", 136L);
            expected.put(rt + "I64_16", 136L);
            expected.put(rt + "HostLoop", (long) CallOverheadBenchmark.LOOP);
            expected.put(rt + "GuestLoop", (long) CallOverheadBenchmark.LOOP);
        }
        expected.put("weirSlots16", 136L);
        for (Run r : runs) {
            Long want = expected.get(r.method());
            assertNotNull(want, "no expected value for " + r);
            assertEquals(want.longValue(), ((Number) r.result()).longValue(), r.toString());
        }
        // 9 Weir methods per engine, 8 Chicory methods per Chicory machine.
        assertEquals(9 * engines() + 8 * 2, runs.size(), OnceRunner.describe(runs));
    }

    @Test
    void compilerEngineIsRealOrRefused() {
        if (COMPILER) {
            Module m = MicroModules.engine(MicroModules.COMPILER).compile(MicroModules.CALLS);
            assertTrue(m.isCompiled());
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> MicroModules.engine(MicroModules.COMPILER));
            assertTrue(e.getMessage().contains("weir-compiler"), e.getMessage());
        }
        assertFalse(MicroModules.engine(MicroModules.INTERPRETER).compilerEnabled());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> MicroModules.engine("jit"));
        assertTrue(bad.getMessage().contains("unknown engine \"jit\""), bad.getMessage());
    }

    // ------------------------------------------------------------------ host-side memory access

    /** The bytes a fresh {@link MemoryAccessBenchmark.Mem} holds from its base address. */
    private static ByteBuffer pattern() {
        ByteBuffer b = ByteBuffer.allocate(2 * MemoryAccessBenchmark.REGION).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) MemoryAccessBenchmark.pattern(i));
        }
        return b;
    }

    @Test
    void memoryReadsSeeThePatternAndLoopsAgreeWithByteBuffer() throws Exception {
        List<Run> runs = OnceRunner.runAll(MemoryAccessBenchmark.class, p -> false);
        ByteBuffer p = pattern();
        Map<String, Object> want = new HashMap<>();
        want.put("readI8", p.get(3));
        want.put("readI16", p.getShort(6));
        want.put("readI32", p.getInt(12));
        want.put("readI64", p.getLong(24));
        want.put("readF32", p.getFloat(12));
        want.put("readF64", p.getDouble(24));
        int n = MemoryAccessBenchmark.REGION;
        int i8 = 0;
        int i16 = 0;
        int i32 = 0;
        long i64 = 0;
        float f32 = 0;
        double f64 = 0;
        for (int i = 0; i < n; i++) {
            i8 += p.get(i);
            i16 += i % 2 == 0 ? p.getShort(i) : 0;
            i32 += i % 4 == 0 ? p.getInt(i) : 0;
            i64 += i % 8 == 0 ? p.getLong(i) : 0;
            f32 += i % 4 == 0 ? p.getFloat(i) : 0;
            f64 += i % 8 == 0 ? p.getDouble(i) : 0;
        }
        want.put("loopReadI8", i8);
        want.put("loopReadI16", i16);
        want.put("loopReadI32", i32);
        want.put("loopReadI64", i64);
        want.put("loopReadF32", f32);
        want.put("loopReadF64", f64);
        want.put("bufferLoopReadI8", i8);
        want.put("bufferLoopReadI32", i32);
        want.put("bufferLoopReadI64", i64);
        int checked = 0;
        for (Run r : runs) {
            if (want.containsKey(r.method())) {
                assertEquals(want.get(r.method()), r.result(), r.toString());
                checked++;
            }
        }
        assertEquals(want.size(), checked);
        assertEquals(29, runs.size(), OnceRunner.describe(runs));
    }

    @Test
    void memoryWritesLandWhereExpected() {
        MemoryAccessBenchmark b = new MemoryAccessBenchmark();
        MemoryAccessBenchmark.Mem s = new MemoryAccessBenchmark.Mem();
        s.setUp();
        Memory m = s.memory;
        long base = s.base;
        b.writeI8(s);
        b.writeI16(s);
        assertEquals(0x5A, m.readByte(base + 3));
        assertEquals(0x5A5A, m.readShort(base + 6));
        b.writeI32(s);
        assertEquals(0x5A5A5A5A, m.readInt(base + 12));
        b.writeI64(s);
        assertEquals(0x5A5A5A5A5A5A5A5AL, m.readLong(base + 24));
        b.writeF32(s);
        assertEquals(1.5f, m.readFloat(base + 12));
        b.writeF64(s);
        assertEquals(1.5, m.readDouble(base + 24));

        b.loopWriteI8(s);
        assertEquals((byte) 4095, m.readByte(base + 4095));
        b.loopWriteI16(s);
        assertEquals(4094, m.readShort(base + 4094));
        b.loopWriteI32(s);
        assertEquals(4092, m.readInt(base + 4092));
        b.loopWriteI64(s);
        assertEquals(4088L, m.readLong(base + 4088));
        b.loopWriteF32(s);
        assertEquals(4092f, m.readFloat(base + 4092));
        b.loopWriteF64(s);
        assertEquals(4088.0, m.readDouble(base + 4088));
        b.bufferLoopWriteI32(s);
        assertEquals(4092, s.buffer.getInt(s.bufferBase + 4092));
        b.bufferLoopWriteI64(s);
        assertEquals(4088L, s.buffer.getLong(s.bufferBase + 4088));
        // Nothing past the region was touched.
        assertEquals((byte) MemoryAccessBenchmark.pattern(4096), m.readByte(base + 4096));
    }

    @Test
    void bulkCopiesMoveTheBytes() throws Exception {
        List<Run> runs = OnceRunner.runAll(MemoryBulkBenchmark.class, p -> false);
        assertEquals(6 * 3, runs.size());
        for (Run r : runs) {
            int size = Integer.parseInt(r.params().get("size"));
            byte[] src = new byte[size];
            for (int i = 0; i < size; i++) {
                src[i] = (byte) MemoryAccessBenchmark.pattern(i);
            }
            Object res = r.result();
            byte[] got;
            if (res instanceof Memory) {
                Memory m = (Memory) res;
                long at = r.method().equals("copyWithin") ? MemoryBulkBenchmark.SECOND : 0;
                got = m.readBytes(at, size);
            } else if (res instanceof ByteBuffer) {
                ByteBuffer bb = (ByteBuffer) res;
                assertEquals(size, bb.position(), r.toString());
                got = java.util.Arrays.copyOf(bb.array(), size);
            } else {
                got = (byte[]) res;
            }
            assertArrayEquals(src, got, r.toString());
        }
    }

    // ------------------------------------------------------------------ guest-side memory access

    @Test
    void guestLoopsComputeTheSameOnEveryEngine() throws Exception {
        List<Run> runs = OnceRunner.runAll(GuestMemoryBenchmark.class, skipUnavailable("GuestMemoryBenchmark"));
        assertEquals(4 * engines() + 4 * 2, runs.size(), OnceRunner.describe(runs));
        for (Run r : runs) {
            String fn = r.params().get("fn");
            assertEquals(GuestMemoryBenchmark.expected(fn), ((Number) r.result()).longValue(), r.toString());
        }
        // The expectations are not vacuous.
        assertEquals(GuestMemoryBenchmark.BASE + GuestMemoryBenchmark.REGION, GuestMemoryBenchmark.expected("fill_i32"));
        assertTrue(GuestMemoryBenchmark.expected("sum_u8") > 0);
    }

    // ------------------------------------------------------------------ strings

    @Test
    void stringRoundTripsReturnTheStringAndFreeEverything() throws Exception {
        List<Run> runs = OnceRunner.runAll(StringRoundTripBenchmark.class, skipUnavailable("StringRoundTripBenchmark"));
        assertEquals(4 * 3 * engines(), runs.size(), OnceRunner.describe(runs));
        for (Run r : runs) {
            String text = StringRoundTripBenchmark.text(Integer.parseInt(r.params().get("size")));
            switch (r.method()) {
                case "copyIn":
                    assertTrue(((Integer) r.result()) > 0, r.toString());
                    break;
                case "upperRoundTrip":
                    assertEquals(text.toUpperCase(Locale.ROOT), r.result(), r.toString());
                    break;
                default:
                    assertEquals(text, r.result(), r.toString());
            }
        }
    }

    @Test
    void stringStateLeavesOnlyItsResidentString() {
        StringRoundTripBenchmark.Strings s = new StringRoundTripBenchmark.Strings();
        s.engine = MicroModules.INTERPRETER;
        s.size = 1024;
        s.setUp();
        StringRoundTripBenchmark b = new StringRoundTripBenchmark();
        for (int i = 0; i < 3; i++) {
            b.copyIn(s);
            b.upperRoundTrip(s);
        }
        assertEquals(1, s.heap.liveAllocations().size(), s.heap.liveAllocations().toString());
        s.tearDown();
        assertTrue(s.heap.liveAllocations().isEmpty(), s.heap.liveAllocations().toString());
        assertEquals(1024, StringRoundTripBenchmark.text(1024).length());
    }

    // ------------------------------------------------------------------ instantiation

    @Test
    void instantiationCompilesAndInstantiates() throws Exception {
        boolean corpus = InstantiationBenchmark.largestSightglass().isPresent();
        if (!corpus) {
            System.out.println("InstantiationBenchmark: module=large skipped, no bench corpus (set BENCH_CORPUS_DIR)");
        }
        Predicate<Map<String, String>> skip = skipUnavailable("InstantiationBenchmark")
                .or(p -> !corpus && InstantiationBenchmark.LARGE.equals(p.get("module")));
        List<Run> runs = OnceRunner.runAll(InstantiationBenchmark.class, skip);
        assertEquals(3 * engines() * (corpus ? 2 : 1), runs.size(), OnceRunner.describe(runs));
        for (Run r : runs) {
            boolean compiler = MicroModules.COMPILER.equals(r.params().get("engine"));
            if (r.result() instanceof Module) {
                assertEquals(compiler, ((Module) r.result()).isCompiled(), r.toString());
            } else {
                Instance in = (Instance) r.result();
                assertFalse(in.exports().isEmpty(), r.toString());
                if (r.params().get("module").equals(InstantiationBenchmark.SMALL)) {
                    assertEquals(6765, in.func("fib").callInt(20), r.toString());
                }
            }
        }
    }

    @Test
    void missingCorpusIsAClearSetupFailure() {
        String old = System.getProperty("bench.corpus.dir");
        if (System.getenv("BENCH_CORPUS_DIR") != null && !System.getenv("BENCH_CORPUS_DIR").isBlank()) {
            return; // the environment wins over the property; nothing to simulate
        }
        System.setProperty("bench.corpus.dir", "/nonexistent/weir-corpus");
        try {
            InstantiationBenchmark.Modules s = new InstantiationBenchmark.Modules();
            s.module = InstantiationBenchmark.LARGE;
            s.engine = MicroModules.INTERPRETER;
            IllegalStateException e = assertThrows(IllegalStateException.class, s::setUp);
            assertTrue(e.getMessage().contains("BENCH_CORPUS_DIR"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("bench.corpus.dir");
            } else {
                System.setProperty("bench.corpus.dir", old);
            }
        }
    }

    @Test
    void stubImportsTrapWhenCalled() {
        Engine e = Engine.create();
        Module m = e.compile(MicroModules.CALLS);
        Instance in = InstantiationBenchmark.stubLinker(m).instantiate(e.newStore(), m);
        assertEquals(7, in.func("i32_0").callInt());
        Trap t = assertThrows(Trap.class, () -> in.func("call_host_loop").callInt(1));
        assertInstanceOf(UnsupportedOperationException.class, t.getCause());
        assertTrue(t.getCause().getMessage().contains("env.inc"), t.getCause().getMessage());
    }
}
