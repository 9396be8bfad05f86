package dev.weir.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link Workload}s on Weir's interpreter and on Chicory 1.6.0's interpreter, average time per
 * run in milliseconds. Setup checks that both runtimes compute the same result and throws
 * otherwise. {@link BenchMain} prints the per-workload ratio (Chicory / Weir) and their geometric
 * mean after the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InterpreterVsChicoryBenchmark {
    @Param({"fib_rec", "fib_iter", "fill_iota", "sum_u8", "sum_i32", "calls_direct", "calls_indirect",
            "calls_mixed", "memcopy_churn"})
    public String workload;

    private LongSupplier weir;
    private LongSupplier chicory;

    @Setup
    public void bind() {
        Workload w = Workload.byId(workload);
        weir = w.bindWeir(w.benchScale());
        chicory = w.bindChicory(w.benchScale());
        Workload.checkSame(w, weir, chicory);
    }

    @Benchmark
    public long weir() {
        return weir.getAsLong();
    }

    @Benchmark
    public long chicory() {
        return chicory.getAsLong();
    }
}
