package dev.weir.wasm.internal.validate;

/** Signatures of the vector instructions (spec 3.4.2, fixed-width and relaxed SIMD). */
final class SimdOps {
    private SimdOps() {
    }

    private static String expand(String shapes, String ops) {
        StringBuilder sb = new StringBuilder();
        for (String s : shapes.split(" ")) {
            for (String o : ops.trim().split("\\s+")) {
                sb.append(' ').append(s).append('.').append(o);
            }
        }
        return sb.toString();
    }

    static void define() {
        OpInfo.simpleOps("-> v", "v128.const");
        OpInfo.laneOps(OpInfo.SHUFFLE, "v v -> v", 0, 32, "i8x16.shuffle");
        OpInfo.simpleOps("v v -> v", "i8x16.swizzle i8x16.relaxed_swizzle");
        OpInfo.simpleOps("i32 -> v", "i8x16.splat i16x8.splat i32x4.splat");
        OpInfo.simpleOps("i64 -> v", "i64x2.splat");
        OpInfo.simpleOps("f32 -> v", "f32x4.splat");
        OpInfo.simpleOps("f64 -> v", "f64x2.splat");
        byte l = OpInfo.LANE;
        OpInfo.laneOps(l, "v -> i32", 0, 16, "i8x16.extract_lane_s i8x16.extract_lane_u");
        OpInfo.laneOps(l, "v -> i32", 0, 8, "i16x8.extract_lane_s i16x8.extract_lane_u");
        OpInfo.laneOps(l, "v -> i32", 0, 4, "i32x4.extract_lane");
        OpInfo.laneOps(l, "v -> i64", 0, 2, "i64x2.extract_lane");
        OpInfo.laneOps(l, "v -> f32", 0, 4, "f32x4.extract_lane");
        OpInfo.laneOps(l, "v -> f64", 0, 2, "f64x2.extract_lane");
        OpInfo.laneOps(l, "v i32 -> v", 0, 16, "i8x16.replace_lane");
        OpInfo.laneOps(l, "v i32 -> v", 0, 8, "i16x8.replace_lane");
        OpInfo.laneOps(l, "v i32 -> v", 0, 4, "i32x4.replace_lane");
        OpInfo.laneOps(l, "v i64 -> v", 0, 2, "i64x2.replace_lane");
        OpInfo.laneOps(l, "v f32 -> v", 0, 4, "f32x4.replace_lane");
        OpInfo.laneOps(l, "v f64 -> v", 0, 2, "f64x2.replace_lane");

        String vv = "v v -> v";
        String v = "v -> v";
        OpInfo.simpleOps(vv, expand("i8x16 i16x8 i32x4", "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u"));
        OpInfo.simpleOps(vv, expand("i64x2", "eq ne lt_s gt_s le_s ge_s"));
        OpInfo.simpleOps(vv, expand("f32x4 f64x2", "eq ne lt gt le ge"));
        OpInfo.simpleOps(v, "v128.not");
        OpInfo.simpleOps(vv, "v128.and v128.andnot v128.or v128.xor");
        OpInfo.simpleOps("v v v -> v", "v128.bitselect");
        OpInfo.simpleOps("v -> i32", "v128.any_true" + expand("i8x16 i16x8 i32x4 i64x2", "all_true bitmask"));
        OpInfo.simpleOps("v i32 -> v", expand("i8x16 i16x8 i32x4 i64x2", "shl shr_s shr_u"));
        OpInfo.simpleOps(v, expand("i8x16 i16x8 i32x4 i64x2", "abs neg") + " i8x16.popcnt");
        OpInfo.simpleOps(vv, "i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u");
        OpInfo.simpleOps(vv, expand("i8x16 i16x8", "add add_sat_s add_sat_u sub sub_sat_s sub_sat_u avgr_u"));
        OpInfo.simpleOps(vv, expand("i8x16 i16x8 i32x4", "min_s min_u max_s max_u"));
        OpInfo.simpleOps(vv, expand("i16x8 i32x4 i64x2", "mul") + expand("i32x4 i64x2", "add sub"));
        OpInfo.simpleOps(vv, "i16x8.q15mulr_sat_s i32x4.dot_i16x8_s");
        OpInfo.simpleOps(v, "i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u"
                + " i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u");
        OpInfo.simpleOps(v, expand("i16x8", "extend_low_i8x16_s extend_high_i8x16_s extend_low_i8x16_u extend_high_i8x16_u")
                + expand("i32x4", "extend_low_i16x8_s extend_high_i16x8_s extend_low_i16x8_u extend_high_i16x8_u")
                + expand("i64x2", "extend_low_i32x4_s extend_high_i32x4_s extend_low_i32x4_u extend_high_i32x4_u"));
        OpInfo.simpleOps(vv, expand("i16x8", "extmul_low_i8x16_s extmul_high_i8x16_s extmul_low_i8x16_u extmul_high_i8x16_u")
                + expand("i32x4", "extmul_low_i16x8_s extmul_high_i16x8_s extmul_low_i16x8_u extmul_high_i16x8_u")
                + expand("i64x2", "extmul_low_i32x4_s extmul_high_i32x4_s extmul_low_i32x4_u extmul_high_i32x4_u"));
        OpInfo.simpleOps(v, expand("f32x4 f64x2", "ceil floor trunc nearest abs neg sqrt"));
        OpInfo.simpleOps(vv, expand("f32x4 f64x2", "add sub mul div min max pmin pmax"));
        OpInfo.simpleOps(v, "i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u"
                + " i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s"
                + " f64x2.convert_low_i32x4_u f32x4.demote_f64x2_zero f64x2.promote_low_f32x4");
        // relaxed SIMD
        OpInfo.simpleOps(v, "i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u"
                + " i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero");
        OpInfo.simpleOps("v v v -> v", expand("f32x4 f64x2", "relaxed_madd relaxed_nmadd")
                + expand("i8x16 i16x8 i32x4 i64x2", "relaxed_laneselect") + " i32x4.relaxed_dot_i8x16_i7x16_add_s");
        OpInfo.simpleOps(vv, expand("f32x4 f64x2", "relaxed_min relaxed_max")
                + " i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s");
    }
}
