package dev.weir.memcheck;

import dev.weir.Linker;
import dev.weir.Trap;
import dev.weir.memcheck.internal.Instrumenter;
import dev.weir.wasi.WasiConfig;
import dev.weir.wasi.WasiRunner;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Memcheck for WebAssembly guests: finds leaks, double and invalid frees, use after free, heap
 * buffer overflows and reads of uninitialized heap memory inside a running guest, without
 * recompiling it.
 *
 * <pre>{@code
 * Instrumented im = MemCheck.instrument(Files.readAllBytes(path));
 * try (MemCheckSession s = MemCheckSession.start(im)) {
 *     s.call("double_free_demo");
 *     System.out.print(s.report().toText());
 * }
 * }</pre>
 *
 * <p>How: the module is rewritten ({@link #instrument}) so that each load/store and each call of
 * the guest's allocator (malloc/free/calloc/realloc, Rust {@code alloc/dealloc} and
 * {@code __rust_alloc/__rust_dealloc/__rust_realloc}, wasm-bindgen, {@code cabi_realloc},
 * AssemblyScript's {@code __new/__pin/__unpin/__collect}) reports to a host-side shadow heap, and
 * each non-leaf function keeps a shadow call stack so every report shows the guest call chain. It
 * then runs on the ordinary Weir interpreter. See weir-memcheck/README.md for the semantics
 * (definitely lost vs still reachable, heuristics, overhead).
 */
public final class MemCheck {
    private MemCheck() {
    }

    /**
     * Instruments a binary module.
     *
     * @throws dev.weir.wasm.MalformedModuleException if the bytes are not a module
     * @throws IllegalArgumentException if the module is already instrumented
     */
    public static Instrumented instrument(byte[] wasm) {
        return instrument(WasmDecoder.decode(wasm));
    }

    public static Instrumented instrument(WasmModule module) {
        return new Instrumented(module, Instrumenter.instrument(module));
    }

    /**
     * {@code weir memcheck FILE --invoke NAME ARGS…}: instantiates the module (no imports besides
     * memcheck's), calls {@code _initialize} when exported, then calls {@code function} with the
     * arguments parsed by its parameter types. A trap ends the run and is recorded in the report.
     *
     * @throws IllegalArgumentException for a missing export or wrong argument count/format
     */
    public static Report runInvoke(Path wasm, String function, List<String> args) {
        Instrumented im = instrument(read(wasm));
        try (MemCheckSession s = MemCheckSession.start(im)) {
            long[] slots = parseArgs(s.func(function).type(), function, args);
            try {
                s.call(function, slots);
            } catch (Trap t) {
                return s.report(t.getMessage());
            }
            return s.report();
        }
    }

    /**
     * {@code weir memcheck FILE ARGS…}: runs a WASI command ({@code _start}) with inherited stdio
     * and the given arguments ({@code args.get(0)} is the program name), then reports. A trap or a
     * non-zero exit status is noted in the report's trap field.
     */
    public static Report runCommand(Path wasm, List<String> args) {
        WasiConfig config = WasiConfig.builder().inheritStdio().args(args).build();
        return runCommand(instrument(read(wasm)), config, l -> { });
    }

    /**
     * Runs an instrumented WASI command ({@code _start}) with the given configuration (stdio,
     * arguments, preopened directories) and reports. {@code extraImports} defines imports beyond
     * WASI and memcheck (for example sightglass's {@code bench.start/end}). A trap or a non-zero
     * exit status is noted in the report's trap field; blocks still allocated at exit are split
     * into definitely lost (errors) and still reachable (not errors), see {@link Report#stillReachable()}.
     */
    public static Report runCommand(Instrumented im, WasiConfig config, Consumer<Linker> extraImports) {
        MemCheckSession.Hooks hooks = MemCheckSession.hooks(im);
        dev.weir.Engine engine = dev.weir.Engine.create();
        String end = null;
        try {
            hooks.heap().setHostCall("_start");
            int code = WasiRunner.run(engine, engine.compile(im.module()), config, l -> {
                hooks.define(l);
                extraImports.accept(l);
            });
            if (code != 0) {
                end = "exit status " + code;
            }
        } catch (Trap t) {
            end = t.getMessage();
        }
        return MemCheckSession.report(hooks.heap(), end);
    }

    private static byte[] read(Path wasm) {
        try {
            return Files.readAllBytes(wasm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + wasm, e);
        }
    }

    /** Parses decimal (or 0x hex) arguments for a function's numeric parameters into raw slots. */
    static long[] parseArgs(FuncType type, String function, List<String> args) {
        List<ValType> ps = type.params();
        if (ps.size() != args.size()) {
            throw new IllegalArgumentException(function + " takes " + ps.size() + " arguments " + type + ", got "
                    + args.size());
        }
        long[] slots = new long[ps.size()];
        for (int i = 0; i < slots.length; i++) {
            String a = args.get(i).trim();
            ValType t = ps.get(i);
            try {
                switch (t.kind()) {
                    case I32: {
                        long v = parseInteger(a);
                        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                            throw new NumberFormatException("out of i32 range");
                        }
                        slots[i] = (int) v;
                        break;
                    }
                    case I64:
                        slots[i] = parseInteger(a);
                        break;
                    case F32:
                        slots[i] = Float.floatToRawIntBits(Float.parseFloat(a));
                        break;
                    case F64:
                        slots[i] = Double.doubleToRawLongBits(Double.parseDouble(a));
                        break;
                    default:
                        throw new IllegalArgumentException(function + ": parameter " + i + " has type " + t
                                + ", which cannot be given on the command line");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(function + ": argument " + i + " \"" + a + "\" is not a valid " + t,
                        e);
            }
        }
        return slots;
    }

    private static long parseInteger(String a) {
        if (a.startsWith("0x") || a.startsWith("0X")) {
            return Long.parseUnsignedLong(a.substring(2), 16);
        }
        if (a.startsWith("-0x") || a.startsWith("-0X")) {
            return -Long.parseLong(a.substring(3), 16);
        }
        return Long.parseLong(a);
    }
}
