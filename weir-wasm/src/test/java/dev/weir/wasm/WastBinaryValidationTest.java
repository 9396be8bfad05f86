package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.TestSuites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binary modules of the spec testsuite: {@code (module binary ...)} commands must validate,
 * {@code assert_invalid} binaries must be rejected with the expected message, and the one
 * malformedness rule the validator owns ("data count section required") must be reported.
 * The text-format modules are covered by the spec runner in weir-spec.
 */
class WastBinaryValidationTest {

    @Test
    void binaryModulesInTheTestsuite() throws Exception {
        Path dir = TestSuites.require(TestSuites.Suite.WASM);
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        int dataCount = 0;
        for (Path f : TestSuites.files(dir, ".wast")) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String name = dir.relativize(f).toString();
            if (name.startsWith("proposals/custom-descriptors")) {
                continue; // not part of Wasm 3.0; the decoder does not read descriptor types
            }
            for (WastBinaryForms.Form form : WastBinaryForms.extract(text)) {
                String where = name + ":" + form.line();
                switch (form.command()) {
                    case "module":
                        try {
                            WasmValidator.validate(WasmDecoder.decode(form.bytes()));
                            valid++;
                        } catch (RuntimeException e) {
                            failures.add(where + " valid module rejected: " + e);
                        }
                        break;
                    case "assert_invalid":
                        invalid++;
                        try {
                            WasmModule m = WasmDecoder.decode(form.bytes());
                            WasmValidator.validate(m);
                            failures.add(where + " accepted, expected \"" + form.message() + "\"");
                        } catch (InvalidModuleException e) {
                            if (!e.reason().startsWith(form.message()) && !e.reason().contains(form.message())) {
                                failures.add(where + " expected \"" + form.message() + "\" got \"" + e.reason() + "\"");
                            }
                        } catch (RuntimeException e) {
                            failures.add(where + " expected invalid \"" + form.message() + "\" got " + e);
                        }
                        break;
                    default:
                        if (!form.message().equals("data count section required")) {
                            break;
                        }
                        dataCount++;
                        try {
                            WasmValidator.validate(WasmDecoder.decode(form.bytes()));
                            failures.add(where + " accepted, expected \"" + form.message() + "\"");
                        } catch (MalformedModuleException e) {
                            if (!e.reason().startsWith(form.message())) {
                                failures.add(where + " expected \"" + form.message() + "\" got \"" + e.reason() + "\"");
                            }
                        } catch (RuntimeException e) {
                            failures.add(where + " expected malformed got " + e);
                        }
                }
            }
        }
        System.out.println("wast binary modules: " + valid + " valid, " + invalid + " assert_invalid, "
                + dataCount + " data-count assert_malformed, " + failures.size() + " failures");
        assertTrue(invalid > 0 && valid > 0);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
