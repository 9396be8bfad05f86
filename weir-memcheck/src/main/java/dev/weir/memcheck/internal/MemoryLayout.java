package dev.weir.memcheck.internal;

import dev.weir.wasm.DataSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.Map;

/**
 * Where a toolchain put static data, the stack and the heap in linear memory, read from the
 * module: linker symbols ({@code __heap_base}, {@code __data_end}, {@code __stack_low},
 * {@code __stack_pointer}) when exported or named, else inferred from the data segments and the
 * stack pointer's initial value (wasm-ld's layouts, with or without {@code --stack-first}).
 */
final class MemoryLayout {
    private final WasmModule m;
    private int spGlobal = -1;   // __stack_pointer, or -1
    private int spBound;         // its lowest legal value (signed compare: a wrapped pointer is negative)
    private long scanStackLow;   // lowest address the leak scan treats as stack

    MemoryLayout(WasmModule m) {
        this.m = m;
        findStackPointer();
    }

    int spGlobal() {
        return spGlobal;
    }

    int spBound() {
        return spBound;
    }

    long scanStackLow() {
        return scanStackLow;
    }

    /**
     * Lowest heap address: the {@code __heap_base} linker symbol when exported or named, else the
     * higher of the end of the active data segments and the initial {@code __stack_pointer}
     * (wasm-ld puts the heap after both, whatever the stack/data order). Accesses below it are
     * stack or static data and are not checked.
     */
    long heapBase() {
        int hb = globalNamed("__heap_base");
        long v = hb >= 0 ? constGlobal(hb) : -1;
        if (v >= 0) {
            return v;
        }
        long base = 0;
        int sp = globalNamed("__stack_pointer");
        if (sp >= 0) {
            base = Math.max(base, constGlobal(sp));
        }
        for (DataSegment d : m.data()) {
            if (d.mode() == SegmentMode.ACTIVE && d.memoryIndex() == 0) {
                long off = constValue(d.offset());
                if (off >= 0) {
                    base = Math.max(base, off + d.data().length);
                }
            }
        }
        return base;
    }

    /**
     * The stack pointer global: named {@code __stack_pointer} (export or name section), or, in a
     * stripped LLVM module, global 0 when it is a defined mutable i32 whose initial value is a
     * positive multiple of 16 (wasm-ld always emits it first, 16-byte aligned per the C ABI). Its
     * lower bound is {@code __stack_low} when known; else, when the stack sits above the data
     * (wasm-ld's default layout), the end of the data ({@code __data_end}); else 0 (stack first).
     */
    private void findStackPointer() {
        int sp = globalNamed("__stack_pointer");
        if (sp < 0 && m.names().globals().isEmpty() && m.importedGlobalCount() == 0 && m.globalCount() > 0
                && m.memoryCount() > 0) {
            long init = constGlobal(0);
            if (init > 0 && (init & 15) == 0) {
                sp = 0;
            }
        }
        if (sp < 0 || sp >= m.globalCount()) {
            return;
        }
        GlobalType t = m.globalType(sp);
        if (!t.mutable() || t.type() != ValType.I32) {
            return;
        }
        long low = globalValue("__stack_low");
        if (low < 0) {
            long dataEnd = globalValue("__data_end");
            if (dataEnd < 0) {
                dataEnd = dataEnd();
            }
            long init = constGlobal(sp);
            low = init < 0 || init > dataEnd ? dataEnd : 0;
        }
        spGlobal = sp;
        spBound = (int) Math.min(low, Integer.MAX_VALUE);
        scanStackLow = low;
        long init = constGlobal(sp);
        if (globalValue("__stack_low") < 0 && globalValue("__data_end") < 0 && low > 0 && init > low) {
            // Without __data_end the bound is the end of the data segments, but .bss (zeroed
            // globals: no segment) lies between it and the stack. wasm-ld's default stack is 64 KiB,
            // so the leak scan treats only [init - 64 KiB, sp) as dead stack and keeps .bss as roots.
            scanStackLow = Math.max(low, init - 65536);
        }
    }

    private long globalValue(String name) {
        int g = globalNamed(name);
        return g >= 0 ? constGlobal(g) : -1;
    }

    /** The end of the highest active data segment of memory 0 (0 without data). */
    private long dataEnd() {
        long end = 0;
        for (DataSegment d : m.data()) {
            if (d.mode() == SegmentMode.ACTIVE && d.memoryIndex() == 0) {
                long off = constValue(d.offset());
                if (off >= 0) {
                    end = Math.max(end, off + d.data().length);
                }
            }
        }
        return end;
    }

    private int globalNamed(String name) {
        for (Export e : m.exports()) {
            if (e.kind() == ExternKind.GLOBAL && e.name().equals(name)) {
                return e.index();
            }
        }
        for (Map.Entry<Integer, String> e : m.names().globals().entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return -1;
    }

    private long constGlobal(int index) {
        int d = index - m.importedGlobalCount();
        if (d < 0 || d >= m.globals().size()) {
            return -1;
        }
        return constValue(m.globals().get(d).init());
    }

    /** The value of an {@code i32.const c; end} expression as unsigned, or -1. */
    private static long constValue(Expression e) {
        if (e == null) {
            return -1;
        }
        InstructionReader r = e.reader();
        if (r.hasNext() && r.next() == Opcode.I32_CONST) {
            return Integer.toUnsignedLong(r.i32());
        }
        return -1;
    }
}
