package dev.weir.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownFailuresTest {

    private static FileResult file(String name, Outcome... os) {
        return new FileResult(name, List.of(os), null, 0);
    }

    @Test
    void listedFailuresBecomeSkipsAndStaleEntriesAreReported() {
        KnownFailures k = KnownFailures.parse("""
                # comment
                a.wast:3 interpreter  GC br_on_cast not implemented
                b.wast * whole file: threads
                c.wast:9 validate  fixed long ago
                """);
        assertEquals(3, k.entries().size());
        FileResult a = file("a.wast",
                Outcome.fail(3, "x", SpecEngine.INTERPRETER, "boom"),
                Outcome.fail(4, "y", SpecEngine.INTERPRETER, "unlisted"),
                Outcome.fail(3, "x", SpecEngine.VALIDATE, "other engine"));
        FileResult b = file("b.wast", Outcome.fail(1, "z", SpecEngine.PARSE, "p"), Outcome.pass(2, "w", SpecEngine.PARSE));
        FileResult c = file("c.wast", Outcome.pass(9, "v", SpecEngine.VALIDATE));
        KnownFailures.Applied ap = k.apply(List.of(a, b, c));
        List<Outcome> ao = ap.results().get(0).outcomes();
        assertEquals(Outcome.Status.SKIPPED, ao.get(0).status());
        assertEquals("known: GC br_on_cast not implemented [boom]", ao.get(0).detail());
        assertEquals(Outcome.Status.FAILED, ao.get(1).status());
        assertEquals(Outcome.Status.FAILED, ao.get(2).status());
        assertEquals(Outcome.Status.SKIPPED, ap.results().get(1).outcomes().get(0).status());
        assertEquals(2, ap.knownSkips());
        assertEquals(1, ap.nowPassing().size());
        assertEquals("c.wast:9 validate  fixed long ago", ap.nowPassing().get(0).toString());
    }

    @Test
    void unreadableScriptCanBeListedAsAWholeFile() {
        KnownFailures k = KnownFailures.parse("d.wast parse  script uses an unsupported command\n");
        FileResult d = new FileResult("d.wast", List.of(), "script does not parse: 1:1: x", 0);
        KnownFailures.Applied ap = k.apply(List.of(d));
        assertTrue(ap.results().get(0).ok());
        assertEquals(Outcome.Status.SKIPPED, ap.results().get(0).outcomes().get(0).status());
    }

    @Test
    void badLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> KnownFailures.parse("a.wast interpreter"));
        assertThrows(IllegalArgumentException.class, () -> KnownFailures.parse("a.wast:x interpreter why"));
        assertThrows(IllegalArgumentException.class, () -> KnownFailures.parse("a.wast jit why"));
    }
}
