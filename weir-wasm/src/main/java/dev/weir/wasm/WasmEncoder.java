package dev.weir.wasm;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link WasmModule} in the binary format (spec chapter 5), canonically: shortest LEB128s,
 * empty sections omitted, single-type recursion groups without the {@code rec} prefix, element and
 * data segments in the most compact form that preserves them. Custom sections are put back after
 * the section they followed ({@link CustomSection#afterSection()}); when the module has
 * {@link Names} but no raw {@code name} section, one is generated at the end.
 *
 * <p>{@code WasmDecoder.decode(WasmEncoder.encode(m)).equals(m)} holds for every module whose
 * index-form element segments have type {@code funcref} and whose table limits use the default
 * page size (the binary format cannot express anything else).
 */
public final class WasmEncoder {
    /** Standard sections in binary order (tag after memory, data count before code). */
    private static final int[] ORDER = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};

    private final WasmModule m;
    private final InstructionWriter out = new InstructionWriter(4096);
    private final InstructionWriter sec = new InstructionWriter(1024);

    private WasmEncoder(WasmModule m) {
        this.m = m;
    }

    public static byte[] encode(WasmModule module) {
        return new WasmEncoder(module).run();
    }

    private byte[] run() {
        out.bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        boolean hasRawNames = false;
        for (CustomSection c : m.customSections()) {
            hasRawNames |= c.name().equals("name");
        }
        customs(0);
        for (int id : ORDER) {
            sec.reset();
            if (section(id)) {
                out.byteValue(id);
                out.u32(sec.size());
                out.bytes(sec.toByteArray());
            }
            customs(id);
        }
        for (CustomSection c : m.customSections()) {
            if (c.afterSection() < 0 || c.afterSection() > 13) {
                custom(c.name(), c.content());
            }
        }
        if (!hasRawNames && !m.names().equals(Names.EMPTY)) {
            custom("name", names(m.names()));
        }
        return out.toByteArray();
    }

    private void customs(int after) {
        for (CustomSection c : m.customSections()) {
            if (c.afterSection() == after) {
                custom(c.name(), c.content());
            }
        }
    }

    private void custom(String name, byte[] content) {
        InstructionWriter w = new InstructionWriter(content.length + 16);
        w.name(name).bytes(content);
        out.byteValue(0).u32(w.size()).bytes(w.toByteArray());
    }

    private static void u32(InstructionWriter w, int v) {
        w.u32(Integer.toUnsignedLong(v));
    }

    /** Writes a section's content into {@link #sec}; false if the section is omitted. */
    private boolean section(int id) {
        InstructionWriter w = sec;
        switch (id) {
            case 1:
                if (m.recGroups().isEmpty()) {
                    return false;
                }
                w.u32(m.recGroups().size());
                for (RecGroup g : m.recGroups()) {
                    if (g.types().size() != 1) {
                        w.byteValue(0x4E).u32(g.types().size());
                    }
                    for (SubType t : g.types()) {
                        subType(w, t);
                    }
                }
                return true;
            case 2:
                if (m.imports().isEmpty()) {
                    return false;
                }
                w.u32(m.imports().size());
                for (Import i : m.imports()) {
                    w.name(i.module()).name(i.name());
                    externType(w, i.type());
                }
                return true;
            case 3:
                if (m.definedFunctionCount() == 0) {
                    return false;
                }
                w.u32(m.definedFunctionCount());
                for (int i = 0; i < m.definedFunctionCount(); i++) {
                    u32(w, m.definedFunctionType(i));
                }
                return true;
            case 4:
                if (m.tables().isEmpty()) {
                    return false;
                }
                w.u32(m.tables().size());
                for (Table t : m.tables()) {
                    if (t.init() != null) {
                        w.byteValue(0x40).byteValue(0x00);
                        tableType(w, t.type());
                        w.bytes(t.init().bytes());
                    } else {
                        tableType(w, t.type());
                    }
                }
                return true;
            case 5:
                if (m.memories().isEmpty()) {
                    return false;
                }
                w.u32(m.memories().size());
                for (MemoryType t : m.memories()) {
                    limits(w, t.limits(), true);
                }
                return true;
            case 13:
                if (m.tags().isEmpty()) {
                    return false;
                }
                w.u32(m.tags().size());
                for (TagType t : m.tags()) {
                    w.byteValue(0);
                    u32(w, t.typeIndex());
                }
                return true;
            case 6:
                if (m.globals().isEmpty()) {
                    return false;
                }
                w.u32(m.globals().size());
                for (Global g : m.globals()) {
                    w.valType(g.type().type()).byteValue(g.type().mutable() ? 1 : 0);
                    w.bytes(g.init().bytes());
                }
                return true;
            case 7:
                if (m.exports().isEmpty()) {
                    return false;
                }
                w.u32(m.exports().size());
                for (Export e : m.exports()) {
                    w.name(e.name()).byteValue(e.kind().ordinal());
                    u32(w, e.index());
                }
                return true;
            case 8:
                if (m.start() < 0) {
                    return false;
                }
                u32(w, m.start());
                return true;
            case 9:
                if (m.elements().isEmpty()) {
                    return false;
                }
                w.u32(m.elements().size());
                for (ElementSegment e : m.elements()) {
                    element(w, e);
                }
                return true;
            case 12:
                if (m.dataCount() < 0) {
                    return false;
                }
                u32(w, m.dataCount());
                return true;
            case 10:
                if (m.code().isEmpty()) {
                    return false;
                }
                w.u32(m.code().size());
                InstructionWriter body = new InstructionWriter(256);
                for (FunctionBody f : m.code()) {
                    body.reset();
                    body.u32(f.locals().size());
                    for (Local l : f.locals()) {
                        u32(body, l.count());
                        body.valType(l.type());
                    }
                    body.bytes(f.code().bytes());
                    w.u32(body.size());
                    w.bytes(body.toByteArray());
                }
                return true;
            case 11:
                if (m.data().isEmpty()) {
                    return false;
                }
                w.u32(m.data().size());
                for (DataSegment d : m.data()) {
                    if (d.mode() == SegmentMode.PASSIVE) {
                        w.byteValue(1);
                    } else if (d.memoryIndex() == 0) {
                        w.byteValue(0).bytes(d.offset().bytes());
                    } else {
                        w.byteValue(2);
                        u32(w, d.memoryIndex());
                        w.bytes(d.offset().bytes());
                    }
                    w.u32(d.data().length).bytes(d.data());
                }
                return true;
            default:
                throw new AssertionError(id);
        }
    }

    private static void subType(InstructionWriter w, SubType t) {
        if (!t.isFinal() || !t.supertypes().isEmpty()) {
            w.byteValue(t.isFinal() ? 0x4F : 0x50).u32(t.supertypes().size());
            for (int s : t.supertypes()) {
                u32(w, s);
            }
        }
        CompositeType c = t.composite();
        if (c instanceof FuncType) {
            FuncType f = (FuncType) c;
            w.byteValue(0x60).u32(f.params().size());
            for (ValType v : f.params()) {
                w.valType(v);
            }
            w.u32(f.results().size());
            for (ValType v : f.results()) {
                w.valType(v);
            }
        } else if (c instanceof StructType) {
            List<FieldType> fs = ((StructType) c).fields();
            w.byteValue(0x5F).u32(fs.size());
            for (FieldType f : fs) {
                w.valType(f.storage()).byteValue(f.mutable() ? 1 : 0);
            }
        } else {
            FieldType f = ((ArrayType) c).element();
            w.byteValue(0x5E).valType(f.storage()).byteValue(f.mutable() ? 1 : 0);
        }
    }

    private static void externType(InstructionWriter w, ExternType t) {
        if (t instanceof ExternType.Func) {
            w.byteValue(0);
            u32(w, ((ExternType.Func) t).typeIndex());
        } else if (t instanceof TableType) {
            w.byteValue(1);
            tableType(w, (TableType) t);
        } else if (t instanceof MemoryType) {
            w.byteValue(2);
            limits(w, ((MemoryType) t).limits(), true);
        } else if (t instanceof GlobalType) {
            GlobalType g = (GlobalType) t;
            w.byteValue(3).valType(g.type()).byteValue(g.mutable() ? 1 : 0);
        } else {
            w.byteValue(4).byteValue(0);
            u32(w, ((TagType) t).typeIndex());
        }
    }

    private static void tableType(InstructionWriter w, TableType t) {
        w.valType(t.elementType());
        limits(w, t.limits(), false);
    }

    /** Limits flags: bit 0 max, bit 1 shared, bit 2 64-bit, bit 3 explicit page size (memories only). */
    private static void limits(InstructionWriter w, Limits l, boolean memory) {
        boolean page = memory && l.hasCustomPageSize();
        int flags = (l.hasMax() ? 1 : 0) | (l.shared() ? 2 : 0) | (l.address64() ? 4 : 0) | (page ? 8 : 0);
        w.byteValue(flags);
        // Wasm 3.0 reads limits as u64 for every address type; out-of-range 32-bit limits are a
        // validation error, so the encoder must still be able to write them.
        w.u64(l.min());
        if (l.hasMax()) {
            w.u64(l.max());
        }
        if (page) {
            w.u32(l.pageSizeLog2());
        }
    }

    /** Element segment forms (spec 5.5.12): bit 0 passive/declarative, bit 1 explicit table/kind, bit 2 expressions. */
    private static void element(InstructionWriter w, ElementSegment e) {
        boolean exprs = e.functionIndices() == null || !e.type().equals(ValType.REF_FUNC);
        boolean active = e.mode() == SegmentMode.ACTIVE;
        // Without an explicit type, index forms mean (ref func) and expression forms funcref.
        ValType implicitType = exprs ? ValType.FUNCREF : ValType.REF_FUNC;
        boolean explicit = active ? e.tableIndex() != 0 || !e.type().equals(implicitType)
                : e.mode() == SegmentMode.DECLARATIVE;
        int flags = (active ? 0 : 1) | (explicit ? 2 : 0) | (exprs ? 4 : 0);
        w.byteValue(flags);
        if (active) {
            if (explicit) {
                u32(w, e.tableIndex());
            }
            w.bytes(e.offset().bytes());
        }
        if (!active || explicit) {
            if (exprs) {
                w.valType(e.type());
            } else {
                w.byteValue(0x00); // elemkind funcref
            }
        }
        w.u32(e.size());
        if (e.functionIndices() != null) {
            for (int f : e.functionIndices()) {
                if (exprs) {
                    w.op(Opcode.REF_FUNC);
                    u32(w, f);
                    w.op(Opcode.END);
                } else {
                    u32(w, f);
                }
            }
        } else {
            for (Expression x : e.expressions()) {
                w.bytes(x.bytes());
            }
        }
    }

    // ---- name section (appendix 7.4.1 and extended names) ----

    private static byte[] names(Names n) {
        InstructionWriter w = new InstructionWriter(256);
        if (n.moduleName() != null) {
            InstructionWriter s = new InstructionWriter();
            s.name(n.moduleName());
            subsection(w, 0, s);
        }
        nameMapSubsection(w, 1, n.functions());
        if (!n.locals().isEmpty()) {
            InstructionWriter s = new InstructionWriter();
            TreeMap<Integer, Map<Integer, String>> sorted = new TreeMap<>(Integer::compareUnsigned);
            sorted.putAll(n.locals());
            s.u32(sorted.size());
            for (Map.Entry<Integer, Map<Integer, String>> e : sorted.entrySet()) {
                u32(s, e.getKey());
                nameMap(s, e.getValue());
            }
            subsection(w, 2, s);
        }
        nameMapSubsection(w, 4, n.types());
        nameMapSubsection(w, 5, n.tables());
        nameMapSubsection(w, 6, n.memories());
        nameMapSubsection(w, 7, n.globals());
        nameMapSubsection(w, 11, n.tags());
        return w.toByteArray();
    }

    private static void nameMapSubsection(InstructionWriter w, int id, Map<Integer, String> map) {
        if (map.isEmpty()) {
            return;
        }
        InstructionWriter s = new InstructionWriter();
        nameMap(s, map);
        subsection(w, id, s);
    }

    private static void nameMap(InstructionWriter s, Map<Integer, String> map) {
        TreeMap<Integer, String> sorted = new TreeMap<>(Integer::compareUnsigned);
        sorted.putAll(map);
        s.u32(sorted.size());
        for (Map.Entry<Integer, String> e : sorted.entrySet()) {
            u32(s, e.getKey());
            s.name(e.getValue());
        }
    }

    private static void subsection(InstructionWriter w, int id, InstructionWriter s) {
        w.byteValue(id).u32(s.size()).bytes(s.toByteArray());
    }
}
