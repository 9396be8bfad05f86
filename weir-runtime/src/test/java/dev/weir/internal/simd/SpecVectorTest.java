package dev.weir.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.internal.num.WastReader;
import dev.weir.internal.num.WastReader.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the official SIMD test vectors directly against the kernels, without an interpreter: from
 * each {@code simd_*.wast} / relaxed-SIMD file it takes the exported functions whose body is one
 * SIMD instruction applied to the parameters in order, and checks every
 * {@code (assert_return (invoke ...))} on them (including {@code either} and NaN patterns).
 * Skipped (with a message naming WASM_TESTSUITE_DIR) when the suite is not present.
 */
class SpecVectorTest {
    private static final Map<String, Integer> OPCODES = new HashMap<>();

    static {
        for (int op = 0; op < 0x114; op++) {
            if (V128.opName(op) != null) {
                OPCODES.put(V128.opName(op), op);
            }
        }
    }

    /** A function whose body is a single SIMD instruction on its parameters. */
    record Func(int op, List<String> immediates) {}

    static Func simpleFunc(List<?> func) {
        String export = null;
        List<String> params = new ArrayList<>();
        List<?> body = null;
        for (Object o : func.subList(1, func.size())) {
            if (!(o instanceof List<?> l) || l.isEmpty()) {
                return null;
            }
            String head = String.valueOf(l.get(0));
            if (head.equals("export")) {
                export = (String) l.get(1);
            } else if (head.equals("param")) {
                for (Object p : l.subList(1, l.size())) {
                    params.add(String.valueOf(p));
                }
            } else if (head.equals("result")) {
                continue;
            } else if (body == null) {
                body = l;
            } else {
                return null; // more than one instruction
            }
        }
        if (export == null || body == null || !OPCODES.containsKey(String.valueOf(body.get(0)))) {
            return null;
        }
        // params like "$x" followed by type, or bare types
        List<String> names = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            if (params.get(k).startsWith("$")) {
                names.add(params.get(k));
                k++;
            } else {
                names.add(String.valueOf(names.size()));
            }
        }
        List<String> imm = new ArrayList<>();
        int next = 0;
        for (Object a : body.subList(1, body.size())) {
            if (a instanceof String s) {
                imm.add(s);
            } else {
                List<?> l = (List<?>) a;
                if (l.size() != 2 || !"local.get".equals(l.get(0)) || next >= names.size()
                        || !(l.get(1).equals(names.get(next)) || l.get(1).equals(String.valueOf(next)))) {
                    return null;
                }
                next++;
            }
        }
        if (next != names.size()) {
            return null;
        }
        int op = OPCODES.get((String) body.get(0));
        boolean supported = V128.isLaneFree(op) || op == 0x0D || (op >= 0x15 && op <= 0x22);
        return supported ? new Func(op, imm) : null;
    }

    /** Executes {@code f} on the argument slots; returns the stack pointer after it. */
    static int run(Func f, long[] s, int sp) {
        int op = f.op();
        if (op == 0x0D) {
            long lo = 0;
            long hi = 0;
            for (int k = 0; k < 16; k++) {
                long idx = WastReader.parseInt(f.immediates().get(k));
                if (k < 8) {
                    lo |= idx << (8 * k);
                } else {
                    hi |= idx << (8 * (k - 8));
                }
            }
            I8x16.shuffle(s, sp - 4, lo, hi);
            return sp - 2;
        }
        if (op >= 0x15 && op <= 0x22) {
            return V128.executeLane(op, s, sp, (int) WastReader.parseInt(f.immediates().get(0)));
        }
        return V128.execute(op, s, sp);
    }

    @Test
    void officialSimdVectors() throws IOException {
        Path dir = WastReader.suiteDir();
        Assumptions.assumeTrue(dir != null, "spec testsuite not found: set WASM_TESTSUITE_DIR");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".wast") && (n.startsWith("simd_") || n.contains("relaxed"));
            }).sorted().collect(Collectors.toList());
        }
        int checked = 0;
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> perOp = new HashMap<>();
        for (Path file : files) {
            Map<String, Func> funcs = new HashMap<>();
            for (Object top : WastReader.parse(Files.readString(file))) {
                if (!(top instanceof List<?> form) || form.isEmpty()) {
                    continue;
                }
                if ("module".equals(form.get(0))) {
                    funcs.clear();
                    for (Object o : form) {
                        if (o instanceof List<?> l && !l.isEmpty() && "func".equals(l.get(0))) {
                            Func f = simpleFunc(l);
                            if (f != null) {
                                funcs.put((String) ((List<?>) l.get(1)).get(1), f);
                            }
                        }
                    }
                } else if ("assert_return".equals(form.get(0)) && form.get(1) instanceof List<?> inv
                        && "invoke".equals(inv.get(0)) && funcs.containsKey((String) inv.get(1))) {
                    Func f = funcs.get((String) inv.get(1));
                    long[] s = new long[16];
                    int sp = 0;
                    for (Object a : inv.subList(2, inv.size())) {
                        for (long x : WastReader.slots(WastReader.value((List<?>) a))) {
                            s[sp++] = x;
                        }
                    }
                    sp = run(f, s, sp);
                    List<List<Lane>> alternatives = new ArrayList<>();
                    List<?> exp = (List<?>) form.get(2);
                    if ("either".equals(exp.get(0))) {
                        for (Object alt : exp.subList(1, exp.size())) {
                            alternatives.add(WastReader.value((List<?>) alt));
                        }
                    } else {
                        alternatives.add(WastReader.value(exp));
                    }
                    boolean ok = false;
                    for (List<Lane> alt : alternatives) {
                        ok |= WastReader.matches(alt, s, sp);
                    }
                    checked++;
                    perOp.merge(f.op(), 1, Integer::sum);
                    if (!ok && failures.size() < 30) {
                        failures.add(file.getFileName() + ": " + V128.opName(f.op()) + " " + inv.subList(2, inv.size())
                                + " expected " + exp + " got " + Vec.hex(new long[] {s[sp - 2], s[sp - 1]}));
                    }
                }
            }
        }
        assertEquals(List.of(), failures, "checked " + checked);
        // guard against the reader silently skipping everything
        assertTrue(checked > 10_000, "only " + checked + " assertions checked");
        assertTrue(perOp.size() > 150, "only " + perOp.size() + " distinct opcodes covered");
        System.out.println("SpecVectorTest: " + checked + " assertions over " + perOp.size() + " SIMD opcodes");
    }
}
