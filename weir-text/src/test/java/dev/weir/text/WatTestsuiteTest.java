package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmEncoder;
import dev.weir.wasm.WasmException;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every text {@code (module ...)} of the official testsuite (WASM_TESTSUITE_DIR, default
 * ../shared/wasm-testsuite): those outside assert_malformed must parse (also the quoted ones);
 * those that are not assert_invalid must also encode and decode back to an equal module, and
 * validate. Every assert_malformed {@code (module quote ...)} must be rejected: by the parser, or
 * (listed) by the validator where the testsuite's proposals disagree with Wasm 3.0.
 */
class WatTestsuiteTest {

    private static boolean isText(WastModules.Case c) {
        return !Wat.isBinary(c.module());
    }

    @Test
    void everyWellFormedModuleParsesAndRoundTrips() throws IOException {
        List<WastModules.Case> cases = WastModules.all();
        List<String> failures = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int parsed = 0;
        int validated = 0;
        long t0 = System.nanoTime();
        for (WastModules.Case c : cases) {
            if (!isText(c) || c.command().equals("assert_malformed")) {
                continue;
            }
            WasmModule m;
            try {
                m = Wat.parseModule(c.module());
                parsed++;
            } catch (RuntimeException e) {
                failures.add(c + ": " + e);
                continue;
            }
            if (c.command().startsWith("assert_invalid")) {
                continue; // may be unencodable (e.g. an i32 memory limit above 2^32)
            }
            try {
                WasmModule again = WasmDecoder.decode(WasmEncoder.encode(m));
                if (!again.equals(m)) {
                    failures.add(c + ": encode/decode round trip differs");
                }
            } catch (RuntimeException e) {
                failures.add(c + ": round trip threw " + e);
            }
            if (!c.command().endsWith("_custom")) {
                try {
                    WasmValidator.validate(m);
                    validated++;
                } catch (WasmException e) {
                    invalid.add(c + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    invalid.add(c + ": validator threw " + e);
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("text modules parsed: %d, failures: %d, validated: %d, rejected by validator: %d, %d ms%n",
                parsed, failures.size(), validated, invalid.size(), ms);
        invalid.stream().limit(60).forEach(s -> System.out.println("  invalid: " + s));
        failures.stream().limit(200).forEach(s -> System.out.println("  FAIL: " + s));
        assertTrue(parsed > 3000, "too few modules: " + parsed);
        assertEquals(List.of(), failures);
        assertEquals(List.of(), invalid);
    }

    @Test
    void parsesTheWholeTestsuiteFast() throws IOException {
        List<WastModules.Case> cases = WastModules.all();
        long t0 = System.nanoTime();
        int n = 0;
        for (int round = 0; round < 2; round++) { // the second round is warm
            t0 = System.nanoTime();
            n = 0;
            for (WastModules.Case c : cases) {
                if (isText(c) && !c.command().equals("assert_malformed")) {
                    Wat.parseModule(c.module());
                    n++;
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("parsed %d testsuite modules in %d ms%n", n, ms);
    }

    @Test
    void everyMalformedQuoteIsRejected() throws IOException {
        List<String> accepted = new ArrayList<>();
        List<String> wording = new ArrayList<>();
        List<String> byValidator = new ArrayList<>();
        int n = 0;
        for (WastModules.Case c : WastModules.all()) {
            if (!c.command().equals("assert_malformed") || !Wat.isQuote(c.module())) {
                continue;
            }
            n++;
            try {
                WasmModule m = Wat.parseModule(c.module());
                try {
                    WasmValidator.validate(m);
                    accepted.add(c + ": accepted, expected \"" + c.expected() + "\"");
                } catch (WasmException e) {
                    byValidator.add(c + ": expected \"" + c.expected() + "\", validator: " + e.getMessage());
                }
            } catch (TextParseException e) {
                if (c.expected() != null && !e.reason().contains(c.expected())) {
                    wording.add(c + ": expected \"" + c.expected() + "\", got \"" + e.reason() + "\"");
                }
            } catch (RuntimeException e) {
                accepted.add(c + ": threw " + e);
            }
        }
        System.out.printf("assert_malformed quote modules: %d, rejected by the parser: %d, left to the validator: %d,"
                + " accepted: %d, other wording: %d%n", n, n - accepted.size() - byValidator.size(),
                byValidator.size(), accepted.size(), wording.size());
        byValidator.forEach(s -> System.out.println("  VALIDATOR: " + s));
        accepted.forEach(s -> System.out.println("  ACCEPTED: " + s));
        wording.forEach(s -> System.out.println("  WORDING: " + s));
        assertTrue(n > 1000, "too few cases: " + n);
        assertEquals(List.of(), accepted);
        // The threads proposal's memory.wast predates Wasm 3.0, which reads limits as u64 and
        // leaves too-large i32 limits to validation ("memory size must be at most ...").
        assertTrue(byValidator.stream().allMatch(s -> s.startsWith("proposals/threads/memory.wast")),
                String.join("\n", byValidator));
        assertEquals(List.of(), wording);
    }
}
