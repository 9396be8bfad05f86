package dev.weir.wasm.internal.validate;

/**
 * Signatures and natural alignments of memory instructions (spec 3.4.7; threads atomics, SIMD
 * loads and stores). The address operand is implied: its type is the memory's address type.
 */
final class MemoryOps {
    private MemoryOps() {
    }

    static void define() {
        byte m = OpInfo.MEM;
        OpInfo.memOps(m, "-> i32", 2, "i32.load");
        OpInfo.memOps(m, "-> i64", 3, "i64.load");
        OpInfo.memOps(m, "-> f32", 2, "f32.load");
        OpInfo.memOps(m, "-> f64", 3, "f64.load");
        OpInfo.memOps(m, "-> i32", 0, "i32.load8_s i32.load8_u");
        OpInfo.memOps(m, "-> i32", 1, "i32.load16_s i32.load16_u");
        OpInfo.memOps(m, "-> i64", 0, "i64.load8_s i64.load8_u");
        OpInfo.memOps(m, "-> i64", 1, "i64.load16_s i64.load16_u");
        OpInfo.memOps(m, "-> i64", 2, "i64.load32_s i64.load32_u");
        OpInfo.memOps(m, "i32 ->", 2, "i32.store");
        OpInfo.memOps(m, "i64 ->", 3, "i64.store");
        OpInfo.memOps(m, "f32 ->", 2, "f32.store");
        OpInfo.memOps(m, "f64 ->", 3, "f64.store");
        OpInfo.memOps(m, "i32 ->", 0, "i32.store8");
        OpInfo.memOps(m, "i32 ->", 1, "i32.store16");
        OpInfo.memOps(m, "i64 ->", 0, "i64.store8");
        OpInfo.memOps(m, "i64 ->", 1, "i64.store16");
        OpInfo.memOps(m, "i64 ->", 2, "i64.store32");
        // SIMD
        OpInfo.memOps(m, "-> v", 4, "v128.load");
        OpInfo.memOps(m, "-> v", 3, "v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u"
                + " v128.load32x2_s v128.load32x2_u v128.load64_splat v128.load64_zero");
        OpInfo.memOps(m, "-> v", 0, "v128.load8_splat");
        OpInfo.memOps(m, "-> v", 1, "v128.load16_splat");
        OpInfo.memOps(m, "-> v", 2, "v128.load32_splat v128.load32_zero");
        OpInfo.memOps(m, "v ->", 4, "v128.store");
        byte l = OpInfo.MEM_LANE;
        OpInfo.laneOps(l, "v -> v", 0, 16, "v128.load8_lane");
        OpInfo.laneOps(l, "v -> v", 1, 8, "v128.load16_lane");
        OpInfo.laneOps(l, "v -> v", 2, 4, "v128.load32_lane");
        OpInfo.laneOps(l, "v -> v", 3, 2, "v128.load64_lane");
        OpInfo.laneOps(l, "v ->", 0, 16, "v128.store8_lane");
        OpInfo.laneOps(l, "v ->", 1, 8, "v128.store16_lane");
        OpInfo.laneOps(l, "v ->", 2, 4, "v128.store32_lane");
        OpInfo.laneOps(l, "v ->", 3, 2, "v128.store64_lane");
        // threads: atomics must be naturally aligned
        byte a = OpInfo.MEM_ATOMIC;
        OpInfo.memOps(a, "i32 -> i32", 2, "memory.atomic.notify");
        OpInfo.memOps(a, "i32 i64 -> i32", 2, "memory.atomic.wait32");
        OpInfo.memOps(a, "i64 i64 -> i32", 3, "memory.atomic.wait64");
        OpInfo.memOps(a, "-> i32", 2, "i32.atomic.load");
        OpInfo.memOps(a, "-> i64", 3, "i64.atomic.load");
        OpInfo.memOps(a, "-> i32", 0, "i32.atomic.load8_u");
        OpInfo.memOps(a, "-> i32", 1, "i32.atomic.load16_u");
        OpInfo.memOps(a, "-> i64", 0, "i64.atomic.load8_u");
        OpInfo.memOps(a, "-> i64", 1, "i64.atomic.load16_u");
        OpInfo.memOps(a, "-> i64", 2, "i64.atomic.load32_u");
        OpInfo.memOps(a, "i32 ->", 2, "i32.atomic.store");
        OpInfo.memOps(a, "i64 ->", 3, "i64.atomic.store");
        OpInfo.memOps(a, "i32 ->", 0, "i32.atomic.store8");
        OpInfo.memOps(a, "i32 ->", 1, "i32.atomic.store16");
        OpInfo.memOps(a, "i64 ->", 0, "i64.atomic.store8");
        OpInfo.memOps(a, "i64 ->", 1, "i64.atomic.store16");
        OpInfo.memOps(a, "i64 ->", 2, "i64.atomic.store32");
        String[] rmw = {"add", "sub", "and", "or", "xor", "xchg"};
        for (String op : rmw) {
            OpInfo.memOps(a, "i32 -> i32", 2, "i32.atomic.rmw." + op);
            OpInfo.memOps(a, "i64 -> i64", 3, "i64.atomic.rmw." + op);
            OpInfo.memOps(a, "i32 -> i32", 0, "i32.atomic.rmw8." + op + "_u");
            OpInfo.memOps(a, "i32 -> i32", 1, "i32.atomic.rmw16." + op + "_u");
            OpInfo.memOps(a, "i64 -> i64", 0, "i64.atomic.rmw8." + op + "_u");
            OpInfo.memOps(a, "i64 -> i64", 1, "i64.atomic.rmw16." + op + "_u");
            OpInfo.memOps(a, "i64 -> i64", 2, "i64.atomic.rmw32." + op + "_u");
        }
        OpInfo.memOps(a, "i32 i32 -> i32", 2, "i32.atomic.rmw.cmpxchg");
        OpInfo.memOps(a, "i64 i64 -> i64", 3, "i64.atomic.rmw.cmpxchg");
        OpInfo.memOps(a, "i32 i32 -> i32", 0, "i32.atomic.rmw8.cmpxchg_u");
        OpInfo.memOps(a, "i32 i32 -> i32", 1, "i32.atomic.rmw16.cmpxchg_u");
        OpInfo.memOps(a, "i64 i64 -> i64", 0, "i64.atomic.rmw8.cmpxchg_u");
        OpInfo.memOps(a, "i64 i64 -> i64", 1, "i64.atomic.rmw16.cmpxchg_u");
        OpInfo.memOps(a, "i64 i64 -> i64", 2, "i64.atomic.rmw32.cmpxchg_u");
    }
}
