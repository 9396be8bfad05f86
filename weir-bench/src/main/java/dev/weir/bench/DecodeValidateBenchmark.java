package dev.weir.bench;

import dev.weir.wasm.Types;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + validate throughput ({@code WasmDecoder.decode} then {@code WasmValidator.validate})
 * on the three largest sightglass modules of the bench corpus. The primary score is modules per
 * second; the {@code megabytes} secondary result is the same throughput in MB/s (10^6 bytes), and
 * {@link BenchMain} prints an MB/s summary after the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeValidateBenchmark {
    /** 1 = the largest corpus module, 2 = the second largest, ... */
    @Param({"1", "2", "3"})
    public int rank;

    private byte[] bytes;

    @Setup
    public void load() {
        List<Path> largest = WasmFiles.largestCorpusModules(3);
        bytes = WasmFiles.read(largest.get(rank - 1));
        // Fail in setup, not in the middle of a measurement, if the module does not decode or validate.
        WasmValidator.validate(WasmDecoder.decode(bytes));
    }

    /** Counts megabytes processed; JMH reports it per second next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Megabytes {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Benchmark
    public Types decodeValidate(Megabytes mb) {
        Types t = WasmValidator.validate(WasmDecoder.decode(bytes));
        mb.megabytes += bytes.length / 1e6;
        return t;
    }
}
