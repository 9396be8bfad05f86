package dev.weir.internal.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.internal.num.WastReader.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the official scalar vectors ({@code i32.wast}, {@code i64.wast}, {@code f32.wast},
 * {@code f64.wast}, {@code conversions.wast}, {@code float_misc.wast}) for every operation this
 * package implements, including the {@code assert_trap} messages. Functions are recognised by a
 * body that is one instruction on the parameters in order. Skipped without the testsuite.
 */
class ScalarSpecVectorTest {
    /** Operations on raw slot bits (i32/f32 in the low 32 bits); unary ones ignore the second operand. */
    private static final Map<String, LongBinaryOperator> OPS = new HashMap<>();

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long b(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static long b(double v) {
        return Double.doubleToRawLongBits(v);
    }

    static {
        OPS.put("i32.div_s", (x, y) -> IntOps.i32DivS((int) x, (int) y));
        OPS.put("i32.div_u", (x, y) -> IntOps.i32DivU((int) x, (int) y));
        OPS.put("i32.rem_s", (x, y) -> IntOps.i32RemS((int) x, (int) y));
        OPS.put("i32.rem_u", (x, y) -> IntOps.i32RemU((int) x, (int) y));
        OPS.put("i32.rotl", (x, y) -> IntOps.i32Rotl((int) x, (int) y));
        OPS.put("i32.rotr", (x, y) -> IntOps.i32Rotr((int) x, (int) y));
        OPS.put("i32.clz", (x, y) -> IntOps.i32Clz((int) x));
        OPS.put("i32.ctz", (x, y) -> IntOps.i32Ctz((int) x));
        OPS.put("i32.popcnt", (x, y) -> IntOps.i32Popcnt((int) x));
        OPS.put("i64.div_s", IntOps::i64DivS);
        OPS.put("i64.div_u", IntOps::i64DivU);
        OPS.put("i64.rem_s", IntOps::i64RemS);
        OPS.put("i64.rem_u", IntOps::i64RemU);
        OPS.put("i64.rotl", IntOps::i64Rotl);
        OPS.put("i64.rotr", IntOps::i64Rotr);
        OPS.put("i64.clz", (x, y) -> IntOps.i64Clz(x));
        OPS.put("i64.ctz", (x, y) -> IntOps.i64Ctz(x));
        OPS.put("i64.popcnt", (x, y) -> IntOps.i64Popcnt(x));
        OPS.put("f32.min", (x, y) -> b(FloatOps.f32Min(f(x), f(y))));
        OPS.put("f32.max", (x, y) -> b(FloatOps.f32Max(f(x), f(y))));
        OPS.put("f32.ceil", (x, y) -> b(FloatOps.f32Ceil(f(x))));
        OPS.put("f32.floor", (x, y) -> b(FloatOps.f32Floor(f(x))));
        OPS.put("f32.trunc", (x, y) -> b(FloatOps.f32Trunc(f(x))));
        OPS.put("f32.nearest", (x, y) -> b(FloatOps.f32Nearest(f(x))));
        OPS.put("f32.sqrt", (x, y) -> b(FloatOps.f32Sqrt(f(x))));
        OPS.put("f32.abs", (x, y) -> FloatOps.f32AbsBits((int) x));
        OPS.put("f32.neg", (x, y) -> FloatOps.f32NegBits((int) x));
        OPS.put("f32.copysign", (x, y) -> FloatOps.f32CopysignBits((int) x, (int) y));
        OPS.put("f64.min", (x, y) -> b(FloatOps.f64Min(d(x), d(y))));
        OPS.put("f64.max", (x, y) -> b(FloatOps.f64Max(d(x), d(y))));
        OPS.put("f64.ceil", (x, y) -> b(FloatOps.f64Ceil(d(x))));
        OPS.put("f64.floor", (x, y) -> b(FloatOps.f64Floor(d(x))));
        OPS.put("f64.trunc", (x, y) -> b(FloatOps.f64Trunc(d(x))));
        OPS.put("f64.nearest", (x, y) -> b(FloatOps.f64Nearest(d(x))));
        OPS.put("f64.abs", (x, y) -> FloatOps.f64AbsBits(x));
        OPS.put("f64.neg", (x, y) -> FloatOps.f64NegBits(x));
        OPS.put("f64.copysign", FloatOps::f64CopysignBits);
        OPS.put("i32.trunc_f32_s", (x, y) -> Conversions.i32TruncF32S(f(x)));
        OPS.put("i32.trunc_f32_u", (x, y) -> Conversions.i32TruncF32U(f(x)));
        OPS.put("i32.trunc_f64_s", (x, y) -> Conversions.i32TruncF64S(d(x)));
        OPS.put("i32.trunc_f64_u", (x, y) -> Conversions.i32TruncF64U(d(x)));
        OPS.put("i64.trunc_f32_s", (x, y) -> Conversions.i64TruncF32S(f(x)));
        OPS.put("i64.trunc_f32_u", (x, y) -> Conversions.i64TruncF32U(f(x)));
        OPS.put("i64.trunc_f64_s", (x, y) -> Conversions.i64TruncF64S(d(x)));
        OPS.put("i64.trunc_f64_u", (x, y) -> Conversions.i64TruncF64U(d(x)));
        OPS.put("i32.trunc_sat_f32_s", (x, y) -> Conversions.i32TruncSatF32S(f(x)));
        OPS.put("i32.trunc_sat_f32_u", (x, y) -> Conversions.i32TruncSatF32U(f(x)));
        OPS.put("i32.trunc_sat_f64_s", (x, y) -> Conversions.i32TruncSatF64S(d(x)));
        OPS.put("i32.trunc_sat_f64_u", (x, y) -> Conversions.i32TruncSatF64U(d(x)));
        OPS.put("i64.trunc_sat_f32_s", (x, y) -> Conversions.i64TruncSatF32S(f(x)));
        OPS.put("i64.trunc_sat_f32_u", (x, y) -> Conversions.i64TruncSatF32U(f(x)));
        OPS.put("i64.trunc_sat_f64_s", (x, y) -> Conversions.i64TruncSatF64S(d(x)));
        OPS.put("i64.trunc_sat_f64_u", (x, y) -> Conversions.i64TruncSatF64U(d(x)));
        OPS.put("f32.convert_i32_u", (x, y) -> b(Conversions.f32ConvertI32U((int) x)));
        OPS.put("f32.convert_i64_u", (x, y) -> b(Conversions.f32ConvertI64U(x)));
        OPS.put("f32.convert_i64_s", (x, y) -> b(Conversions.f32ConvertI64S(x)));
        OPS.put("f64.convert_i32_u", (x, y) -> b(Conversions.f64ConvertI32U((int) x)));
        OPS.put("f64.convert_i64_u", (x, y) -> b(Conversions.f64ConvertI64U(x)));
        OPS.put("f32.demote_f64", (x, y) -> b(Conversions.f32DemoteF64(d(x))));
        OPS.put("f64.promote_f32", (x, y) -> b(Conversions.f64PromoteF32(f(x))));
    }

    /** Export name -> op name, for functions whose body is one known op on the params in order. */
    private static void collect(List<?> module, Map<String, String> funcs) {
        for (Object o : module) {
            if (!(o instanceof List<?> func) || func.isEmpty() || !"func".equals(func.get(0))) {
                continue;
            }
            String export = null;
            int params = 0;
            List<?> body = null;
            boolean simple = true;
            for (Object x : func.subList(1, func.size())) {
                if (!(x instanceof List<?> l) || l.isEmpty()) {
                    simple = false;
                    continue;
                }
                String head = String.valueOf(l.get(0));
                if (head.equals("export")) {
                    export = (String) l.get(1);
                } else if (head.equals("param")) {
                    params += l.size() > 2 && String.valueOf(l.get(1)).startsWith("$") ? 1 : l.size() - 1;
                } else if (!head.equals("result")) {
                    simple &= body == null;
                    body = l;
                }
            }
            if (!simple || export == null || body == null || !OPS.containsKey(String.valueOf(body.get(0)))
                    || body.size() != params + 1) {
                continue;
            }
            for (Object a : body.subList(1, body.size())) {
                simple &= a instanceof List<?> l && "local.get".equals(l.get(0));
            }
            if (simple) {
                funcs.put(export.substring(1, export.length() - 1), (String) body.get(0));
            }
        }
    }

    @Test
    void officialScalarVectors() throws IOException {
        Path dir = WastReader.suiteDir();
        Assumptions.assumeTrue(dir != null, "spec testsuite not found: set WASM_TESTSUITE_DIR");
        int checked = 0;
        int traps = 0;
        List<String> failures = new ArrayList<>();
        for (String name : List.of("i32.wast", "i64.wast", "f32.wast", "f64.wast", "conversions.wast", "float_misc.wast")) {
            Map<String, String> funcs = new HashMap<>();
            for (Object top : WastReader.parse(Files.readString(dir.resolve(name)))) {
                if (!(top instanceof List<?> form) || form.isEmpty()) {
                    continue;
                }
                String kind = String.valueOf(form.get(0));
                if (kind.equals("module")) {
                    funcs.clear();
                    collect(form, funcs);
                    continue;
                }
                if (!(kind.equals("assert_return") || kind.equals("assert_trap"))
                        || !(form.get(1) instanceof List<?> inv) || !"invoke".equals(inv.get(0))) {
                    continue;
                }
                String fn = String.valueOf(inv.get(1));
                String op = funcs.get(fn.substring(1, fn.length() - 1));
                if (op == null) {
                    continue;
                }
                long[] args = new long[2];
                for (int k = 2; k < inv.size(); k++) {
                    args[k - 2] = WastReader.value((List<?>) inv.get(k)).get(0).bits();
                }
                checked++;
                String what = name + ": " + op + " " + inv.subList(2, inv.size());
                try {
                    long result = OPS.get(op).applyAsLong(args[0], args[1]);
                    if (kind.equals("assert_trap")) {
                        failures.add(what + " did not trap");
                    } else {
                        Lane expected = WastReader.value((List<?>) form.get(2)).get(0);
                        if (!expected.matches(result)) {
                            failures.add(what + " expected " + form.get(2) + " got 0x" + Long.toHexString(result));
                        }
                    }
                } catch (Trap t) {
                    traps++;
                    String message = String.valueOf(form.get(2));
                    if (!kind.equals("assert_trap") || !message.equals("\"" + t.getMessage() + "\"")) {
                        failures.add(what + " trapped: " + t.getMessage() + ", expected " + form.get(2));
                    }
                }
            }
        }
        assertEquals(List.of(), failures.size() > 30 ? failures.subList(0, 30) : failures, "checked " + checked);
        assertTrue(checked > 2000, "only " + checked + " assertions checked");
        assertTrue(traps > 50, "only " + traps + " traps checked");
        System.out.println("ScalarSpecVectorTest: " + checked + " assertions (" + traps + " traps)");
    }
}
