package dev.weir.bench;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.Parser;
import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Linker;
import java.util.function.LongSupplier;

/**
 * The interpreter workloads: small kernels from {@code examples/wat} (call overhead, loops,
 * linear-memory traffic, bulk memory), each bound to a fresh instance of Weir or Chicory.
 *
 * <p>One run of a workload is one {@link LongSupplier#getAsLong()}: one or a few export calls
 * sized so that Weir's interpreter takes roughly 1-50 ms. The returned value is the call's
 * result (i32 results sign-extended, i64 as is), or a sum of results, so the two runtimes can be
 * compared for equality before anything is measured. Chicory's {@code apply(long...)} allocates
 * an argument array per call; at milliseconds per call that is noise.
 */
public enum Workload {
    FIB_REC("fib_rec", "fib.wasm", 25, 20, 6765, "fib(n) doubly recursive: call/return overhead") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int n) {
            Func f = in.func("fib");
            return () -> f.callInt(n);
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int n) {
            ExportFunction f = in.export("fib");
            return () -> (int) f.apply(n)[0];
        }
    },
    FIB_ITER("fib_iter", "fib.wasm", 200_000, 90, 2880067194370816120L, "fib_iter(n): i64 loop, locals") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int n) {
            Func f = in.func("fib_iter");
            return () -> f.callLong(n);
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int n) {
            ExportFunction f = in.export("fib_iter");
            return () -> f.apply(n)[0];
        }
    },
    FILL_IOTA("fill_iota", "loop_sum.wasm", 2, 1, 8_355_840, "n x fill_iota(0, 64 KiB) + one sum_u8: i32.store8 loop") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int reps) {
            Func fill = in.func("fill_iota");
            Func sum = in.func("sum_u8");
            return () -> {
                for (int i = 0; i < reps; i++) {
                    fill.callInt(0, PAGE);
                }
                return sum.callInt(0, PAGE);
            };
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int reps) {
            ExportFunction fill = in.export("fill_iota");
            ExportFunction sum = in.export("sum_u8");
            return () -> {
                for (int i = 0; i < reps; i++) {
                    fill.apply(0, PAGE);
                }
                return (int) sum.apply(0, PAGE)[0];
            };
        }
    },
    SUM_U8("sum_u8", "loop_sum.wasm", 2, 1, 8_355_840, "n x sum_u8(0, 64 KiB): i32.load8_u loop") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int reps) {
            in.func("fill_iota").callInt(0, PAGE);
            Func sum = in.func("sum_u8");
            return () -> {
                long acc = 0;
                for (int i = 0; i < reps; i++) {
                    acc += sum.callInt(0, PAGE);
                }
                return acc;
            };
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int reps) {
            in.export("fill_iota").apply(0, PAGE);
            ExportFunction sum = in.export("sum_u8");
            return () -> {
                long acc = 0;
                for (int i = 0; i < reps; i++) {
                    acc += (int) sum.apply(0, PAGE)[0];
                }
                return acc;
            };
        }
    },
    SUM_I32("sum_i32", "loop_sum.wasm", 6, 1, 412_851_601_408L, "n x sum_i32(0, 16384): i64.load32_s loop") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int reps) {
            in.func("fill_iota").callInt(0, PAGE);
            Func sum = in.func("sum_i32");
            return () -> {
                long acc = 0;
                for (int i = 0; i < reps; i++) {
                    acc += sum.callSlots(0, PAGE / 4)[0];
                }
                return acc;
            };
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int reps) {
            in.export("fill_iota").apply(0, PAGE);
            ExportFunction sum = in.export("sum_i32");
            return () -> {
                long acc = 0;
                for (int i = 0; i < reps; i++) {
                    acc += sum.apply(0, PAGE / 4)[0];
                }
                return acc;
            };
        }
    },
    CALLS_DIRECT("calls_direct", "calls.wasm", 100_000, 1000, 1000, "direct(n): n direct calls in a loop") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int n) {
            return weirI32(in, "direct", n);
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int n) {
            return chicoryI32(in, "direct", n);
        }
    },
    CALLS_INDIRECT("calls_indirect", "calls.wasm", 100_000, 1000, -500, "indirect(n): n call_indirect through a table") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int n) {
            return weirI32(in, "indirect", n);
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int n) {
            return chicoryI32(in, "indirect", n);
        }
    },
    CALLS_MIXED("calls_mixed", "calls.wasm", 50_000, 10, 340, "mixed(n): 3 small calls per iteration, one nested") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int n) {
            return weirI32(in, "mixed", n);
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int n) {
            return chicoryI32(in, "mixed", n);
        }
    },
    MEMCOPY_CHURN("memcopy_churn", "memcopy.wasm", 10_000, 256, 32640, "churn(n): memory.fill + memory.copy of 32 KiB per iteration") {
        @Override
        LongSupplier weir(dev.weir.Instance in, int n) {
            return weirI32(in, "churn", n);
        }

        @Override
        LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int n) {
            return chicoryI32(in, "churn", n);
        }
    };

    /** One 64 KiB page: the loop_sum kernels work on the whole first page. */
    static final int PAGE = 65536;

    private final String id;
    private final String file;
    private final int benchScale;
    private final int testScale;
    private final long testExpected;
    private final String description;

    Workload(String id, String file, int benchScale, int testScale, long testExpected, String description) {
        this.id = id;
        this.file = file;
        this.benchScale = benchScale;
        this.testScale = testScale;
        this.testExpected = testExpected;
        this.description = description;
    }

    abstract LongSupplier weir(dev.weir.Instance in, int scale);

    abstract LongSupplier chicory(com.dylibso.chicory.runtime.Instance in, int scale);

    /** Short name used in tables and as the JMH parameter. */
    public String id() {
        return id;
    }

    /** The example module, e.g. {@code fib.wasm}. */
    public String file() {
        return file;
    }

    /** The argument (or repetition count) used when measuring. */
    public int benchScale() {
        return benchScale;
    }

    /**
     * A size between {@link #testScale()} and {@link #benchScale()} for the quick agreement test in
     * {@code mvn verify}: about an eighth of the benchmark's work (fib(n-4) for the recursive fib),
     * still large enough to wrap fib_iter's i64 and to touch whole pages.
     */
    public int quickScale() {
        return this == FIB_REC ? benchScale - 4 : Math.max(testScale, benchScale / 8);
    }

    /** A small argument whose result is documented in the .wat file. */
    public int testScale() {
        return testScale;
    }

    public long testExpected() {
        return testExpected;
    }

    public String description() {
        return description;
    }

    /** Binds this workload to a fresh Weir instance (interpreter, default engine). */
    public LongSupplier bindWeir(int scale) {
        Engine engine = Engine.create();
        dev.weir.Module module = engine.compile(WasmFiles.example(file));
        dev.weir.Instance in = new Linker().instantiate(engine.newStore(), module);
        return weir(in, scale);
    }

    /** Binds this workload to a fresh Chicory instance (its interpreter, the default machine). */
    public LongSupplier bindChicory(int scale) {
        com.dylibso.chicory.runtime.Instance in =
                com.dylibso.chicory.runtime.Instance.builder(Parser.parse(WasmFiles.example(file))).build();
        return chicory(in, scale);
    }

    /** Looks a workload up by {@link #id()}. */
    public static Workload byId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload \"" + id + "\"");
    }

    /**
     * Runs both bindings once and fails loudly when they disagree, so no benchmark ever measures
     * a runtime that computes something else. Returns the common result.
     */
    public static long checkSame(Workload w, LongSupplier weir, LongSupplier chicory) {
        long a = weir.getAsLong();
        long b = chicory.getAsLong();
        if (a != b) {
            throw new IllegalStateException("workload " + w.id + ": Weir returned " + a + " but Chicory returned " + b);
        }
        return a;
    }

    private static LongSupplier weirI32(dev.weir.Instance in, String export, int n) {
        Func f = in.func(export);
        return () -> f.callInt(n);
    }

    private static LongSupplier chicoryI32(com.dylibso.chicory.runtime.Instance in, String export, int n) {
        ExportFunction f = in.export(export);
        return () -> (int) f.apply(n)[0];
    }
}
