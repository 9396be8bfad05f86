package dev.weir.bench.micro;

import com.dylibso.chicory.runtime.ExportFunction;
import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guest-side loads and stores: one call of a {@link MicroModules#MEMORY} loop over {@value #REGION}
 * bytes ({@code sum_u8}, {@code sum_i32}, {@code sum_i64}, {@code fill_i32}), microseconds per
 * call, on Weir's interpreter and compiler and on Chicory 1.6.0's interpreter and compiler. Per access, divide by
 * {@value #REGION} / element size (65536 / 16384 / 8192 / 16384).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuestMemoryBenchmark {
    /** Bytes swept per call. */
    public static final int REGION = 65536;
    /** Start of the swept region (not 0, so a wrong base shows in the results). */
    public static final int BASE = 4096;

    /** What each function returns after the setup's fill of {@code [BASE, BASE + REGION)}. */
    static long expected(String fn) {
        switch (fn) {
            case "sum_u8": {
                int acc = 0;
                for (int i = 0; i < REGION; i++) {
                    acc += MemoryAccessBenchmark.pattern(i);
                }
                return acc;
            }
            case "sum_i32": {
                // fill_i32 left each word holding its own address.
                int acc = 0;
                for (int a = BASE; a < BASE + REGION; a += 4) {
                    acc += a;
                }
                return acc;
            }
            case "sum_i64": {
                // Each i64 is (a + 4) << 32 | a; carries only move up, so the wrapped low half of
                // the sum is the sum of the low halves.
                long acc = 0;
                for (int a = BASE; a < BASE + REGION; a += 8) {
                    acc += ((long) (a + 4) << 32) | a;
                }
                return (int) acc;
            }
            case "fill_i32":
                return BASE + REGION;
            default:
                throw new IllegalArgumentException("unknown function " + fn);
        }
    }

    /** Fills the region the way the benchmark expects: bytes for sum_u8, else fill_i32's pattern. */
    static void prepare(Memory m, String fn) {
        for (int i = 0; i < REGION; i++) {
            m.writeByte(BASE + i, MemoryAccessBenchmark.pattern(i));
        }
        if (!fn.equals("sum_u8")) {
            for (int a = BASE; a < BASE + REGION; a += 4) {
                m.writeInt(a, a);
            }
        }
    }

    @State(Scope.Thread)
    public static class Weir {
        @Param({MicroModules.INTERPRETER, MicroModules.COMPILER})
        public String engine;

        @Param({"sum_u8", "sum_i32", "sum_i64", "fill_i32"})
        public String fn;

        Func f;

        @Setup
        public void setUp() {
            Engine e = MicroModules.engine(engine);
            Instance in = new Linker().instantiate(e.newStore(), e.compile(MicroModules.MEMORY));
            prepare(in.memory("memory"), fn);
            f = in.func(fn);
            CallOverheadBenchmark.check(engine + " " + fn, expected(fn), new GuestMemoryBenchmark().weir(this));
        }
    }

    @State(Scope.Thread)
    public static class Chicory {
        @Param({MicroModules.INTERPRETER, MicroModules.COMPILER})
        public String machine;

        @Param({"sum_u8", "sum_i32", "sum_i64", "fill_i32"})
        public String fn;

        ExportFunction f;
        long[] args;

        @Setup
        public void setUp() {
            com.dylibso.chicory.runtime.Instance in = MicroModules.chicory(MicroModules.MEMORY, machine, null);
            com.dylibso.chicory.runtime.Memory m = in.memory();
            for (int i = 0; i < REGION; i++) {
                m.writeByte(BASE + i, (byte) MemoryAccessBenchmark.pattern(i));
            }
            if (!fn.equals("sum_u8")) {
                for (int a = BASE; a < BASE + REGION; a += 4) {
                    m.writeI32(a, a);
                }
            }
            f = in.export(fn);
            args = new long[] {BASE, REGION};
            CallOverheadBenchmark.check("chicory " + machine + " " + fn, expected(fn), new GuestMemoryBenchmark().chicory(this));
        }
    }

    @Benchmark
    public int weir(Weir s) {
        return s.f.callInt(BASE, REGION);
    }

    @Benchmark
    public int chicory(Chicory s) {
        return (int) s.f.apply(s.args)[0];
    }
}
