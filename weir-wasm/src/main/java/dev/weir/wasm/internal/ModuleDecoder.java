package dev.weir.wasm.internal;

import dev.weir.wasm.ArrayType;
import dev.weir.wasm.CompositeType;
import dev.weir.wasm.CustomSection;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Global;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Import;
import dev.weir.wasm.Local;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SectionInfo;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Table;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a whole module (spec 5.5). Like the reference interpreter, section contents are read
 * from the module's byte stream and the declared size is checked afterwards ("section size
 * mismatch"), so errors carry the same wording; vector counts are checked against the remaining
 * bytes before anything is allocated. Every function body and constant expression is walked once
 * by {@link BodyWalker}, so malformed instructions are reported here.
 */
public final class ModuleDecoder {
    /** Section ids in their required order (spec 5.5.2; tag after memory, datacount before code). */
    private static final int[] RANK = new int[14];

    static {
        int[] order = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
        for (int i = 0; i < order.length; i++) {
            RANK[order[i]] = i + 1;
        }
    }

    private final byte[] bytes;
    private final ByteReader in;
    private final WasmModule.Builder mb = WasmModule.builder();
    private final BodyWalker walker = new BodyWalker();
    private int functionCount;
    private int codeCount = -1;
    private int dataCount = -1;
    private int dataSegments = -1;
    private byte[] nameSection;
    private int nameSectionOffset;

    public ModuleDecoder(byte[] bytes) {
        this.bytes = bytes;
        this.in = new ByteReader(bytes);
    }

    public WasmModule decode() {
        header();
        int lastRank = 0;
        int lastId = 0;
        while (!in.atEnd()) {
            int idPos = in.pos();
            int id = in.u8();
            if (id > 13) {
                throw in.errorAt("malformed section id", idPos);
            }
            int size = in.len();
            int start = in.pos();
            int end = start + size;
            if (id == 0) {
                String name = custom(start, end, lastId);
                mb.addSection(new SectionInfo(0, name, start, size));
                continue;
            }
            if (RANK[id] <= lastRank) {
                throw in.errorAt("unexpected content after last section", idPos);
            }
            lastRank = RANK[id];
            lastId = id;
            section(id);
            if (in.pos() != end) {
                throw in.errorAt("section size mismatch", start);
            }
            mb.addSection(new SectionInfo(id, SectionInfo.nameOf(id), start, size));
        }
        if (functionCount != Math.max(codeCount, 0)) {
            throw new MalformedModuleException("function and code section have inconsistent lengths", bytes.length);
        }
        if (dataCount >= 0 && dataCount != Math.max(dataSegments, 0)) {
            throw new MalformedModuleException("data count and data section have inconsistent lengths", bytes.length);
        }
        if (dataCount < 0 && walker.usesDataIndex()) {
            throw new MalformedModuleException("data count section required", bytes.length);
        }
        if (nameSection != null) {
            mb.names(NameSectionReader.read(nameSection, nameSectionOffset));
        }
        return mb.build();
    }

    private void header() {
        if (bytes.length < 4) {
            throw new MalformedModuleException("unexpected end", bytes.length);
        }
        if (bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
            throw new MalformedModuleException("magic header not detected", 0);
        }
        if (bytes.length < 8) {
            throw new MalformedModuleException("unexpected end", bytes.length);
        }
        if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
            throw new MalformedModuleException("unknown binary version", 4);
        }
        in.pos(8);
    }

    private String custom(int start, int end, int afterSection) {
        int saved = in.limit();
        in.limit(end);
        String name = in.name();
        byte[] content = in.bytes(end - in.pos());
        in.limit(saved);
        mb.addCustomSection(new CustomSection(name, content, afterSection));
        if (name.equals("name") && nameSection == null) {
            nameSection = content;
            nameSectionOffset = end - content.length;
        }
        return name;
    }

    private void section(int id) {
        switch (id) {
            case 1: typeSection(); break;
            case 2: importSection(); break;
            case 3: functionSection(); break;
            case 4: tableSection(); break;
            case 5: memorySection(); break;
            case 6: globalSection(); break;
            case 7: exportSection(); break;
            case 8: mb.start(clampIndex(in.u32())); break;
            case 9: elementSection(); break;
            case 10: codeSection(); break;
            case 11: dataSection(); break;
            case 12: dataCount = clampIndex(in.u32()); mb.dataCount(dataCount); break;
            case 13: tagSection(); break;
            default: throw new AssertionError(id);
        }
    }

    /** u32 values the model keeps in an int with -1 meaning "absent" are clamped below 2^31. */
    private static int clampIndex(int u32) {
        return u32 < 0 ? Integer.MAX_VALUE : u32;
    }

    // ---- types (spec 5.3.8-5.3.10, GC) ----

    private void typeSection() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            if (in.peek() == 0x4E) {
                in.u8();
                int m = in.count(1);
                List<SubType> group = new ArrayList<>(m);
                for (int k = 0; k < m; k++) {
                    group.add(subType());
                }
                mb.addRecGroup(new RecGroup(group));
            } else {
                mb.addRecGroup(new RecGroup(List.of(subType())));
            }
        }
    }

    private SubType subType() {
        int b = in.peek();
        if (b == 0x50 || b == 0x4F) {
            in.u8();
            int n = in.count(1);
            List<Integer> supers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                supers.add(in.u32());
            }
            return new SubType(b == 0x4F, supers, compositeType());
        }
        return new SubType(true, List.of(), compositeType());
    }

    private CompositeType compositeType() {
        int p = in.pos();
        int b = in.u8();
        if (b >= 0x80) {
            // The reference reads this byte as an s7: a continuation bit makes it too long.
            throw in.errorAt("integer representation too long", p + 1);
        }
        switch (b) {
            case 0x60: {
                List<ValType> params = valTypes();
                List<ValType> results = valTypes();
                return new FuncType(params, results);
            }
            case 0x5F: {
                int n = in.count(2);
                List<FieldType> fields = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    fields.add(fieldType());
                }
                return new StructType(fields);
            }
            case 0x5E:
                return new ArrayType(fieldType());
            default:
                throw in.errorAt("malformed definition type", p);
        }
    }

    private List<ValType> valTypes() {
        int n = in.count(1);
        ValType[] ts = new ValType[n];
        for (int i = 0; i < n; i++) {
            ts[i] = in.valType();
        }
        return Arrays.asList(ts);
    }

    private FieldType fieldType() {
        ValType t = in.storageType();
        return new FieldType(t, mutability());
    }

    private boolean mutability() {
        int p = in.pos();
        int m = in.u8();
        if (m > 1) {
            throw in.errorAt("malformed mutability", p);
        }
        return m == 1;
    }

    // ---- imports, functions, tables, memories, tags, globals, exports ----

    private void importSection() {
        int n = in.count(3);
        for (int i = 0; i < n; i++) {
            String module = in.name();
            String name = in.name();
            int p = in.pos();
            int kind = in.u8();
            ExternType t;
            switch (kind) {
                case 0: t = new ExternType.Func(in.u32()); break;
                case 1: t = tableType(); break;
                case 2: t = new MemoryType(in.limits(true)); break;
                case 3: t = globalType(); break;
                case 4: t = tagType(); break;
                default: throw in.errorAt("malformed import kind", p);
            }
            mb.addImport(new Import(module, name, t));
        }
    }

    private void functionSection() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            mb.addFunction(in.u32());
        }
        functionCount = n;
    }

    private TableType tableType() {
        ValType t = in.refType();
        return new TableType(t, in.limits(false));
    }

    private void tableSection() {
        int n = in.count(2);
        for (int i = 0; i < n; i++) {
            if (in.peek() == 0x40) {
                // Wasm 3.0 table with an initializer: 0x40 0x00 tabletype expr (spec 5.5.7).
                in.u8();
                int p = in.pos();
                if (in.u8() != 0) {
                    throw in.errorAt("malformed table", p);
                }
                TableType tt = tableType();
                mb.addTable(new Table(tt, constExpr()));
            } else {
                mb.addTable(new Table(tableType(), null));
            }
        }
    }

    private void memorySection() {
        int n = in.count(2);
        for (int i = 0; i < n; i++) {
            mb.addMemory(new MemoryType(in.limits(true)));
        }
    }

    private TagType tagType() {
        int p = in.pos();
        if (in.u8() != 0) {
            throw in.errorAt("malformed tag attribute", p);
        }
        return new TagType(in.u32());
    }

    private void tagSection() {
        int n = in.count(2);
        for (int i = 0; i < n; i++) {
            mb.addTag(tagType());
        }
    }

    private GlobalType globalType() {
        ValType t = in.valType();
        return new GlobalType(t, mutability());
    }

    private void globalSection() {
        int n = in.count(3);
        for (int i = 0; i < n; i++) {
            GlobalType t = globalType();
            mb.addGlobal(new Global(t, constExpr()));
        }
    }

    private void exportSection() {
        int n = in.count(3);
        ExternKind[] kinds = ExternKind.values();
        for (int i = 0; i < n; i++) {
            String name = in.name();
            int p = in.pos();
            int kind = in.u8();
            if (kind >= kinds.length) {
                throw in.errorAt("malformed export kind", p);
            }
            mb.addExport(new Export(name, kinds[kind], in.u32()));
        }
    }

    private Expression constExpr() {
        int start = in.pos();
        int end = walker.walk(bytes, start, bytes.length);
        in.pos(end);
        return new Expression(Arrays.copyOfRange(bytes, start, end), start);
    }

    // ---- element segments (spec 5.5.12): flags 0-7 ----

    private void elementSection() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            int p = in.pos();
            int flags = in.u32();
            if (flags < 0 || flags > 7) {
                throw in.errorAt("malformed elements segment kind", p);
            }
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            SegmentMode mode = !passiveOrDeclarative ? SegmentMode.ACTIVE
                    : explicitTable ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
            int table = 0;
            Expression offset = null;
            if (mode == SegmentMode.ACTIVE) {
                if (explicitTable) {
                    table = in.u32();
                }
                offset = constExpr();
            }
            // Function-index forms have type (ref func); the expression forms without an explicit
            // type have funcref (spec 5.5.12).
            ValType type = expressions ? ValType.FUNCREF : ValType.REF_FUNC;
            if (passiveOrDeclarative || explicitTable) {
                if (expressions) {
                    type = in.refType();
                } else {
                    int kp = in.pos();
                    if (in.u8() != 0) {
                        throw in.errorAt("malformed element kind", kp);
                    }
                }
            }
            int count = in.count(1);
            if (expressions) {
                List<Expression> items = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    items.add(constExpr());
                }
                mb.addElement(new ElementSegment(mode, table, offset, type, null, items));
            } else {
                int[] funcs = new int[count];
                for (int k = 0; k < count; k++) {
                    funcs[k] = in.u32();
                }
                mb.addElement(new ElementSegment(mode, table, offset, type, funcs, null));
            }
        }
    }

    // ---- code (spec 5.5.13) ----

    private void codeSection() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            int size = in.len();
            int start = in.pos();
            int localRuns = in.count(2);
            // Sized by what the body can hold, not by the (attacker-chosen) count.
            List<Local> locals = new ArrayList<>(Math.min(localRuns, Math.max(0, size / 2)));
            long total = 0;
            for (int k = 0; k < localRuns; k++) {
                int p = in.pos();
                int c = in.u32();
                total += Integer.toUnsignedLong(c);
                if (total > 0xFFFFFFFFL) {
                    throw in.errorAt("too many locals", p);
                }
                locals.add(new Local(c, in.valType()));
            }
            int codeStart = in.pos();
            int end = walker.walk(bytes, codeStart, bytes.length);
            if (end != start + size) {
                throw in.errorAt("section size mismatch", start);
            }
            in.pos(end);
            Expression code = new Expression(Arrays.copyOfRange(bytes, codeStart, end), codeStart);
            mb.addCode(new FunctionBody(locals, code, start));
        }
        codeCount = n;
    }

    // ---- data (spec 5.5.14): flags 0-2 ----

    private void dataSection() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            int p = in.pos();
            int flags = in.u32();
            SegmentMode mode;
            int memory = 0;
            Expression offset = null;
            switch (flags) {
                case 0:
                    mode = SegmentMode.ACTIVE;
                    offset = constExpr();
                    break;
                case 1:
                    mode = SegmentMode.PASSIVE;
                    break;
                case 2:
                    mode = SegmentMode.ACTIVE;
                    memory = in.u32();
                    offset = constExpr();
                    break;
                default:
                    throw in.errorAt("malformed data segment kind", p);
            }
            int len = in.byteLen();
            mb.addData(new DataSegment(mode, memory, offset, in.bytes(len)));
        }
        dataSegments = n;
    }
}
