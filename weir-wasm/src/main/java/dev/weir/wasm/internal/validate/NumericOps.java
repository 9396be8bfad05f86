package dev.weir.wasm.internal.validate;

/** Signatures of the scalar numeric instructions (spec 3.4.1; sign-ext, sat-trunc, wide arithmetic). */
final class NumericOps {
    private NumericOps() {
    }

    static void define() {
        OpInfo.simpleOps("-> i32", "i32.const");
        OpInfo.simpleOps("-> i64", "i64.const");
        OpInfo.simpleOps("-> f32", "f32.const");
        OpInfo.simpleOps("-> f64", "f64.const");
        OpInfo.simpleOps("i32 -> i32", "i32.eqz i32.clz i32.ctz i32.popcnt i32.extend8_s i32.extend16_s");
        OpInfo.simpleOps("i32 i32 -> i32", "i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u"
                + " i32.ge_s i32.ge_u i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u i32.and"
                + " i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr");
        OpInfo.simpleOps("i64 -> i32", "i64.eqz i32.wrap_i64");
        OpInfo.simpleOps("i64 -> i64", "i64.clz i64.ctz i64.popcnt i64.extend8_s i64.extend16_s i64.extend32_s");
        OpInfo.simpleOps("i64 i64 -> i32", "i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u"
                + " i64.ge_s i64.ge_u");
        OpInfo.simpleOps("i64 i64 -> i64", "i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u"
                + " i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr");
        OpInfo.simpleOps("f32 -> f32", "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt");
        OpInfo.simpleOps("f32 f32 -> f32", "f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign");
        OpInfo.simpleOps("f32 f32 -> i32", "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge");
        OpInfo.simpleOps("f64 -> f64", "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt");
        OpInfo.simpleOps("f64 f64 -> f64", "f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign");
        OpInfo.simpleOps("f64 f64 -> i32", "f64.eq f64.ne f64.lt f64.gt f64.le f64.ge");
        OpInfo.simpleOps("f32 -> i32", "i32.trunc_f32_s i32.trunc_f32_u i32.reinterpret_f32"
                + " i32.trunc_sat_f32_s i32.trunc_sat_f32_u");
        OpInfo.simpleOps("f64 -> i32", "i32.trunc_f64_s i32.trunc_f64_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u");
        OpInfo.simpleOps("i32 -> i64", "i64.extend_i32_s i64.extend_i32_u");
        OpInfo.simpleOps("f32 -> i64", "i64.trunc_f32_s i64.trunc_f32_u i64.trunc_sat_f32_s i64.trunc_sat_f32_u");
        OpInfo.simpleOps("f64 -> i64", "i64.trunc_f64_s i64.trunc_f64_u i64.reinterpret_f64"
                + " i64.trunc_sat_f64_s i64.trunc_sat_f64_u");
        OpInfo.simpleOps("i32 -> f32", "f32.convert_i32_s f32.convert_i32_u f32.reinterpret_i32");
        OpInfo.simpleOps("i64 -> f32", "f32.convert_i64_s f32.convert_i64_u");
        OpInfo.simpleOps("f64 -> f32", "f32.demote_f64");
        OpInfo.simpleOps("i32 -> f64", "f64.convert_i32_s f64.convert_i32_u");
        OpInfo.simpleOps("i64 -> f64", "f64.convert_i64_s f64.convert_i64_u f64.reinterpret_i64");
        OpInfo.simpleOps("f32 -> f64", "f64.promote_f32");
        // wide arithmetic
        OpInfo.simpleOps("i64 i64 i64 i64 -> i64 i64", "i64.add128 i64.sub128");
        OpInfo.simpleOps("i64 i64 -> i64 i64", "i64.mul_wide_s i64.mul_wide_u");
    }
}
