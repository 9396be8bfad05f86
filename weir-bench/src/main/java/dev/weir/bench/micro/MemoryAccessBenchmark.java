package dev.weir.bench.micro;

import dev.weir.Engine;
import dev.weir.Linker;
import dev.weir.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host-side access to a guest's linear memory through {@link Memory}, ns per access, with a heap
 * little-endian {@link ByteBuffer} of the same size as the floor:
 * <ul>
 *   <li>{@code read*} / {@code write*}: one access of each primitive at a non-constant address;</li>
 *   <li>{@code loopRead*} / {@code loopWrite*}: every element of a {@value #REGION}-byte region
 *       (figures are per element, via {@code @OperationsPerInvocation});</li>
 *   <li>{@code bufferLoopRead*} / {@code bufferLoopWrite*}: the same loops on the ByteBuffer.</li>
 * </ul>
 * Bulk copies and guest-side loads/stores are in {@link MemoryBulkBenchmark} and
 * {@link GuestMemoryBenchmark}. The memory belongs to an instance of {@link MicroModules#MEMORY} on
 * the interpreter (host access does not depend on the engine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryAccessBenchmark {
    /** Bytes swept by the loop benchmarks. */
    public static final int REGION = 4096;

    /** An instance's memory, filled with a byte pattern, and a ByteBuffer with the same bytes. */
    @State(Scope.Thread)
    public static class Mem {
        Memory memory;
        ByteBuffer buffer;
        /** Base address of the region: a field, so the JIT cannot fold it into the bounds check. */
        long base = 1024;
        int bufferBase = 1024;

        @Setup
        public void setUp() {
            memory = instanceMemory();
            buffer = ByteBuffer.allocate((int) memory.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < REGION * 2; i++) {
                memory.writeByte(base + i, pattern(i));
                buffer.put(bufferBase + i, (byte) pattern(i));
            }
        }
    }

    /** Memory of a fresh interpreter instance of the memory module. */
    static Memory instanceMemory() {
        Engine e = MicroModules.engine(MicroModules.INTERPRETER);
        return new Linker().instantiate(e.newStore(), e.compile(MicroModules.MEMORY)).memory("memory");
    }

    /** The byte stored at offset {@code i} of a region. */
    static int pattern(int i) {
        return (i * 131 + 17) & 0xFF;
    }

    // ------------------------------------------------------------------ single accesses

    @Benchmark
    public byte readI8(Mem s) {
        return s.memory.readByte(s.base + 3);
    }

    @Benchmark
    public short readI16(Mem s) {
        return s.memory.readShort(s.base + 6);
    }

    @Benchmark
    public int readI32(Mem s) {
        return s.memory.readInt(s.base + 12);
    }

    @Benchmark
    public long readI64(Mem s) {
        return s.memory.readLong(s.base + 24);
    }

    @Benchmark
    public float readF32(Mem s) {
        return s.memory.readFloat(s.base + 12);
    }

    @Benchmark
    public double readF64(Mem s) {
        return s.memory.readDouble(s.base + 24);
    }

    @Benchmark
    public void writeI8(Mem s) {
        s.memory.writeByte(s.base + 3, 0x5A);
    }

    @Benchmark
    public void writeI16(Mem s) {
        s.memory.writeShort(s.base + 6, 0x5A5A);
    }

    @Benchmark
    public void writeI32(Mem s) {
        s.memory.writeInt(s.base + 12, 0x5A5A5A5A);
    }

    @Benchmark
    public void writeI64(Mem s) {
        s.memory.writeLong(s.base + 24, 0x5A5A5A5A5A5A5A5AL);
    }

    @Benchmark
    public void writeF32(Mem s) {
        s.memory.writeFloat(s.base + 12, 1.5f);
    }

    @Benchmark
    public void writeF64(Mem s) {
        s.memory.writeDouble(s.base + 24, 1.5);
    }

    // ------------------------------------------------------------------ loops over a region

    @Benchmark
    @OperationsPerInvocation(REGION)
    public int loopReadI8(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        int acc = 0;
        for (int i = 0; i < REGION; i++) {
            acc += m.readByte(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 2)
    public int loopReadI16(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        int acc = 0;
        for (int i = 0; i < REGION; i += 2) {
            acc += m.readShort(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 4)
    public int loopReadI32(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        int acc = 0;
        for (int i = 0; i < REGION; i += 4) {
            acc += m.readInt(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 8)
    public long loopReadI64(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        long acc = 0;
        for (int i = 0; i < REGION; i += 8) {
            acc += m.readLong(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 4)
    public float loopReadF32(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        float acc = 0;
        for (int i = 0; i < REGION; i += 4) {
            acc += m.readFloat(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 8)
    public double loopReadF64(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        double acc = 0;
        for (int i = 0; i < REGION; i += 8) {
            acc += m.readDouble(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION)
    public void loopWriteI8(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        for (int i = 0; i < REGION; i++) {
            m.writeByte(base + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 2)
    public void loopWriteI16(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        for (int i = 0; i < REGION; i += 2) {
            m.writeShort(base + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 4)
    public void loopWriteI32(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        for (int i = 0; i < REGION; i += 4) {
            m.writeInt(base + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 8)
    public void loopWriteI64(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        for (int i = 0; i < REGION; i += 8) {
            m.writeLong(base + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 4)
    public void loopWriteF32(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        for (int i = 0; i < REGION; i += 4) {
            m.writeFloat(base + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 8)
    public void loopWriteF64(Mem s) {
        Memory m = s.memory;
        long base = s.base;
        for (int i = 0; i < REGION; i += 8) {
            m.writeDouble(base + i, i);
        }
    }

    // ------------------------------------------------------------------ ByteBuffer floor

    @Benchmark
    @OperationsPerInvocation(REGION)
    public int bufferLoopReadI8(Mem s) {
        ByteBuffer b = s.buffer;
        int base = s.bufferBase;
        int acc = 0;
        for (int i = 0; i < REGION; i++) {
            acc += b.get(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 4)
    public int bufferLoopReadI32(Mem s) {
        ByteBuffer b = s.buffer;
        int base = s.bufferBase;
        int acc = 0;
        for (int i = 0; i < REGION; i += 4) {
            acc += b.getInt(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 8)
    public long bufferLoopReadI64(Mem s) {
        ByteBuffer b = s.buffer;
        int base = s.bufferBase;
        long acc = 0;
        for (int i = 0; i < REGION; i += 8) {
            acc += b.getLong(base + i);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 4)
    public void bufferLoopWriteI32(Mem s) {
        ByteBuffer b = s.buffer;
        int base = s.bufferBase;
        for (int i = 0; i < REGION; i += 4) {
            b.putInt(base + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REGION / 8)
    public void bufferLoopWriteI64(Mem s) {
        ByteBuffer b = s.buffer;
        int base = s.bufferBase;
        for (int i = 0; i < REGION; i += 8) {
            b.putLong(base + i, i);
        }
    }
}
