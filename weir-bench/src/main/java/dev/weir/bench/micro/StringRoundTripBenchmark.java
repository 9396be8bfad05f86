package dev.weir.bench.micro;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.bench.WasmFiles;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.GuestString;
import dev.weir.exchange.ResultConvention;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Strings of 16 B, 1 KiB and 64 KiB (ASCII, so bytes = chars) through weir-exchange on the seed's
 * raw Rust guest ({@code examples/wasm/rust-raw.wasm}), interpreter and compiler, ns per op.
 * {@code dev.weir.bench.ExchangeBenchmark} measures one fixed 24-byte {@code upper} round trip on
 * the interpreter; this class adds the sizes, the engines and the one-way halves:
 * <ul>
 *   <li>{@code copyIn}: {@link GuestHeap#copyInString(String)} + {@code close()} — strict UTF-8
 *       encode, guest {@code alloc}, copy in, guest {@code dealloc};</li>
 *   <li>{@code read}: {@link GuestString#read()} of a string already in guest memory — one copy out
 *       and a strict decode;</li>
 *   <li>{@code upperRoundTrip}: {@code heap.callString("upper", s, sameLengthAsInput())} — copy in,
 *       the guest's ASCII uppercase loop (interpreted or compiled: it grows with the size), take the
 *       result, free both blocks;</li>
 *   <li>{@code jdkEncodeDecode}: {@code new String(s.getBytes(UTF_8), UTF_8)}, the floor for a
 *       copy in plus a copy out.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StringRoundTripBenchmark {
    @State(Scope.Thread)
    public static class Strings {
        @Param({MicroModules.INTERPRETER, MicroModules.COMPILER})
        public String engine;

        @Param({"16", "1024", "65536"})
        public int size;

        GuestHeap heap;
        String text;
        String upper;
        GuestString resident;
        ResultConvention sameLength;

        @Setup
        public void setUp() {
            Engine e = MicroModules.engine(engine);
            Instance in = new Linker().instantiate(e.newStore(), e.compile(WasmFiles.example("rust-raw.wasm")));
            heap = GuestHeap.detect(in);
            text = text(size);
            upper = text.toUpperCase(Locale.ROOT);
            sameLength = ResultConvention.sameLengthAsInput();
            resident = heap.copyInString(text);
            StringRoundTripBenchmark b = new StringRoundTripBenchmark();
            // One of each operation, checked, before anything is measured.
            if (b.copyIn(this) <= 0 || !text.equals(b.read(this)) || !upper.equals(b.upperRoundTrip(this))
                    || !text.equals(b.jdkEncodeDecode(this))) {
                throw new IllegalStateException("string round trip of " + size + " bytes on " + engine + " is wrong");
            }
        }

        @TearDown
        public void tearDown() {
            resident.close();
        }
    }

    /** {@code size} ASCII letters, lower case with a few digits and spaces (upper() changes most bytes). */
    static String text(int size) {
        StringBuilder sb = new StringBuilder(size);
        String alphabet = "abcdefghijklmnopqrstuvwxyz 0123456789";
        for (int i = 0; i < size; i++) {
            sb.append(alphabet.charAt((i * 7) % alphabet.length()));
        }
        return sb.toString();
    }

    @Benchmark
    public int copyIn(Strings s) {
        try (GuestString g = s.heap.copyInString(s.text)) {
            return g.ptr();
        }
    }

    @Benchmark
    public String read(Strings s) {
        return s.resident.read();
    }

    @Benchmark
    public String upperRoundTrip(Strings s) {
        return s.heap.callString("upper", s.text, s.sameLength);
    }

    @Benchmark
    public String jdkEncodeDecode(Strings s) {
        return new String(s.text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
