package dev.weir.internal.simd;

/**
 * Text names and stack-slot effects of the {@code 0xFD} sub-opcodes (binary spec 5.4.8), for
 * {@link V128#opName}, {@link V128#stackDelta} and {@link V128#isLaneFree}.
 */
final class SimdOpcodes {
    static final byte NONE = Byte.MIN_VALUE;
    static final byte[] DELTA = new byte[0x114];
    static final boolean[] LANE_FREE = new boolean[0x114];

    /** All names in opcode order from 0x00; "-" marks an unassigned opcode. */
    private static final String NAME_LIST = """
            v128.load v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s
            v128.load32x2_u v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.store
            v128.const i8x16.shuffle i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat
            f64x2.splat i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane i16x8.extract_lane_s
            i16x8.extract_lane_u i16x8.replace_lane i32x4.extract_lane i32x4.replace_lane i64x2.extract_lane
            i64x2.replace_lane f32x4.extract_lane f32x4.replace_lane f64x2.extract_lane f64x2.replace_lane
            i8x16.eq i8x16.ne i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s i8x16.ge_u
            i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u i16x8.le_s i16x8.le_u i16x8.ge_s i16x8.ge_u
            i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u i32x4.le_s i32x4.le_u i32x4.ge_s i32x4.ge_u
            f32x4.eq f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge f64x2.eq f64x2.ne f64x2.lt f64x2.gt f64x2.le f64x2.ge
            v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true
            v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane
            v128.store8_lane v128.store16_lane v128.store32_lane v128.store64_lane v128.load32_zero v128.load64_zero
            f32x4.demote_f64x2_zero f64x2.promote_low_f32x4
            i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u
            f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest
            i8x16.shl i8x16.shr_s i8x16.shr_u i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s
            i8x16.sub_sat_u f64x2.ceil f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc
            i8x16.avgr_u i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u
            i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u
            i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask i16x8.narrow_i32x4_s
            i16x8.narrow_i32x4_u i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u
            i16x8.extend_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u i16x8.add i16x8.add_sat_s i16x8.add_sat_u
            i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s
            i16x8.max_u - i16x8.avgr_u i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u
            i16x8.extmul_high_i8x16_u
            i32x4.abs i32x4.neg - i32x4.all_true i32x4.bitmask - - i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s
            i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u i32x4.shl i32x4.shr_s i32x4.shr_u i32x4.add - -
            i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s -
            i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u
            i64x2.abs i64x2.neg - i64x2.all_true i64x2.bitmask - - i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s
            i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add - -
            i64x2.sub - - - i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s
            i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u
            f32x4.abs f32x4.neg - f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin
            f32x4.pmax f64x2.abs f64x2.neg - f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max
            f64x2.pmin f64x2.pmax
            i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u
            i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s
            f64x2.convert_low_i32x4_u
            i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u
            i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero f32x4.relaxed_madd f32x4.relaxed_nmadd
            f64x2.relaxed_madd f64x2.relaxed_nmadd i8x16.relaxed_laneselect i16x8.relaxed_laneselect
            i32x4.relaxed_laneselect i64x2.relaxed_laneselect f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min
            f64x2.relaxed_max i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s
            i32x4.relaxed_dot_i8x16_i7x16_add_s
            """;

    /** Name of each sub-opcode 0x00-0x113, null where unassigned. */
    static final String[] NAMES = new String[0x114];

    private SimdOpcodes() {}

    private static void set(int delta, boolean laneFree, int... ops) {
        for (int op : ops) {
            DELTA[op] = (byte) delta;
            LANE_FREE[op] = laneFree;
        }
    }

    private static void range(int delta, int from, int to) {
        for (int op = from; op <= to; op++) {
            DELTA[op] = (byte) delta;
            LANE_FREE[op] = true;
        }
    }

    static {
        String[] names = NAME_LIST.trim().split("\\s+");
        if (names.length != NAMES.length) {
            throw new AssertionError("SIMD name table has " + names.length + " entries");
        }
        for (int op = 0; op < names.length; op++) {
            NAMES[op] = names[op].equals("-") ? null : names[op];
        }
        java.util.Arrays.fill(DELTA, NONE);
        // memory and immediates (not handled by V128.execute)
        set(+1, false, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x5C, 0x5D); // loads: addr -> v128
        set(-3, false, 0x0B, 0x58, 0x59, 0x5A, 0x5B); // stores: addr, v128 -> ()
        set(-1, false, 0x54, 0x55, 0x56, 0x57); // load_lane: addr, v128 -> v128
        set(+2, false, 0x0C); // v128.const
        set(-2, false, 0x0D); // i8x16.shuffle
        range(-1, 0x15, 0x22); // extract_lane: v128 -> scalar; replace_lane: v128, scalar -> v128
        for (int op = 0x15; op <= 0x22; op++) {
            LANE_FREE[op] = false;
        }
        // lane-free
        range(+1, 0x0F, 0x14); // splat
        set(-2, true, 0x0E); // swizzle
        range(-2, 0x23, 0x4C); // comparisons
        set(0, true, 0x4D); // not
        range(-2, 0x4E, 0x51); // and, andnot, or, xor
        set(-4, true, 0x52); // bitselect
        set(-1, true, 0x53, 0x63, 0x64, 0x83, 0x84, 0xA3, 0xA4, 0xC3, 0xC4); // any/all_true, bitmask
        set(0, true, 0x5E, 0x5F, 0x60, 0x61, 0x62, 0x67, 0x68, 0x69, 0x6A, 0x74, 0x75, 0x7A,
                0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0x81, 0x87, 0x88, 0x89, 0x8A, 0x94, 0xA0, 0xA1,
                0xA7, 0xA8, 0xA9, 0xAA, 0xC0, 0xC1, 0xC7, 0xC8, 0xC9, 0xCA, 0xE0, 0xE1, 0xE3,
                0xEC, 0xED, 0xEF); // unary
        range(0, 0xF8, 0xFF); // conversions
        set(-2, true, 0x65, 0x66, 0x85, 0x86); // narrow
        set(-1, true, 0x6B, 0x6C, 0x6D, 0x8B, 0x8C, 0x8D, 0xAB, 0xAC, 0xAD, 0xCB, 0xCC, 0xCD); // shifts
        range(-2, 0x6E, 0x73);
        range(-2, 0x76, 0x79);
        set(-2, true, 0x7B, 0x82, 0x9B, 0xAE, 0xB1, 0xBA, 0xCE, 0xD1, 0xD5);
        range(-2, 0x8E, 0x93);
        range(-2, 0x95, 0x99);
        range(-2, 0x9C, 0x9F);
        range(-2, 0xB5, 0xB9);
        range(-2, 0xBC, 0xBF);
        range(-2, 0xD6, 0xDF);
        range(-2, 0xE4, 0xEB);
        range(-2, 0xF0, 0xF7);
        // relaxed SIMD
        set(-2, true, 0x100, 0x10D, 0x10E, 0x10F, 0x110, 0x111, 0x112);
        range(0, 0x101, 0x104);
        range(-4, 0x105, 0x10C);
        set(-4, true, 0x113);
    }
}
