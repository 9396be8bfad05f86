package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.MiniJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    @Test
    void textSummaryShowsEverySection() throws IOException {
        String f = write("adder.wasm", WasmBytes.adder());
        CliRun r = CliRun.run("inspect", f);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        String o = r.out();
        assertTrue(o.startsWith("file       " + f + " (" + WasmBytes.adder().length + " bytes, binary)\n"), o);
        assertTrue(o.contains("\nmodule     $adder\n"), o);
        assertTrue(o.contains("\nvalid      yes\n"), o);
        assertTrue(o.contains("\nfunctions  2 (1 imported, 1 defined)\n"), o);
        assertTrue(o.contains("\nstart      none\n"), o);
        assertTrue(o.contains("\nnames      2 functions\n"), o);
        assertTrue(o.contains("\ndata       none\nelements   none\n"), o);
        // Sections with ids, names, hex offsets and sizes; the custom section by its own name.
        assertTrue(o.contains("\nsections (8)\n  id  name           offset  size\n   1  type             0x0a    11\n"
                + "   2  import           0x17    21\n"), o);
        assertTrue(o.contains("   0  custom \"name\""), o);
        assertTrue(o.contains("\ntypes (2)\n  0  (func (param i32 i32) (result i32))\n  1  (func (param i32))\n"), o);
        assertTrue(o.contains("\nimports (2)\n  func    env.log  0  $log  (func (param i32))\n"
                + "  global  env.sp   0        (global (mut i32))\n"), o);
        assertTrue(o.contains("\nexports (2)\n  func    add     1  $add  (func (param i32 i32) (result i32))\n"
                + "  memory  memory  0        (memory 1 2)\n"), o);
        assertTrue(o.contains("\nmemories (1)\n  0  pages 1..2  64 KiB..128 KiB  export memory\n"), o);
        assertTrue(o.contains("\nglobals (2)\n  0  (mut i32)  import env.sp\n  1  i32\n"), o);
        assertTrue(o.contains("\ntables: none\n"), o);
        assertTrue(o.contains("\ncustom sections (1)\n  name  "), o);
    }

    @Test
    void jsonHasTheSameFacts() throws IOException {
        String f = write("adder.wasm", WasmBytes.adder());
        CliRun r = CliRun.run("inspect", "--json", f);
        assertEquals(0, r.exit(), r.err());
        Map<?, ?> j = (Map<?, ?>) MiniJson.parse(r.out());
        assertEquals(f, j.get("file"));
        assertEquals(Boolean.TRUE, j.get("valid"));
        assertEquals("adder", j.get("moduleName"));
        assertEquals(num(2), ((Map<?, ?>) j.get("functions")).get("count"));
        assertEquals(num(1), ((Map<?, ?>) j.get("functions")).get("imported"));

        List<?> exports = (List<?>) j.get("exports");
        Map<?, ?> add = (Map<?, ?>) exports.get(0);
        assertEquals("add", add.get("name"));
        assertEquals("func", add.get("kind"));
        assertEquals(num(1), add.get("index"));
        assertEquals("add", add.get("itemName"));
        assertEquals("(func (param i32 i32) (result i32))", add.get("type"));

        Map<?, ?> log = (Map<?, ?>) ((List<?>) j.get("imports")).get(0);
        assertEquals("env", log.get("module"));
        assertEquals("log", log.get("name"));
        assertEquals(num(1), log.get("typeIndex"));

        Map<?, ?> mem = (Map<?, ?>) ((List<?>) j.get("memories")).get(0);
        assertEquals(num(1), mem.get("min"));
        assertEquals(num(2), mem.get("max"));
        assertEquals(num(65536), mem.get("minBytes"));
        assertEquals(num(131072), mem.get("maxBytes"));
        assertEquals(Boolean.FALSE, mem.get("shared"));
        assertEquals("i32", mem.get("address"));
        assertEquals(List.of("memory"), mem.get("exports"));

        Map<?, ?> sp = (Map<?, ?>) ((List<?>) j.get("globals")).get(0);
        assertEquals(Boolean.TRUE, sp.get("mutable"));
        assertEquals("env.sp", sp.get("import"));

        List<?> sections = (List<?>) j.get("sections");
        assertEquals(8, sections.size());
        Map<?, ?> type = (Map<?, ?>) sections.get(0);
        assertEquals(num(1), type.get("id"));
        assertEquals("type", type.get("name"));
        assertEquals(num(10), type.get("offset"));
        assertEquals(num(11), type.get("size"));
        assertEquals("name", ((Map<?, ?>) sections.get(7)).get("customName"));
        assertNull(j.get("start"));
        assertEquals(num(2), ((Map<?, ?>) j.get("names")).get("functions"));

        // --compact: the same object on one line.
        CliRun c = CliRun.run("inspect", "--json", "--compact", f);
        assertEquals(1, c.out().lines().count());
        assertEquals(j, MiniJson.parse(c.out()));
    }

    @Test
    void sharedMemory64AndOddExportNames() throws IOException {
        String f = write("mems.wasm", WasmBytes.fancyMemories());
        CliRun r = CliRun.run("inspect", f);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\n  0  pages 1..4  64 KiB..256 KiB  shared  export \"shared\\0a\\\"mem\\\"\"\n"), r.out());
        assertTrue(r.out().contains("\n  1  pages 1..2  64 KiB..128 KiB  i64\n"), r.out());

        Map<?, ?> j = (Map<?, ?>) MiniJson.parse(CliRun.run("inspect", "--json", f).out());
        List<?> mems = (List<?>) j.get("memories");
        assertEquals(Boolean.TRUE, ((Map<?, ?>) mems.get(0)).get("shared"));
        assertEquals(List.of("shared\n\"mem\""), ((Map<?, ?>) mems.get(0)).get("exports"));
        assertEquals("i64", ((Map<?, ?>) mems.get(1)).get("address"));
    }

    @Test
    void invalidModuleIsStillInspected() throws IOException {
        String f = write("bad.wasm", WasmBytes.invalidBody());
        CliRun r = CliRun.run("inspect", f);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\nvalid      no: "), r.out());
        assertTrue(r.out().contains(" in function 0\n"), r.out());

        Map<?, ?> j = (Map<?, ?>) MiniJson.parse(CliRun.run("inspect", "--json", f).out());
        assertEquals(Boolean.FALSE, j.get("valid"));
        Map<?, ?> e = (Map<?, ?>) j.get("validationError");
        assertEquals(num(0), e.get("function"));
        assertTrue(((String) e.get("reason")).contains("type mismatch"), e.toString());
    }

    @Test
    void malformedModuleIsAnError() throws IOException {
        String f = write("junk.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 99});
        CliRun r = CliRun.run("inspect", "--json", f);
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("weir: " + f + ": malformed module at byte 0x"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void watInput() throws IOException {
        String f = write("m.wat", "(module (memory 1) (func (export \"f\") (param i32) (result i32) local.get 0))".getBytes());
        CliRun r = CliRun.run("inspect", "--json", f);
        assertEquals(0, r.exit(), r.err());
        Map<?, ?> j = (Map<?, ?>) MiniJson.parse(r.out());
        assertEquals("text", j.get("format"));
        assertEquals("f", ((Map<?, ?>) ((List<?>) j.get("exports")).get(0)).get("name"));

        String bad = write("bad.wat", "(module\n  (func i32.bogus))".getBytes());
        r = CliRun.run("validate", bad);
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("weir: " + bad + ":2:"), r.err());

        // Validation errors in text modules carry no byte offset: there is no binary to point into.
        String invalid = write("inv.wat", "(module (func (result i32) i64.const 1))".getBytes());
        r = CliRun.run("validate", invalid);
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: " + invalid + ": invalid module in function 0: type mismatch"), r.err());
    }

    private static BigDecimal num(long v) {
        return BigDecimal.valueOf(v);
    }
}
