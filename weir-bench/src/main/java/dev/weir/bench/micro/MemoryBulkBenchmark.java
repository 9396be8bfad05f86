package dev.weir.bench.micro;

import dev.weir.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Bulk copies between the host and a guest's linear memory, ns per copy of 64 B / 4 KiB / 1 MiB:
 * <ul>
 *   <li>{@code write}: {@link Memory#write(long, byte[])} host array into memory;</li>
 *   <li>{@code read}: {@link Memory#read(long, byte[], int, int)} memory into a host array;</li>
 *   <li>{@code copyWithin}: {@link Memory#copy(long, long, long)} ({@code memory.copy} semantics,
 *       non-overlapping 1 MiB apart);</li>
 *   <li>floors: {@code arraycopy} ({@link System#arraycopy} between two {@code byte[]}),
 *       {@code bufferPut} / {@code bufferGet} (bulk {@link ByteBuffer} put/get on a heap buffer).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryBulkBenchmark {
    /** Where the second block starts, for copies within memory. */
    static final long SECOND = 1 << 20;

    @State(Scope.Thread)
    public static class Bulk {
        @Param({"64", "4096", "1048576"})
        public int size;

        Memory memory;
        byte[] src;
        byte[] dst;
        ByteBuffer buffer;
        long addr = 0;

        @Setup
        public void setUp() {
            memory = MemoryAccessBenchmark.instanceMemory();
            if (memory.byteSize() < SECOND + size) {
                throw new IllegalStateException("memory of " + memory.byteSize() + " bytes too small for " + size);
            }
            src = new byte[size];
            for (int i = 0; i < size; i++) {
                src[i] = (byte) MemoryAccessBenchmark.pattern(i);
            }
            dst = new byte[size];
            buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(src).clear();
            memory.write(addr, src);
        }
    }

    @Benchmark
    public Memory write(Bulk s) {
        s.memory.write(s.addr, s.src);
        return s.memory;
    }

    @Benchmark
    public byte[] read(Bulk s) {
        s.memory.read(s.addr, s.dst, 0, s.size);
        return s.dst;
    }

    @Benchmark
    public Memory copyWithin(Bulk s) {
        s.memory.copy(s.addr + SECOND, s.addr, s.size);
        return s.memory;
    }

    @Benchmark
    public byte[] arraycopy(Bulk s) {
        System.arraycopy(s.src, 0, s.dst, 0, s.size);
        return s.dst;
    }

    @Benchmark
    public ByteBuffer bufferPut(Bulk s) {
        return s.buffer.clear().put(s.src);
    }

    @Benchmark
    public byte[] bufferGet(Bulk s) {
        s.buffer.clear().get(s.dst);
        return s.dst;
    }
}
