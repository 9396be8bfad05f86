package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir run --invoke} with exchange arguments (--string/--bytes/--ints) and --returns, on the seed guests. */
class RunExchangeTest {
    @TempDir
    Path dir;

    private static String rust() {
        return Examples.wasm("rust-raw.wasm").toString();
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        return r;
    }

    @Test
    void arraySumOfBytes() {
        assertEquals("15\n", ok("run", rust(), "--invoke", "array_sum", "--bytes", "1,2,3,4,5").out());
        assertEquals("300\n", ok("run", rust(), "--invoke", "array_sum_i32", "--bytes", "200, 100").out());
        assertEquals("0\n", ok("run", rust(), "--invoke", "array_sum_i32", "--bytes", "").out());
    }

    @Test
    void intsAreLittleEndianI32sWithByteLength() {
        // len is the byte length (12 here), so a byte sum sees 01 00 00 00 02 00 00 00 ff ff ff ff.
        assertEquals(Integer.toString(1 + 2 + 4 * 255) + "\n",
                ok("run", rust(), "--invoke", "array_sum_i32", "--ints", "1,2,-1").out());
    }

    @Test
    void upperWithEveryConvention() {
        assertEquals("THIS SHOULD BE UPPERCASE\n", ok("run", rust(), "--invoke", "upper", "--string",
                "this should be uppercase", "--returns", "string", "--ret-convention", "same").out());
        assertEquals("GRÜSSE\n", ok("run", rust(), "--invoke", "upper_packed", "--string", "grüße",
                "--returns", "string", "--ret-convention", "packed").out());
        assertEquals("GRÜSSE\n", ok("run", rust(), "--invoke", "upper_pair", "--string", "grüße",
                "--returns", "string", "--ret-convention", "pair").out());
        assertEquals("GRÜSSE\n", ok("run", rust(), "--invoke", "upper_outlen", "--string", "grüße",
                "--returns", "string", "--ret-convention", "outptr").out());
        assertEquals("ABC\n", ok("run", rust(), "--invoke", "upper", "--string", "abc",
                "--returns", "string", "--ret-convention", "len=3").out());
        // Without --ret-convention the result types decide: i64 -> packed, (i32, i32) -> pair.
        assertEquals("HI\n", ok("run", rust(), "--invoke", "upper_packed", "--string", "hi", "--returns", "string").out());
        assertEquals("HI\n", ok("run", rust(), "--invoke", "upper_pair", "--string", "hi", "--returns", "string").out());
        assertEquals("\n", ok("run", rust(), "--invoke", "upper_pair", "--string", "", "--returns", "string").out());
    }

    @Test
    void bytesAndIntsResults() {
        assertEquals("72,73\n", ok("run", rust(), "--invoke", "upper_pair", "--string", "hi", "--returns", "bytes").out());
        // "ABCD" as one little-endian i32.
        assertEquals(Integer.toString(0x44434241) + "\n",
                ok("run", rust(), "--invoke", "upper_pair", "--string", "abcd", "--returns", "int").out());
        CliRun odd = CliRun.run("run", rust(), "--invoke", "upper_pair", "--string", "abc", "--returns", "int");
        assertEquals(1, odd.exit());
        assertTrue(odd.err().contains("not a whole number of i32 elements"), odd.err());
    }

    @Test
    void otherAllocatorProfilesAreDetected() {
        assertEquals("15\n", ok("run", Examples.wasm("c-exchange.wasm").toString(), "--invoke", "array_sum",
                "--bytes", "1,2,3,4,5").out());
    }

    @Test
    void exchangeArgumentsComeFirstAndPlainArgsFillTheRest() throws IOException {
        // f(ptr, len, k) = len * 100 + k, with a trivial bump allocator so the heap is detected.
        Path f = dir.resolve("f.wat");
        Files.writeString(f, "(module (memory (export \"memory\") 1) (global $top (mut i32) (i32.const 1024))"
                + " (func (export \"malloc\") (param i32) (result i32) (local i32) global.get $top local.set 1"
                + "   global.get $top local.get 0 i32.add global.set $top local.get 1)"
                + " (func (export \"free\") (param i32))"
                + " (func (export \"f\") (param i32 i32 i32) (result i32) local.get 1 i32.const 100 i32.mul local.get 2 i32.add)"
                + " (func (export \"g\") (param i32 i32 i32 i32) (result i32)"
                + "   local.get 0 i32.load8_u local.get 2 i32.load8_u i32.const 10 i32.mul i32.add))");
        assertEquals("307\n", ok("run", f.toString(), "--invoke", "f", "--string", "abc", "7").out());
        // Order across options is kept: --bytes 9 is the first pair, --string the second.
        assertEquals(Integer.toString(9 + 10 * 'x') + "\n",
                ok("run", f.toString(), "--invoke", "g", "--bytes", "9", "--string", "x").out());
        assertEquals(Integer.toString('x' + 10 * 9) + "\n",
                ok("run", f.toString(), "--invoke", "g", "--string", "x", "--bytes", "9").out());
    }

    @Test
    void usageErrors() {
        CliRun count = CliRun.run("run", rust(), "--invoke", "array_sum", "--bytes", "1", "5");
        assertEquals(2, count.exit());
        assertTrue(count.err().contains("0 ARGs expected, got 1"), count.err());
        CliRun syntax = CliRun.run("run", rust(), "--invoke", "array_sum", "--bytes", "1,x");
        assertEquals(2, syntax.exit());
        assertTrue(syntax.err().contains("--bytes: element 2 'x' is not a number"), syntax.err());
        CliRun range = CliRun.run("run", rust(), "--invoke", "array_sum", "--bytes", "256");
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("out of range"), range.err());
        CliRun conv = CliRun.run("run", rust(), "--invoke", "upper", "--string", "a", "--returns", "string",
                "--ret-convention", "sideways");
        assertEquals(2, conv.exit());
        assertTrue(conv.err().contains("--ret-convention expects packed, outptr"), conv.err());
        CliRun noConv = CliRun.run("run", rust(), "--invoke", "upper", "--string", "a", "--returns", "string");
        assertEquals(2, noConv.exit());
        assertTrue(noConv.err().contains("--ret-convention"), noConv.err());
        CliRun kind = CliRun.run("run", rust(), "--invoke", "upper_pair", "--string", "a", "--returns", "chars");
        assertEquals(2, kind.exit());
        assertTrue(kind.err().contains("--returns expects string, bytes or int"), kind.err());
        CliRun noInvoke = CliRun.run("run", rust(), "--string", "a");
        assertEquals(2, noInvoke.exit());
        assertTrue(noInvoke.err().contains("need --invoke"), noInvoke.err());
        CliRun missing = CliRun.run("run", rust(), "--invoke", "upper", "--string");
        assertEquals(2, missing.exit());
    }

    @Test
    void guestWithoutAllocatorIsAClearError() {
        CliRun r = CliRun.run("run", Examples.wasm("add.wasm").toString(), "--invoke", "add", "--bytes", "1");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: "), r.err());
        assertTrue(r.err().contains("need a guest allocator"), r.err());
    }

    @Test
    void trapInTheGuestStillReportsAndFreesArguments() {
        // Invalid UTF-8 makes upper_pair trap with unreachable (see examples/guests/README.md).
        CliRun r = CliRun.run("run", rust(), "--invoke", "upper_pair", "--bytes", "255,254", "--returns", "string");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: trap: unreachable"), r.err());
    }
}
