package dev.weir.wasm;

/**
 * The shape of an instruction's immediates in the binary format. Each {@link Opcode} has one;
 * {@link InstructionReader} decodes them and exposes them through its accessors (noted below).
 */
public enum ImmediateKind {
    /** No immediates. */
    NONE,
    /** Block type: {@code blockTypeIndex()} / {@code blockResult()}. block, loop, if, legacy try. */
    BLOCK_TYPE,
    /** A label depth in {@code index()}: br, br_if, br_on_null, br_on_non_null, legacy rethrow/delegate. */
    LABEL,
    /** br_table: {@code tableSize()}, {@code tableLabel(i)}, {@code defaultLabel()}. */
    BR_TABLE,
    /** A function index in {@code index()}: call, return_call, ref.func. */
    FUNC,
    /** A type index in {@code index()}: call_ref, struct.new, array.get, ... */
    TYPE,
    /** call_indirect / return_call_indirect: type index in {@code index()}, table index in {@code index2()}. */
    CALL_INDIRECT,
    /** A local index in {@code index()}. */
    LOCAL,
    /** A global index in {@code index()}. */
    GLOBAL,
    /** A table index in {@code index()}. */
    TABLE,
    /** A memory index in {@code index()}: memory.size, memory.grow, memory.fill. */
    MEMORY,
    /** Memory argument: {@code align()} (log2), {@code memOffset()}, {@code memory()}. */
    MEMARG,
    /** Memory argument plus a lane in {@code lane()}: v128.loadN_lane / storeN_lane. */
    MEMARG_LANE,
    /** {@code i32()}. */
    I32,
    /** {@code i64()}. */
    I64,
    /** {@code f32Bits()}. */
    F32,
    /** {@code f64Bits()}. */
    F64,
    /** {@code v128Lo()}, {@code v128Hi()} (little-endian halves). */
    V128,
    /** A lane index in {@code lane()}: extract_lane / replace_lane. */
    LANE,
    /** i8x16.shuffle: 16 lane indices as bytes of {@code v128Lo()}/{@code v128Hi()}. */
    SHUFFLE,
    /** Typed select: {@code selectTypes()}. */
    SELECT_TYPES,
    /** A heap type in {@code heapType()}: ref.null, ref.test, ref.cast. */
    HEAP_TYPE,
    /** A tag index in {@code index()}: throw, legacy catch. */
    TAG,
    /** try_table: block type plus {@code catchCount()}, {@code catchKind(i)}, {@code catchTag(i)}, {@code catchLabel(i)}. */
    TRY_TABLE,
    /** A data segment index in {@code index()}: data.drop. */
    DATA,
    /** An element segment index in {@code index()}: elem.drop. */
    ELEM,
    /** memory.init: data index in {@code index()}, memory index in {@code index2()}. */
    MEMORY_INIT,
    /** memory.copy: destination memory in {@code index()}, source memory in {@code index2()}. */
    MEMORY_COPY,
    /** table.init: element index in {@code index()}, table index in {@code index2()}. */
    TABLE_INIT,
    /** table.copy: destination table in {@code index()}, source table in {@code index2()}. */
    TABLE_COPY,
    /** struct.get/set: type index in {@code index()}, field index in {@code index2()}. */
    TYPE_FIELD,
    /** array.copy: destination type in {@code index()}, source type in {@code index2()}. */
    TYPE_TYPE,
    /** array.new_data / array.init_data: type in {@code index()}, data index in {@code index2()}. */
    TYPE_DATA,
    /** array.new_elem / array.init_elem: type in {@code index()}, element index in {@code index2()}. */
    TYPE_ELEM,
    /** array.new_fixed: type in {@code index()}, element count in {@code index2()}. */
    TYPE_SIZE,
    /** br_on_cast(_fail): {@code castFlags()}, label in {@code index()}, {@code heapType()}, {@code heapType2()}. */
    BR_ON_CAST,
    /** atomic.fence: one reserved zero byte. */
    ZERO_BYTE
}
