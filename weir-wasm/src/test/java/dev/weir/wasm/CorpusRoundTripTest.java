package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.TestSuites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decode, encode, decode again and compare, for every corpus module; walks every body too. */
class CorpusRoundTripTest {
    @Test
    void benchCorpusRoundTrips() {
        roundTrip(CorpusModules.files(TestSuites.Suite.BENCH));
    }

    @Test
    void wasiTestsuiteRoundTrips() {
        roundTrip(CorpusModules.files(TestSuites.Suite.WASI));
    }

    private static void roundTrip(List<Path> files) {
        assertFalse(files.isEmpty(), "no .wasm files");
        List<String> failures = new ArrayList<>();
        for (Path p : files) {
            byte[] bytes = CorpusModules.read(p);
            try {
                WasmModule m = WasmDecoder.decode(bytes);
                byte[] enc = WasmEncoder.encode(m);
                WasmModule m2 = WasmDecoder.decode(enc);
                if (!m2.equals(m)) {
                    failures.add(p + ": decode(encode(m)) != m");
                    continue;
                }
                // Canonical: encoding the re-decoded module gives the same bytes.
                assertArrayEquals(enc, WasmEncoder.encode(m2), p.toString());
                assertEquals(m.customSections().size(), m2.customSections().size(), p.toString());
                assertEquals(m.names(), m2.names(), p.toString());
                int instructions = 0;
                for (FunctionBody f : m.code()) {
                    InstructionReader r = f.code().reader();
                    while (r.hasNext()) {
                        r.next();
                        instructions++;
                    }
                    assertEquals(Opcode.END, r.opcode());
                }
                assertTrue(m.code().isEmpty() || instructions > 0);
            } catch (RuntimeException e) {
                failures.add(p + ": " + e);
            }
        }
        System.out.println("round-tripped " + (files.size() - failures.size()) + "/" + files.size() + " modules");
        assertEquals(List.of(), failures);
    }
}
