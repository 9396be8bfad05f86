package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator: valid, deterministic, terminating, and covering the instruction families it claims. */
class GeneratorTest {
    @Test
    void everyGeneratedModuleValidates() {
        for (long seed = 0; seed < 400; seed++) {
            GenModule m = ModuleGenerator.generate(seed);
            Campaign.validBytes(m); // throws with the seed on a generator bug
        }
    }

    @Test
    void sameSeedSameModule() {
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(ModuleGenerator.generate(seed).encode(), ModuleGenerator.generate(seed).encode());
        }
    }

    @Test
    void coversTheInstructionFamilies() {
        int[] hits = new int[0x120];
        for (long seed = 0; seed < 300; seed++) {
            ModuleGenerator.generate(seed).encode(hits);
        }
        int[] required = {0x02, 0x03, 0x04, 0x05, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x1A, 0x1B, 0x20, 0x21, 0x22,
            0x23, 0x24, 0x28, 0x29, 0x2A, 0x2B, 0x35, 0x36, 0x39, 0x3E, 0x3F, 0x40, 0x6D, 0x6E, 0x6F, 0x70, 0x7F,
            0x82, 0x95, 0xA3, 0xA6, 0xA8, 0xB1, 0xBC, 0xBF, 0x100, 0x107, 0x10A, 0x10B};
        List<String> missing = new ArrayList<>();
        for (int op : required) {
            if (hits[op] == 0) {
                missing.add(Integer.toHexString(op));
            }
        }
        assertEquals(List.of(), missing, "opcodes never generated");
        int distinct = 0;
        for (int h : hits) {
            distinct += h > 0 ? 1 : 0;
        }
        System.out.println("[weir-fuzz] generator: " + distinct + " distinct opcodes in 300 modules");
        assertTrue(distinct > 150, "distinct opcodes: " + distinct);
    }

    /**
     * Programs terminate by construction and mostly run to completion. Engine errors are the
     * campaign's business (it minimizes and saves them); here they only must not be the norm.
     */
    @Test
    void generatedProgramsTerminateAndMostlyComplete() {
        WeirRunner compiler = WeirRunner.compiler();
        WeirRunner interp = compiler.unavailableReason() == null ? compiler : WeirRunner.interpreter();
        int results = 0;
        int traps = 0;
        int errors = 0;
        for (long seed = 0; seed < 150; seed++) {
            Outcome o = interp.run(ModuleGenerator.generate(seed).encode());
            assertNotEquals("interrupted", o.trap(), "seed " + seed + " ran into the watchdog");
            if (o.result().startsWith("i64:")) {
                results++;
            } else if (o.result().equals("trap")) {
                traps++;
            } else {
                errors++;
            }
        }
        System.out.println("[weir-fuzz] 150 programs: " + results + " results, " + traps + " traps, "
                + errors + " engine errors");
        assertTrue(results + traps > 100, "too many engine errors: " + errors);
    }

    @Test
    void minimizerDropsUnusedFunctionsAndStatements() {
        GenModule m = ModuleGenerator.generate(7);
        int target = m.funcs.get(0).id;
        // "Still fails" as long as the module has function 0: everything else should go.
        GenModule min = Minimizer.minimize(m, c -> c.funcs.stream().anyMatch(f -> f.id == target), 10_000);
        assertEquals(1, min.funcs.size());
        assertEquals(0, min.statementCount());
        WasmValidator.validate(WasmDecoder.decode(min.encode()));
    }
}
