package dev.weir.bench.micro;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.HostFunction;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Call overhead across the host/guest boundary, ns per call, on the {@link MicroModules#CALLS} module.
 *
 * <ul>
 *   <li>{@code weirI32_N} / {@code weirI64_N}: host-to-guest calls with 0, 4 and 16 {@code i32} or
 *       {@code i64} arguments through the unboxed {@link Func} API. There are typed overloads up to 3
 *       ({@code i32}) or 2 ({@code i64}) arguments; 4 and 16 arguments go through the varargs forms
 *       ({@code callInt(int...)}, {@code callLong(long...)}), which copy into a fresh slot array and
 *       return a fresh result array per call — that cost is part of what is measured here. The
 *       argument arrays themselves are preallocated.</li>
 *   <li>{@code weirSlots16}: {@link Func#callSlots(long...)} with 16 slots (one result array per call).</li>
 *   <li>{@code weirHostLoop}: the guest calls an imported {@link HostFunction} {@value #LOOP} times
 *       ({@code call_host_loop}); the figure is per guest-to-host call, loop included.
 *       {@code weirGuestLoop} is the same loop calling a guest function, the baseline to subtract.</li>
 *   <li>{@code chicory*}: the same on Chicory 1.6.0 ({@code machine}: its interpreter or its
 *       compiler), through
 *       {@code ExportFunction.apply(long...)} (preallocated argument arrays) and a Chicory
 *       {@code HostFunction}.</li>
 * </ul>
 * Every state checks its results once in setup, so no figure comes from a function computing
 * something else.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallOverheadBenchmark {
    /** Guest-to-host calls per {@code *HostLoop} invocation. */
    public static final int LOOP = 1000;

    static final int[] I32_4 = {1, 2, 3, 4};
    static final int[] I32_16 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    /** Sum of 1..4 and of 1..16, the expected results. */
    static final int SUM_4 = 10;
    static final int SUM_16 = 136;

    /** The imported {@code env.inc}: {@code (i32) -> i32}, x + 1, straight on the stack window. */
    static final HostFunction INC = (caller, s, r, b) -> s[b] = (int) s[b] + 1;

    /** A Weir instance of the call module on one engine. */
    @State(Scope.Thread)
    public static class WeirCalls {
        @Param({MicroModules.INTERPRETER, MicroModules.COMPILER})
        public String engine;

        Func i32x0;
        Func i32x4;
        Func i32x16;
        Func i64x0;
        Func i64x4;
        Func i64x16;
        Func hostLoop;
        Func guestLoop;
        int[] i32Args4;
        int[] i32Args16;
        long[] i64Args4;
        long[] i64Args16;

        @Setup
        public void setUp() {
            Engine e = MicroModules.engine(engine);
            Linker linker = new Linker();
            linker.define("env", "inc", FuncType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}), INC);
            Instance in = linker.instantiate(e.newStore(), e.compile(MicroModules.CALLS));
            i32x0 = in.func("i32_0");
            i32x4 = in.func("i32_4");
            i32x16 = in.func("i32_16");
            i64x0 = in.func("i64_0");
            i64x4 = in.func("i64_4");
            i64x16 = in.func("i64_16");
            hostLoop = in.func("call_host_loop");
            guestLoop = in.func("call_guest_loop");
            i32Args4 = I32_4.clone();
            i32Args16 = I32_16.clone();
            i64Args4 = toLongs(I32_4);
            i64Args16 = toLongs(I32_16);
            CallOverheadBenchmark b = new CallOverheadBenchmark();
            check("i32_0", 7, b.weirI32_0(this));
            check("i32_4", SUM_4, b.weirI32_4(this));
            check("i32_16", SUM_16, b.weirI32_16(this));
            check("i64_0", 7, b.weirI64_0(this));
            check("i64_4", SUM_4, b.weirI64_4(this));
            check("i64_16", SUM_16, b.weirI64_16(this));
            check("callSlots i64_16", SUM_16, b.weirSlots16(this));
            check("call_host_loop", LOOP, b.weirHostLoop(this));
            check("call_guest_loop", LOOP, b.weirGuestLoop(this));
        }
    }

    /** The same module on Chicory's interpreter or compiler. */
    @State(Scope.Thread)
    public static class ChicoryCalls {
        @Param({MicroModules.INTERPRETER, MicroModules.COMPILER})
        public String machine;

        ExportFunction i32x0;
        ExportFunction i32x4;
        ExportFunction i32x16;
        ExportFunction i64x0;
        ExportFunction i64x4;
        ExportFunction i64x16;
        ExportFunction hostLoop;
        ExportFunction guestLoop;
        long[] none;
        long[] args4;
        long[] args16;
        long[] loopArg;

        @Setup
        public void setUp() {
            var i32 = com.dylibso.chicory.wasm.types.ValType.I32;
            var inc = new com.dylibso.chicory.runtime.HostFunction("env", "inc",
                    com.dylibso.chicory.wasm.types.FunctionType.of(List.of(i32), List.of(i32)),
                    (inst, args) -> new long[] {(int) args[0] + 1});
            com.dylibso.chicory.runtime.Instance in = MicroModules.chicory(MicroModules.CALLS, machine,
                    ImportValues.builder().addFunction(inc).build());
            i32x0 = in.export("i32_0");
            i32x4 = in.export("i32_4");
            i32x16 = in.export("i32_16");
            i64x0 = in.export("i64_0");
            i64x4 = in.export("i64_4");
            i64x16 = in.export("i64_16");
            hostLoop = in.export("call_host_loop");
            guestLoop = in.export("call_guest_loop");
            none = new long[0];
            args4 = toLongs(I32_4);
            args16 = toLongs(I32_16);
            loopArg = new long[] {LOOP};
            CallOverheadBenchmark b = new CallOverheadBenchmark();
            check("chicory " + machine + " i32_0", 7, b.chicoryI32_0(this));
            check("chicory " + machine + " i32_4", SUM_4, b.chicoryI32_4(this));
            check("chicory " + machine + " i32_16", SUM_16, b.chicoryI32_16(this));
            check("chicory " + machine + " i64_0", 7, b.chicoryI64_0(this));
            check("chicory " + machine + " i64_4", SUM_4, b.chicoryI64_4(this));
            check("chicory " + machine + " i64_16", SUM_16, b.chicoryI64_16(this));
            check("chicory " + machine + " call_host_loop", LOOP, b.chicoryHostLoop(this));
            check("chicory " + machine + " call_guest_loop", LOOP, b.chicoryGuestLoop(this));
        }
    }

    static long[] toLongs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    static void check(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + " returned " + actual + ", expected " + expected);
        }
    }

    // ------------------------------------------------------------------ Weir, host to guest

    @Benchmark
    public int weirI32_0(WeirCalls s) {
        return s.i32x0.callInt();
    }

    @Benchmark
    public int weirI32_4(WeirCalls s) {
        return s.i32x4.callInt(s.i32Args4);
    }

    @Benchmark
    public int weirI32_16(WeirCalls s) {
        return s.i32x16.callInt(s.i32Args16);
    }

    @Benchmark
    public long weirI64_0(WeirCalls s) {
        return s.i64x0.callLong();
    }

    @Benchmark
    public long weirI64_4(WeirCalls s) {
        return s.i64x4.callLong(s.i64Args4);
    }

    @Benchmark
    public long weirI64_16(WeirCalls s) {
        return s.i64x16.callLong(s.i64Args16);
    }

    @Benchmark
    public long weirSlots16(WeirCalls s) {
        return s.i64x16.callSlots(s.i64Args16)[0];
    }

    // ------------------------------------------------------------------ Weir, guest to host

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public int weirHostLoop(WeirCalls s) {
        return s.hostLoop.callInt(LOOP);
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public int weirGuestLoop(WeirCalls s) {
        return s.guestLoop.callInt(LOOP);
    }

    // ------------------------------------------------------------------ Chicory

    @Benchmark
    public long chicoryI32_0(ChicoryCalls s) {
        return (int) s.i32x0.apply(s.none)[0];
    }

    @Benchmark
    public long chicoryI32_4(ChicoryCalls s) {
        return (int) s.i32x4.apply(s.args4)[0];
    }

    @Benchmark
    public long chicoryI32_16(ChicoryCalls s) {
        return (int) s.i32x16.apply(s.args16)[0];
    }

    @Benchmark
    public long chicoryI64_0(ChicoryCalls s) {
        return s.i64x0.apply(s.none)[0];
    }

    @Benchmark
    public long chicoryI64_4(ChicoryCalls s) {
        return s.i64x4.apply(s.args4)[0];
    }

    @Benchmark
    public long chicoryI64_16(ChicoryCalls s) {
        return s.i64x16.apply(s.args16)[0];
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public long chicoryHostLoop(ChicoryCalls s) {
        return (int) s.hostLoop.apply(s.loopArg)[0];
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public long chicoryGuestLoop(ChicoryCalls s) {
        return (int) s.guestLoop.apply(s.loopArg)[0];
    }
}
