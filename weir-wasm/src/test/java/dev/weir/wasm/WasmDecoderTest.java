package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-section decoding, encoding and error tests on hand-assembled modules. */
class WasmDecoderTest {
    static byte[] b(int... v) {
        byte[] a = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = (byte) v[i];
        }
        return a;
    }

    /** A module from (id, content) pairs; sizes are computed. */
    static byte[] module(Object... idAndContent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b(0, 'a', 's', 'm', 1, 0, 0, 0));
        for (int i = 0; i < idAndContent.length; i += 2) {
            byte[] c = (byte[]) idAndContent[i + 1];
            out.write((Integer) idAndContent[i]);
            out.writeBytes(new InstructionWriter().u32(c.length).toByteArray());
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    static WasmModule roundTrip(byte[] bytes) {
        WasmModule m = WasmDecoder.decode(bytes);
        byte[] enc = WasmEncoder.encode(m);
        WasmModule m2 = WasmDecoder.decode(enc);
        assertEquals(m, m2);
        assertArrayEquals(enc, WasmEncoder.encode(m2));
        return m;
    }

    static MalformedModuleException malformed(String msg, byte[] bytes) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WasmDecoder.decode(bytes));
        assertTrue(e.getMessage().contains(msg), "expected '" + msg + "' but got: " + e.getMessage());
        return e;
    }

    static final byte[] TYPE_VOID = b(0x01, 0x60, 0x00, 0x00);           // one type: [] -> []
    static final byte[] ONE_FUNC = b(0x01, 0x00);
    static final byte[] EMPTY_BODY = b(0x01, 0x02, 0x00, 0x0B);

    @Test
    void emptyModuleAndHeader() {
        WasmModule m = roundTrip(module());
        assertTrue(m.types().isEmpty());
        assertEquals(-1, m.start());
        assertEquals(-1, m.dataCount());
        malformed("unexpected end", b());
        malformed("unexpected end", b(0, 'a', 's'));
        malformed("magic header not detected", b(0, 'a', 's', 'n', 1, 0, 0, 0));
        malformed("unexpected end", b(0, 'a', 's', 'm', 1, 0));
        malformed("unknown binary version", b(0, 'a', 's', 'm', 2, 0, 0, 0));
    }

    @Test
    void gcTypes() {
        byte[] types = b(0x03,
                0x4E, 0x02,                         // rec of 2
                0x50, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x63, 0x01, 0x00, // sub (struct (mut i8) (ref null 1))
                0x5E, 0x77, 0x00,                   // array i16
                0x4F, 0x01, 0x00, 0x5F, 0x00,       // sub final 0 (struct)
                0x60, 0x01, 0x64, 0x6B, 0x01, 0x7B); // func (ref struct) -> v128
        WasmModule m = roundTrip(module(1, types));
        assertEquals(3, m.recGroups().size());
        assertEquals(4, m.types().size());
        SubType s0 = m.types().get(0);
        assertTrue(!s0.isFinal() && s0.supertypes().isEmpty());
        StructType st = (StructType) s0.composite();
        assertEquals(new FieldType(ValType.I8, true), st.fields().get(0));
        assertEquals(new FieldType(ValType.ref(true, 1), false), st.fields().get(1));
        assertEquals(new ArrayType(new FieldType(ValType.I16, false)), m.types().get(1).composite());
        assertEquals(new SubType(true, List.of(0), new StructType(List.of())), m.types().get(2));
        assertEquals(new FuncType(List.of(ValType.ref(false, HeapType.STRUCT)), List.of(ValType.V128)),
                m.types().get(3).composite());
        malformed("malformed mutability", module(1, b(0x01, 0x5E, 0x7F, 0x02)));
        malformed("malformed storage type", module(1, b(0x01, 0x5E, 0x60, 0x00)));
        malformed("malformed definition type", module(1, b(0x01, 0x61)));
        malformed("malformed value type", module(1, b(0x01, 0x60, 0x01, 0x10, 0x00)));
    }

    @Test
    void importsOfEveryKind() {
        InstructionWriter w = new InstructionWriter();
        w.u32(5);
        w.name("env").name("f").byteValue(0).u32(0);
        w.name("env").name("t").byteValue(1).byteValue(0x70).byteValue(0x01).u32(1).u32(10);
        w.name("env").name("m").byteValue(2).byteValue(0x07).u64(1).u64(1L << 40);
        w.name("env").name("g").byteValue(3).byteValue(0x7F).byteValue(1);
        w.name("env").name("e").byteValue(4).byteValue(0).u32(0);
        WasmModule m = roundTrip(module(1, TYPE_VOID, 2, w.toByteArray()));
        assertEquals(5, m.imports().size());
        assertEquals(new ExternType.Func(0), m.imports().get(0).type());
        assertEquals(new TableType(ValType.FUNCREF, Limits.of(1, 10)), m.imports().get(1).type());
        assertEquals(new MemoryType(new Limits(1, true, 1L << 40, true, true, 16)), m.imports().get(2).type());
        assertEquals(new GlobalType(ValType.I32, true), m.imports().get(3).type());
        assertEquals(new TagType(0), m.imports().get(4).type());
        assertEquals(1, m.importedFunctionCount());
        assertEquals(1, m.tagCount());
        malformed("malformed import kind", module(2, b(0x01, 0x00, 0x00, 0x05, 0x00)));
        malformed("malformed mutability", module(2, b(0x01, 0x00, 0x00, 0x03, 0x7F, 0x02)));
    }

    @Test
    void tablesMemoriesTagsGlobalsExportsStart() {
        byte[] tables = b(0x02,
                0x70, 0x00, 0x01,                                  // funcref min 1
                0x40, 0x00, 0x64, 0x70, 0x00, 0x02, 0xD2, 0x00, 0x0B); // (ref func) 2 init ref.func 0
        byte[] memories = b(0x02, 0x08, 0x01, 0x00, 0x01, 0x00, 0x02); // 1-byte pages; min 0 max 2
        byte[] tags = b(0x01, 0x00, 0x00);
        byte[] globals = b(0x01, 0x7E, 0x01, 0x42, 0x7F, 0x0B);     // (mut i64) (i64.const -1)
        byte[] exports = b(0x02, 0x01, 'f', 0x00, 0x00, 0x03, 'm', 'e', 'm', 0x02, 0x01);
        WasmModule m = roundTrip(module(1, TYPE_VOID, 3, ONE_FUNC, 4, tables, 5, memories, 13, tags, 6, globals,
                7, exports, 8, b(0x00), 10, EMPTY_BODY));
        assertNull(m.tables().get(0).init());
        assertArrayEquals(b(0xD2, 0x00, 0x0B), m.tables().get(1).init().bytes());
        assertEquals(ValType.ref(false, HeapType.FUNC), m.tables().get(1).type().elementType());
        assertEquals(0, m.memories().get(0).limits().pageSizeLog2());
        assertEquals(Limits.of(0, 2), m.memories().get(1).limits());
        assertEquals(new TagType(0), m.tags().get(0));
        assertArrayEquals(b(0x42, 0x7F, 0x0B), m.globals().get(0).init().bytes());
        assertEquals(new Export("mem", ExternKind.MEMORY, 1), m.exports().get(1));
        assertEquals(0, m.start());
        malformed("malformed export kind", module(7, b(0x01, 0x00, 0x05, 0x00)));
        malformed("malformed limits flags", module(5, b(0x01, 0x10, 0x00)));
    }

    @Test
    void elementSegmentsAllEightForms() {
        byte[] off = {0x41, 0x00, 0x0B};
        InstructionWriter w = new InstructionWriter();
        w.u32(8);
        w.byteValue(0).bytes(off).u32(1).u32(0);                               // 0 active, indices
        w.byteValue(1).byteValue(0).u32(1).u32(0);                             // 1 passive, indices
        w.byteValue(2).u32(1).bytes(off).byteValue(0).u32(1).u32(0);          // 2 active table 1, indices
        w.byteValue(3).byteValue(0).u32(1).u32(0);                             // 3 declarative, indices
        w.byteValue(4).bytes(off).u32(1).bytes(b(0xD2, 0x00, 0x0B));           // 4 active, exprs
        w.byteValue(5).byteValue(0x70).u32(1).bytes(b(0xD0, 0x70, 0x0B));      // 5 passive, exprs
        w.byteValue(6).u32(1).bytes(off).byteValue(0x70).u32(0);               // 6 active table 1, exprs
        w.byteValue(7).byteValue(0x70).u32(1).bytes(b(0xD2, 0x00, 0x0B));      // 7 declarative, exprs
        byte[] tables = b(0x02, 0x70, 0x00, 0x01, 0x70, 0x00, 0x01);
        WasmModule m = roundTrip(module(1, TYPE_VOID, 3, ONE_FUNC, 4, tables, 9, w.toByteArray(), 10, EMPTY_BODY));
        List<ElementSegment> es = m.elements();
        SegmentMode[] modes = {SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE};
        for (int i = 0; i < 8; i++) {
            ElementSegment e = es.get(i);
            assertEquals(modes[i % 4], e.mode(), "form " + i);
            assertEquals(i % 4 == 2 ? 1 : 0, e.tableIndex(), "form " + i);
            assertEquals(i < 4, e.functionIndices() != null, "form " + i);
            assertEquals(e.mode() == SegmentMode.ACTIVE, e.offset() != null, "form " + i);
            // Index forms have type (ref func), expression forms funcref (spec 5.5.12).
            assertEquals(i < 4 ? ValType.REF_FUNC : ValType.FUNCREF, e.type(), "form " + i);
        }
        assertEquals(0, es.get(6).size());
        malformed("malformed elements segment kind", module(9, b(0x01, 0x08)));
        malformed("malformed element kind", module(9, b(0x01, 0x01, 0x01, 0x00)));
        malformed("malformed reference type", module(9, b(0x01, 0x05, 0x7F, 0x00)));
    }

    @Test
    void dataSegmentsAndDataCount() {
        byte[] data = b(0x03,
                0x00, 0x41, 0x00, 0x0B, 0x02, 'h', 'i',
                0x01, 0x01, 'x',
                0x02, 0x01, 0x41, 0x08, 0x0B, 0x00);
        byte[] mems = b(0x02, 0x00, 0x01, 0x00, 0x01);
        byte[] body = b(0x01, 0x05, 0x00, 0xFC, 0x09, 0x01, 0x0B); // data.drop 1
        WasmModule m = roundTrip(module(1, TYPE_VOID, 3, ONE_FUNC, 5, mems, 12, b(0x03), 10, body, 11, data));
        assertEquals(3, m.dataCount());
        assertEquals(SegmentMode.PASSIVE, m.data().get(1).mode());
        assertEquals(1, m.data().get(2).memoryIndex());
        assertArrayEquals(b('h', 'i'), m.data().get(0).data());
        malformed("data count section required", module(1, TYPE_VOID, 3, ONE_FUNC, 5, mems, 10, body, 11, data));
        malformed("data count and data section have inconsistent lengths",
                module(1, TYPE_VOID, 3, ONE_FUNC, 5, mems, 12, b(0x02), 10, body, 11, data));
        malformed("malformed data segment kind", module(11, b(0x01, 0x03)));
        malformed("unexpected end", module(11, b(0x01, 0x01, 0x05, 'a')));
    }

    @Test
    void codeStructureAndLocals() {
        // locals: 2 x i32, 1 x f64; body: block, if/else, legacy try/catch/catch_all, try/delegate, try_table
        byte[] code = b(0x02, 0x02, 0x7F, 0x01, 0x7C,
                0x02, 0x40, 0x0B,
                0x41, 0x01, 0x04, 0x40, 0x05, 0x0B,
                0x06, 0x40, 0x07, 0x00, 0x19, 0x0B,
                0x06, 0x40, 0x18, 0x00,
                0x1F, 0x40, 0x01, 0x02, 0x00, 0x0B,
                0x0B);
        InstructionWriter body = new InstructionWriter().u32(code.length).bytes(code);
        byte[] sec = new InstructionWriter().u32(1).bytes(body.toByteArray()).toByteArray();
        byte[] tags = b(0x01, 0x00, 0x00);
        byte[] bytes = module(1, TYPE_VOID, 3, ONE_FUNC, 13, tags, 10, sec);
        WasmModule m = roundTrip(bytes);
        FunctionBody f = m.code().get(0);
        assertEquals(List.of(new Local(2, ValType.I32), new Local(1, ValType.F64)), f.locals());
        assertEquals(3, f.localCount());
        assertEquals(code.length - 5, f.code().length());
        // Offsets point into the original binary.
        SectionInfo cs = m.sections().get(m.sections().size() - 1);
        assertEquals(10, cs.id());
        assertEquals(cs.offset() + 2, f.sourceOffset());
        assertEquals(f.sourceOffset() + 5, f.code().sourceOffset());
        assertEquals(0x02, bytes[f.code().sourceOffset()]);

        malformed("END opcode expected", codeModule(0x05, 0x0B));               // else outside if
        malformed("END opcode expected", codeModule(0x02, 0x40, 0x05, 0x0B, 0x0B)); // else in block
        malformed("END opcode expected", codeModule(0x07, 0x00, 0x0B));         // catch outside try
        malformed("END opcode expected", codeModule(0x06, 0x40, 0x19, 0x07, 0x00, 0x0B, 0x0B)); // catch after catch_all
        malformed("section size mismatch", codeModule(0x0B, 0x0B));            // junk after end
        malformed("illegal opcode", codeModule(0xFF, 0x0B));
        malformed("too many locals", module(1, TYPE_VOID, 3, ONE_FUNC,
                10, b(0x01, 0x0D, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7F, 0x0B, 0x00, 0x00, 0x00)));
        malformed("function and code section have inconsistent lengths", module(1, TYPE_VOID, 3, ONE_FUNC));
        malformed("function and code section have inconsistent lengths", module(1, TYPE_VOID, 10, EMPTY_BODY));
    }

    static byte[] codeModule(int... code) {
        byte[] c = b(code);
        InstructionWriter body = new InstructionWriter().u32(c.length + 1).byteValue(0).bytes(c);
        return module(1, TYPE_VOID, 3, ONE_FUNC, 13, b(0x01, 0x00, 0x00), 10,
                new InstructionWriter().u32(1).bytes(body.toByteArray()).toByteArray());
    }

    @Test
    void sectionOrderAndSizes() {
        malformed("unexpected content after last section", module(3, b(0x00), 1, b(0x00)));
        malformed("unexpected content after last section", module(1, b(0x00), 1, b(0x00)));
        malformed("unexpected content after last section", module(10, b(0x00), 12, b(0x00)));
        malformed("malformed section id", module(14, b()));
        malformed("section size mismatch", module(1, b(0x00, 0x00)));
        malformed("length out of bounds", b(0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, 0x10, 0x00));
        // Tag section goes between memory and global; data count between element and code.
        roundTrip(module(5, b(0x00), 13, b(0x00), 6, b(0x00), 9, b(0x00), 12, b(0x00), 10, b(0x00), 11, b(0x00)));
    }

    @Test
    void hugeCountsFailFastWithoutAllocating() {
        long t0 = System.nanoTime();
        for (int id : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13}) {
            malformed("unexpected end", module(id, b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        }
        malformed("unexpected end", b(0, 'a', 's', 'm', 1, 0, 0, 0, 0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    }

    @Test
    void customSectionsKeepTheirPlaceAndNamesAreParsed() {
        InstructionWriter names = new InstructionWriter();
        names.byteValue(0).u32(4).name("mod");                                  // module name
        byte[] fn = new InstructionWriter().u32(1).u32(0).name("main").toByteArray();
        names.byteValue(1).u32(fn.length).bytes(fn);
        byte[] ln = new InstructionWriter().u32(1).u32(0).u32(1).u32(0).name("x").toByteArray();
        names.byteValue(2).u32(ln.length).bytes(ln);
        names.byteValue(3).u32(1).byteValue(0);                                 // labels: skipped
        byte[] gn = new InstructionWriter().u32(1).u32(0).name("g").toByteArray();
        names.byteValue(7).u32(gn.length).bytes(gn);
        byte[] nameSec = new InstructionWriter().name("name").bytes(names.toByteArray()).toByteArray();
        byte[] first = new InstructionWriter().name("first").byteValue(42).toByteArray();
        byte[] mid = new InstructionWriter().name("mid").toByteArray();
        byte[] bytes = module(0, first, 1, TYPE_VOID, 0, mid, 3, ONE_FUNC, 10, EMPTY_BODY, 0, nameSec);
        WasmModule m = roundTrip(bytes);
        assertArrayEquals(bytes, WasmEncoder.encode(m)); // canonical input re-encodes byte for byte
        assertEquals(List.of("first", "mid", "name"), m.customSections().stream().map(CustomSection::name).toList());
        assertEquals(List.of(0, 1, 10), m.customSections().stream().map(CustomSection::afterSection).toList());
        assertEquals(6, m.sections().size());
        assertEquals("first", m.sections().get(0).name());
        assertEquals(10, m.sections().get(0).offset());
        assertEquals("mod", m.names().moduleName());
        assertEquals("main", m.functionName(0));
        assertEquals("x", m.names().localName(0, 0));
        assertEquals(Map.of(0, "g"), m.names().globals());

        // A malformed name section never fails the decode.
        byte[] bad = new InstructionWriter().name("name").bytes(b(0x01, 0x7F, 0x05, 0xFF)).toByteArray();
        WasmModule m2 = WasmDecoder.decode(module(1, TYPE_VOID, 0, bad));
        assertEquals(Names.EMPTY, m2.names());
        byte[] badUtf8 = new InstructionWriter().name("name").bytes(b(0x00, 0x02, 0x01, 0xC0)).toByteArray();
        assertEquals(Names.EMPTY, WasmDecoder.decode(module(0, badUtf8)).names());
        // ...but a malformed custom section name does.
        malformed("malformed UTF-8 encoding", module(0, b(0x01, 0xFF)));
        malformed("length out of bounds", module(0, b(0x05, 'a')));
    }

    @Test
    void namesAreEmittedWhenTheModuleHasNoRawNameSection() {
        Names names = new Names("m", Map.of(0, "f"), Map.of(0, Map.of(0, "p")), Map.of(0, "t"), Map.of(),
                Map.of(0, "mem"), Map.of(), Map.of());
        WasmModule m = WasmModule.builder().addType(SubType.of(new FuncType(List.of(ValType.I32), List.of())))
                .addFunction(0).addMemory(new MemoryType(Limits.of(1)))
                .addCode(new FunctionBody(List.of(), new InstructionWriter().op(Opcode.END).toExpression(), 0))
                .names(names).build();
        WasmModule back = WasmDecoder.decode(WasmEncoder.encode(m));
        assertEquals(m, back);
        assertEquals(names, back.names());
        assertEquals("name", back.customSections().get(0).name());
    }
}
