package dev.weir.bench;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.ResultConvention;
import java.util.concurrent.TimeUnit;
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
 * Host-to-guest data exchange through weir-exchange on the seed's raw Rust guest
 * ({@code examples/wasm/rust-raw.wasm}, dlmalloc behind {@code alloc}/{@code dealloc}), in ns/op:
 * <ul>
 *   <li>{@code copyIn}: {@link GuestHeap#copyIn(byte[])} of 16 B / 4 KiB / 1 MiB plus
 *       {@code close()} — one guest {@code alloc} call, one copy into linear memory, one guest
 *       {@code dealloc} call;</li>
 *   <li>{@code arraycopy}: {@link System#arraycopy} of the same size into a host {@code byte[]},
 *       the floor a copy into guest memory can reach (issue 6's target: copyIn at 1 MiB at least
 *       0.8x its speed, i.e. copyIn time at most 1.25x);</li>
 *   <li>{@code upperRoundTrip}: the seed's {@code upper("this should be uppercase")} per call —
 *       allocate, copy in, call, read the result back, free both blocks.</li>
 * </ul>
 * Each state owns one instance (a fresh store), so the guest heap only sees this benchmark's traffic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExchangeBenchmark {
    static final String UPPER_INPUT = "this should be uppercase";

    /** A fresh rust-raw instance and its detected heap (raw alloc/dealloc profile). */
    static GuestHeap rustRawHeap() {
        Engine engine = Engine.create();
        dev.weir.Module module = engine.compile(WasmFiles.example("rust-raw.wasm"));
        Instance instance = new Linker().instantiate(engine.newStore(), module);
        return GuestHeap.detect(instance);
    }

    /** Copy benchmarks: one size per trial. */
    @State(Scope.Thread)
    public static class Copy {
        @Param({"16", "4096", "1048576"})
        public int size;

        GuestHeap heap;
        byte[] data;
        byte[] dst;

        @Setup
        public void setUp() {
            heap = rustRawHeap();
            data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            dst = new byte[size];
            // Grows the guest memory to fit the largest block once, outside the measurement.
            heap.copyIn(data).close();
        }
    }

    /** The upper round trip: its own instance. */
    @State(Scope.Thread)
    public static class Upper {
        GuestHeap heap;
        ResultConvention sameLength;

        @Setup
        public void setUp() {
            heap = rustRawHeap();
            sameLength = ResultConvention.sameLengthAsInput();
            String r = heap.callString("upper", UPPER_INPUT, sameLength);
            if (!UPPER_INPUT.toUpperCase(java.util.Locale.ROOT).equals(r)) {
                throw new IllegalStateException("upper returned '" + r + "'");
            }
        }
    }

    @Benchmark
    public int copyIn(Copy s) {
        try (GuestBuffer b = s.heap.copyIn(s.data)) {
            return b.ptr();
        }
    }

    @Benchmark
    public byte[] arraycopy(Copy s) {
        System.arraycopy(s.data, 0, s.dst, 0, s.size);
        return s.dst;
    }

    @Benchmark
    public String upperRoundTrip(Upper s) {
        return s.heap.callString("upper", UPPER_INPUT, s.sameLength);
    }
}
