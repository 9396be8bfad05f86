package dev.weir.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Chicory 1.6.0: its interpreter (the default machine) or its compiler
 * ({@code MachineFactoryCompiler}, bytecode generated when the module is compiled).
 * {@link EndiveContender} is the same code against Endive's packages.
 */
final class ChicoryContender extends JvmContender {
    private final boolean compiler;

    ChicoryContender(boolean compiler) {
        this.compiler = compiler;
    }

    /** A parsed module and, for the compiler, its machine factory. */
    private static final class Compiled {
        final WasmModule module;
        final Function<Instance, Machine> factory;

        Compiled(WasmModule module, Function<Instance, Machine> factory) {
            this.module = module;
            this.factory = factory;
        }
    }

    @Override
    public String name() {
        return compiler ? "Chicory compiler" : "Chicory interp";
    }

    @Override
    protected Object compile(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        return new Compiled(module, compiler ? MachineFactoryCompiler.compile(module) : null);
    }

    @Override
    protected GuestRun instantiate(Object compiled, Program program, OutputStream stdout, OutputStream stderr,
            RunWindow window) {
        Compiled c = (Compiled) compiled;
        Instance.Builder b = Instance.builder(c.module).withStart(false);
        if (c.factory != null) {
            b.withMachineFactory(c.factory);
        }
        if (program.invoke() != null) {
            ExportFunction f = b.build().export(program.invoke().export);
            return () -> {
                long raw = f.apply(program.invoke().args)[0];
                stdout.write(program.invoke().format(raw).getBytes(StandardCharsets.UTF_8));
                return 0;
            };
        }
        WasiOptions options = WasiOptions.builder().withArguments(program.args()).withStdout(stdout)
                .withStderr(stderr).withDirectory(".", program.dir()).build();
        WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build();
        ImportValues imports = ImportValues.builder()
                .addFunction(wasi.toHostFunctions())
                .addFunction(new HostFunction("bench", "start", FunctionType.empty(), (inst, args) -> {
                    window.start();
                    return null;
                }))
                .addFunction(new HostFunction("bench", "end", FunctionType.empty(), (inst, args) -> {
                    window.end();
                    return null;
                }))
                .build();
        ExportFunction start = b.withImportValues(imports).build().export("_start");
        return () -> {
            try (wasi) {
                start.apply();
                return 0;
            } catch (WasiExitException e) {
                return e.exitCode();
            }
        };
    }
}
