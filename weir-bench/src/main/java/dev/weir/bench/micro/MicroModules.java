package dev.weir.bench.micro;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.weir.Engine;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Import;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Limits;
import dev.weir.wasm.Local;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tiny guest modules the micro benchmarks run, built in code with the weir-wasm model (weir-text
 * is not a weir-bench dependency) and encoded once, so Weir and Chicory run the very same bytes.
 *
 * <p>{@link #CALLS}: host-to-guest and guest-to-host call overhead.
 * <pre>
 *   (import "env" "inc" (func (param i32) (result i32)))       ;; func 0, a HostFunction
 *   i32_0  () -&gt; i32 = 7          i32_4 / i32_16  (i32 x n) -&gt; i32 = sum of the params
 *   i64_0  () -&gt; i64 = 7          i64_4 / i64_16  (i64 x n) -&gt; i64 = sum of the params
 *   guest_inc (i32) -&gt; i32 = x + 1
 *   call_host_loop (n) -&gt; i32:  acc = 0; repeat n times acc = inc(acc); return acc     (= n)
 *   call_guest_loop (n) -&gt; i32: the same loop calling guest_inc (the loop's own cost)
 * </pre>
 *
 * <p>{@link #MEMORY}: guest-side loads and stores over {@code [ptr, ptr+len)}, every function
 * {@code (ptr i32, len i32) -> i32}; memory 33 pages (2 MiB + 64 KiB, room for a 1 MiB copy
 * within memory), exported as {@code memory}.
 * <pre>
 *   sum_u8   sum of i32.load8_u             sum_i32  wrapping sum of i32.load
 *   sum_i64  i32.wrap_i64 of the wrapping sum of i64.load
 *   fill_i32 i32.store of each word's own address; returns ptr + len
 * </pre>
 */
public final class MicroModules {
    /** Engine parameter values understood by {@link #engine(String)}. */
    public static final String INTERPRETER = "interpreter";
    public static final String COMPILER = "compiler";

    /** The call-overhead module (see the class comment). */
    public static final byte[] CALLS = WasmEncoder.encode(buildCalls());
    /** The memory-access module (see the class comment). */
    public static final byte[] MEMORY = WasmEncoder.encode(buildMemory());
    /** Pages of the memory module's memory. */
    public static final int MEMORY_PAGES = 33;

    private MicroModules() {
    }

    /**
     * The Weir engine named by a benchmark's {@code engine} parameter. Asking for the compiler when
     * weir-compiler is not on the class path is an error rather than a silent interpreter run, so
     * no figure is ever labelled "compiler" without being one.
     */
    public static Engine engine(String name) {
        switch (name) {
            case INTERPRETER:
                // Explicit: Engine.create() picks the compiler whenever weir-compiler is present.
                return Engine.builder().compiler(false).build();
            case COMPILER: {
                Engine e = Engine.builder().compiler(true).build();
                if (!e.compilerAvailable()) {
                    throw new IllegalStateException("engine=compiler: weir-compiler is not on the class path"
                            + " (weir-bench must depend on dev.weir:weir-compiler)");
                }
                return e;
            }
            default:
                throw new IllegalArgumentException("unknown engine \"" + name + "\" (expected "
                        + INTERPRETER + " or " + COMPILER + ")");
        }
    }

    /**
     * A Chicory 1.6.0 instance of {@code wasm} on its interpreter or its compiler (the {@code machine}
     * parameter: {@value #INTERPRETER} or {@value #COMPILER}), with {@code imports} (may be null).
     */
    public static com.dylibso.chicory.runtime.Instance chicory(byte[] wasm, String machine, ImportValues imports) {
        WasmModule parsed = Parser.parse(wasm);
        com.dylibso.chicory.runtime.Instance.Builder b = com.dylibso.chicory.runtime.Instance.builder(parsed);
        if (imports != null) {
            b.withImportValues(imports);
        }
        switch (machine) {
            case INTERPRETER:
                break;
            case COMPILER:
                b.withMachineFactory(MachineFactoryCompiler.compile(parsed));
                break;
            default:
                throw new IllegalArgumentException("unknown Chicory machine \"" + machine + "\" (expected "
                        + INTERPRETER + " or " + COMPILER + ")");
        }
        return b.build();
    }

    /** Whether {@code engine=compiler} can run here. */
    public static boolean compilerAvailable() {
        return Engine.builder().compiler(true).build().compilerAvailable();
    }

    // ------------------------------------------------------------------ module construction

    private static dev.weir.wasm.WasmModule buildCalls() {
        ModuleBuilder m = new ModuleBuilder();
        int ti32x1 = m.type(params(ValType.I32, 1), ValType.I32);
        m.importFunc("env", "inc", ti32x1);                                    // func 0
        m.func("i32_0", m.type(params(ValType.I32, 0), ValType.I32), List.of(), code(Opcode.I32_CONST, 7));
        m.func("i32_4", m.type(params(ValType.I32, 4), ValType.I32), List.of(), sumParams(4, Opcode.I32_ADD));
        m.func("i32_16", m.type(params(ValType.I32, 16), ValType.I32), List.of(), sumParams(16, Opcode.I32_ADD));
        m.func("i64_0", m.type(params(ValType.I64, 0), ValType.I64), List.of(), code(Opcode.I64_CONST, 7L));
        m.func("i64_4", m.type(params(ValType.I64, 4), ValType.I64), List.of(), sumParams(4, Opcode.I64_ADD));
        m.func("i64_16", m.type(params(ValType.I64, 16), ValType.I64), List.of(), sumParams(16, Opcode.I64_ADD));
        int guestInc = m.func("guest_inc", ti32x1, List.of(),
                code(Opcode.LOCAL_GET, 0, Opcode.I32_CONST, 1, Opcode.I32_ADD));
        m.func("call_host_loop", ti32x1, List.of(ValType.I32), callLoop(0));
        m.func("call_guest_loop", ti32x1, List.of(ValType.I32), callLoop(guestInc));
        return m.build();
    }

    /** {@code local 0} = n, {@code local 1} = acc: while (n != 0) { acc = f(acc); n-- } return acc. */
    private static Expression callLoop(int callee) {
        return code(
                Opcode.BLOCK, null, Opcode.LOOP, null,
                Opcode.LOCAL_GET, 0, Opcode.I32_EQZ, Opcode.BR_IF, 1,
                Opcode.LOCAL_GET, 1, Opcode.CALL, callee, Opcode.LOCAL_SET, 1,
                Opcode.LOCAL_GET, 0, Opcode.I32_CONST, 1, Opcode.I32_SUB, Opcode.LOCAL_SET, 0,
                Opcode.BR, 0,
                Opcode.END, Opcode.END,
                Opcode.LOCAL_GET, 1);
    }

    private static Expression sumParams(int n, Opcode add) {
        List<Object> items = new ArrayList<>();
        items.add(Opcode.LOCAL_GET);
        items.add(0);
        for (int i = 1; i < n; i++) {
            items.add(Opcode.LOCAL_GET);
            items.add(i);
            items.add(add);
        }
        return code(items.toArray());
    }

    private static dev.weir.wasm.WasmModule buildMemory() {
        ModuleBuilder m = new ModuleBuilder();
        m.memory(MEMORY_PAGES);
        int t = m.type(params(ValType.I32, 2), ValType.I32);
        // locals: 0 ptr, 1 len (becomes end), 2 acc (i32 or i64)
        m.func("sum_u8", t, List.of(ValType.I32),
                sumLoop(1, Opcode.I32_LOAD8_U, 0, Opcode.I32_ADD, false));
        m.func("sum_i32", t, List.of(ValType.I32),
                sumLoop(4, Opcode.I32_LOAD, 2, Opcode.I32_ADD, false));
        m.func("sum_i64", t, List.of(ValType.I64),
                sumLoop(8, Opcode.I64_LOAD, 3, Opcode.I64_ADD, true));
        m.func("fill_i32", t, List.of(), code(
                Opcode.LOCAL_GET, 0, Opcode.LOCAL_GET, 1, Opcode.I32_ADD, Opcode.LOCAL_SET, 1,
                Opcode.BLOCK, null, Opcode.LOOP, null,
                Opcode.LOCAL_GET, 0, Opcode.LOCAL_GET, 1, Opcode.I32_GE_U, Opcode.BR_IF, 1,
                Opcode.LOCAL_GET, 0, Opcode.LOCAL_GET, 0, Opcode.I32_STORE, new MemArg(2),
                Opcode.LOCAL_GET, 0, Opcode.I32_CONST, 4, Opcode.I32_ADD, Opcode.LOCAL_SET, 0,
                Opcode.BR, 0,
                Opcode.END, Opcode.END,
                Opcode.LOCAL_GET, 1));
        m.export("memory", ExternKind.MEMORY, 0);
        return m.build();
    }

    private static Expression sumLoop(int step, Opcode load, int alignLog2, Opcode add, boolean wide) {
        List<Object> tail = new ArrayList<>(List.of(Opcode.LOCAL_GET, 2));
        if (wide) {
            tail.add(Opcode.I32_WRAP_I64);
        }
        // Arrays.asList, not List.of: the empty block types are nulls.
        List<Object> items = new ArrayList<>(Arrays.asList(
                Opcode.LOCAL_GET, 0, Opcode.LOCAL_GET, 1, Opcode.I32_ADD, Opcode.LOCAL_SET, 1,
                Opcode.BLOCK, null, Opcode.LOOP, null,
                Opcode.LOCAL_GET, 0, Opcode.LOCAL_GET, 1, Opcode.I32_GE_U, Opcode.BR_IF, 1,
                Opcode.LOCAL_GET, 2, Opcode.LOCAL_GET, 0, load, new MemArg(alignLog2), add, Opcode.LOCAL_SET, 2,
                Opcode.LOCAL_GET, 0, Opcode.I32_CONST, step, Opcode.I32_ADD, Opcode.LOCAL_SET, 0,
                Opcode.BR, 0,
                Opcode.END, Opcode.END));
        items.addAll(tail);
        return code(items.toArray());
    }

    private static ValType[] params(ValType t, int n) {
        ValType[] ps = new ValType[n];
        Arrays.fill(ps, t);
        return ps;
    }

    /** A memarg immediate with offset 0 in memory 0. */
    private record MemArg(int alignLog2) {
    }

    /**
     * Assembles {@code opcode immediates... opcode ...} plus the final {@code end}. Immediates: a
     * {@link Number} (index, label or constant), {@code null} (empty block type) or a {@link MemArg}.
     */
    static Expression code(Object... items) {
        InstructionWriter w = new InstructionWriter();
        for (int i = 0; i < items.length; i++) {
            Opcode op = (Opcode) items[i];
            w.op(op);
            switch (op.immediate()) {
                case NONE:
                    break;
                case BLOCK_TYPE:
                    w.blockType((ValType) items[++i]);
                    break;
                case I32:
                    w.s32(((Number) items[++i]).intValue());
                    break;
                case I64:
                    w.s64(((Number) items[++i]).longValue());
                    break;
                case MEMARG:
                    w.memarg(((MemArg) items[++i]).alignLog2(), 0, 0);
                    break;
                case LABEL:
                case FUNC:
                case LOCAL:
                    w.u32(((Number) items[++i]).longValue());
                    break;
                default:
                    throw new IllegalArgumentException("immediate kind " + op.immediate() + " of " + op
                            + " not supported by this small assembler");
            }
        }
        w.op(Opcode.END);
        return w.toExpression();
    }

    /** Collects types, functions and exports; imports must come before defined functions. */
    private static final class ModuleBuilder {
        private final dev.weir.wasm.WasmModule.Builder b = dev.weir.wasm.WasmModule.builder();
        private final List<FunctionBody> bodies = new ArrayList<>();
        private int types;
        private int funcs;

        int type(ValType[] params, ValType result) {
            b.addType(SubType.of(FuncType.of(params, new ValType[] {result})));
            return types++;
        }

        void importFunc(String module, String name, int type) {
            if (!bodies.isEmpty()) {
                throw new IllegalStateException("imports must precede defined functions");
            }
            b.addImport(new Import(module, name, new ExternType.Func(type)));
            funcs++;
        }

        void memory(long pages) {
            b.addMemory(new MemoryType(Limits.of(pages)));
        }

        int func(String exportName, int type, List<ValType> locals, Expression body) {
            b.addFunction(type);
            List<Local> ls = new ArrayList<>();
            for (ValType t : locals) {
                ls.add(new Local(1, t));
            }
            bodies.add(new FunctionBody(ls, body, 0));
            b.addExport(new Export(exportName, ExternKind.FUNC, funcs));
            return funcs++;
        }

        void export(String name, ExternKind kind, int index) {
            b.addExport(new Export(name, kind, index));
        }

        dev.weir.wasm.WasmModule build() {
            bodies.forEach(b::addCode);
            return b.build();
        }
    }
}
