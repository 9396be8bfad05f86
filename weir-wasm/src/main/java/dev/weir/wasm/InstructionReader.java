package dev.weir.wasm;

import dev.weir.wasm.internal.ByteReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Walks binary-encoded instructions (spec 5.4) one at a time. {@link #next()} decodes the opcode
 * and all its immediates into reusable fields read through the accessors named in
 * {@link ImmediateKind}; nothing is allocated per instruction (br_table and try_table reuse
 * growable arrays; only the rare typed {@code select} allocates its type list).
 *
 * <p>Indices (function, type, local, label, ...) are u32 values returned as {@code int} bits:
 * values above {@link Integer#MAX_VALUE} come back negative, and a validator treats them as
 * out of range. Heap types follow {@link HeapType} (type indices too large for an int are
 * clamped to {@link Integer#MAX_VALUE}).
 *
 * <p>Malformed encodings throw {@link MalformedModuleException} with the reference interpreter's
 * wording and the source byte offset. The reader does not check block structure (nesting of
 * {@code end}/{@code else}); the decoder does that once per body.
 */
public final class InstructionReader {
    private final ByteReader in;

    private Opcode opcode;
    private int offsetIndex;
    private int index;
    private int index2;
    private int align;
    private long memOffset;
    private int memory;
    private int lane;
    private int i32;
    private long i64;
    private int f32Bits;
    private long f64Bits;
    private long v128Lo;
    private long v128Hi;
    private int blockTypeIndex;
    private ValType blockResult;
    private int tableSize;
    private int[] labels = new int[8];
    private int defaultLabel;
    private List<ValType> selectTypes = Collections.emptyList();
    private int heapType;
    private int heapType2;
    private int castFlags;
    private int catchCount;
    private int[] catches = new int[12]; // kind, tag, label triples

    public InstructionReader(byte[] code, int start, int end, int sourceOffsetOfStart) {
        this.in = new ByteReader(code, start, end, sourceOffsetOfStart);
    }

    public boolean hasNext() {
        return !in.atEnd();
    }

    /**
     * Moves the reader to array index {@code index}, which must be an instruction boundary within
     * its range (lets a caller that skips instructions on its own hand over one instruction).
     */
    public void seek(int index) {
        if (index < 0 || index > in.limit()) {
            throw new IllegalArgumentException("seek to " + index + " outside 0.." + in.limit());
        }
        in.pos(index);
    }

    /** Decodes the next instruction; throws {@link MalformedModuleException} if it is malformed. */
    public Opcode next() {
        offsetIndex = in.pos();
        int b = in.u8();
        Opcode op;
        if (b >= Opcode.PREFIX_GC && b <= Opcode.PREFIX_ATOMIC) {
            long sub = in.u32L();
            op = Opcode.byPrefixed(b, sub);
            if (op == null) {
                throw in.errorAt(String.format("illegal opcode %02x %02x", b, sub), offsetIndex);
            }
        } else {
            op = Opcode.byCode(b);
            if (op == null) {
                throw in.errorAt(String.format("illegal opcode %02x", b), offsetIndex);
            }
        }
        opcode = op;
        readImmediates(op.immediate());
        return op;
    }

    private void readImmediates(ImmediateKind kind) {
        switch (kind) {
            case NONE:
                break;
            case BLOCK_TYPE:
                blockType();
                break;
            case LABEL: case FUNC: case TYPE: case LOCAL: case GLOBAL: case TABLE: case MEMORY: case TAG:
            case DATA: case ELEM:
                index = in.u32();
                break;
            case CALL_INDIRECT: case MEMORY_INIT: case MEMORY_COPY: case TABLE_INIT: case TABLE_COPY:
            case TYPE_FIELD: case TYPE_TYPE: case TYPE_DATA: case TYPE_ELEM: case TYPE_SIZE:
                index = in.u32();
                index2 = in.u32();
                break;
            case BR_TABLE:
                brTable();
                break;
            case MEMARG:
                memarg();
                break;
            case MEMARG_LANE:
                memarg();
                lane = in.u8();
                break;
            case I32:
                i32 = in.s32();
                break;
            case I64:
                i64 = in.s64();
                break;
            case F32:
                f32Bits = in.f32Bits();
                break;
            case F64:
                f64Bits = in.f64Bits();
                break;
            case V128: case SHUFFLE:
                v128Lo = in.f64Bits();
                v128Hi = in.f64Bits();
                break;
            case LANE:
                lane = in.u8();
                break;
            case SELECT_TYPES: {
                int n = in.count(1);
                List<ValType> ts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ts.add(in.valType());
                }
                selectTypes = Collections.unmodifiableList(ts);
                break;
            }
            case HEAP_TYPE:
                heapType = in.heapType();
                break;
            case TRY_TABLE:
                tryTable();
                break;
            case BR_ON_CAST: {
                int p = in.pos();
                castFlags = in.u8();
                if ((castFlags & ~3) != 0) {
                    throw in.errorAt("malformed br_on_cast flags", p);
                }
                index = in.u32();
                heapType = in.heapType();
                heapType2 = in.heapType();
                break;
            }
            case ZERO_BYTE:
                if (in.u8() != 0) {
                    throw in.errorAt("zero byte expected", in.pos() - 1);
                }
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    private void blockType() {
        int b = in.peek();
        if (b == 0x40) {
            in.u8();
            blockResult = null;
            blockTypeIndex = -1;
        } else if (ByteReader.isValTypeByte(b)) {
            blockResult = in.valType();
            blockTypeIndex = -1;
        } else {
            int p = in.pos();
            long x = in.s33();
            if (x < 0) {
                throw in.errorAt("malformed value type", p);
            }
            blockResult = null;
            blockTypeIndex = x > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) x;
        }
    }

    private void brTable() {
        int n = in.count(1);
        // n + 1 labels follow, each at least one byte: count() checked n against the remaining bytes.
        if (labels.length < n) {
            labels = new int[Math.max(n, labels.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            labels[i] = in.u32();
        }
        tableSize = n;
        defaultLabel = in.u32();
    }

    /**
     * memarg (spec 5.4.6 with multi-memory): flags bit 6 says an explicit memory index follows;
     * the rest of the flags is the alignment exponent, which must be below 64.
     */
    private void memarg() {
        int p = in.pos();
        long flags = in.u32L();
        if ((flags & 0x40) != 0) {
            flags &= ~0x40L;
            memory = in.u32();
        } else {
            memory = 0;
        }
        if (flags >= 64) {
            throw in.errorAt("malformed memop flags", p);
        }
        align = (int) flags;
        memOffset = in.u64();
    }

    private void tryTable() {
        blockType();
        int n = in.count(2);
        if (catches.length < n * 3) {
            catches = new int[Math.max(n * 3, catches.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            int p = in.pos();
            int k = in.u8();
            int tag = -1;
            switch (k) {
                case 0: case 1:
                    tag = in.u32();
                    break;
                case 2: case 3:
                    break;
                default:
                    throw in.errorAt("malformed catch clause", p);
            }
            catches[i * 3] = k;
            catches[i * 3 + 1] = tag;
            catches[i * 3 + 2] = in.u32();
        }
        catchCount = n;
    }

    // ---- position ----

    public Opcode opcode() {
        return opcode;
    }

    /** Source offset of the current instruction's first byte. */
    public int offset() {
        return (int) in.offsetOf(offsetIndex);
    }

    /** Index in the array just after the current instruction. */
    public int position() {
        return in.pos();
    }

    /** Source offset just after the current instruction. */
    public int endOffset() {
        return (int) in.offset();
    }

    // ---- immediates ----

    public int index() {
        return index;
    }

    public int index2() {
        return index2;
    }

    /** Alignment exponent (log2 bytes) of a memarg. */
    public int align() {
        return align;
    }

    /** Offset of a memarg (u64). */
    public long memOffset() {
        return memOffset;
    }

    /** Memory index of a memarg (0 unless given explicitly). */
    public int memory() {
        return memory;
    }

    public int lane() {
        return lane;
    }

    public int i32() {
        return i32;
    }

    public long i64() {
        return i64;
    }

    public int f32Bits() {
        return f32Bits;
    }

    public long f64Bits() {
        return f64Bits;
    }

    /** Low 8 bytes (little-endian) of a v128.const or shuffle lanes 0-7. */
    public long v128Lo() {
        return v128Lo;
    }

    public long v128Hi() {
        return v128Hi;
    }

    /** Shuffle lane {@code i} (0-15) of i8x16.shuffle. */
    public int shuffleLane(int i) {
        long half = i < 8 ? v128Lo : v128Hi;
        return (int) (half >>> ((i & 7) * 8)) & 0xFF;
    }

    /** The block type's type index, or -1 for an empty or single-value block type. */
    public int blockTypeIndex() {
        return blockTypeIndex;
    }

    /** The block's single result type, or null (empty block type, or a type index). */
    public ValType blockResult() {
        return blockResult;
    }

    /** Number of labels in a br_table, the default excluded. */
    public int tableSize() {
        return tableSize;
    }

    public int tableLabel(int i) {
        if (i < 0 || i >= tableSize) {
            throw new IndexOutOfBoundsException(i);
        }
        return labels[i];
    }

    public int defaultLabel() {
        return defaultLabel;
    }

    public List<ValType> selectTypes() {
        return selectTypes;
    }

    public int heapType() {
        return heapType;
    }

    public int heapType2() {
        return heapType2;
    }

    /** br_on_cast flags: bit 0 = source nullable, bit 1 = target nullable. */
    public int castFlags() {
        return castFlags;
    }

    public int catchCount() {
        return catchCount;
    }

    /** 0 = catch, 1 = catch_ref, 2 = catch_all, 3 = catch_all_ref. */
    public int catchKind(int i) {
        check(i);
        return catches[i * 3];
    }

    /** The tag index of a catch / catch_ref clause, -1 for catch_all(_ref). */
    public int catchTag(int i) {
        check(i);
        return catches[i * 3 + 1];
    }

    public int catchLabel(int i) {
        check(i);
        return catches[i * 3 + 2];
    }

    private void check(int i) {
        if (i < 0 || i >= catchCount) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    @Override
    public String toString() {
        return "InstructionReader[" + (opcode == null ? "-" : opcode.mnemonic()) + " @" + offset()
                + ", labels=" + Arrays.toString(Arrays.copyOf(labels, tableSize)) + "]";
    }
}
