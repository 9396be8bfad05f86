package dev.weir;

import dev.weir.internal.rt.CodeCompiler;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Configuration shared by modules and stores: immutable and thread-safe. Compile modules with
 * {@link #compile}, create stores with {@link #newStore}.
 */
public final class Engine {
    private final int maxCallDepth;
    private final boolean fuel;
    private final boolean compiler;

    private Engine(Builder b) {
        this.maxCallDepth = b.maxCallDepth;
        this.fuel = b.fuel;
        this.compiler = b.compiler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An engine with default settings: the bytecode compiler when weir-compiler is present (else the
     * interpreter), no fuel, call depth 10,000.
     */
    public static Engine create() {
        return builder().build();
    }

    public int maxCallDepth() {
        return maxCallDepth;
    }

    public boolean fuelEnabled() {
        return fuel;
    }

    /** Whether the bytecode compiler was requested (the default; it is used when weir-compiler is present). */
    public boolean compilerEnabled() {
        return compiler;
    }

    /**
     * Whether code actually runs compiled: the compiler was requested and the weir-compiler module is
     * on the class or module path (compiled code meters fuel exactly as the interpreter does).
     */
    public boolean compilerAvailable() {
        return codeCompiler() != null;
    }

    CodeCompiler codeCompiler() {
        return compiler ? CompilerHolder.INSTANCE : null;
    }

    /** The compiler service, looked up once (null when weir-compiler is absent). */
    private static final class CompilerHolder {
        static final CodeCompiler INSTANCE = ServiceLoader.load(CodeCompiler.class, Engine.class.getClassLoader())
                .findFirst().orElse(null);
    }

    /**
     * Decodes and validates a binary module.
     *
     * @throws dev.weir.wasm.MalformedModuleException if the bytes are not a well-formed module
     * @throws dev.weir.wasm.InvalidModuleException if the module does not validate
     */
    public Module compile(byte[] wasm) {
        return compile(WasmDecoder.decode(wasm));
    }

    public Module compile(Path file) {
        try {
            return compile(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Validates a module model (from the decoder, the text parser or a builder). */
    public Module compile(WasmModule module) {
        return new Module(this, module);
    }

    public Store newStore() {
        return newStore(StoreLimits.DEFAULT);
    }

    public Store newStore(StoreLimits limits) {
        return new Store(this, limits);
    }

    public static final class Builder {
        private int maxCallDepth = 10_000;
        private boolean fuel;
        private boolean compiler = true;

        private Builder() {
        }

        /** Maximum Wasm call depth; deeper calls trap "call stack exhausted". */
        public Builder maxCallDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("call depth must be positive");
            }
            this.maxCallDepth = depth;
            return this;
        }

        /** Enables fuel accounting: code traps "all fuel consumed" when the store's fuel runs out. */
        public Builder fuel(boolean enabled) {
            this.fuel = enabled;
            return this;
        }

        /**
         * Whether to use the bytecode compiler when weir-compiler is present (default true); false pins
         * the interpreter. Functions the compiler cannot handle run in the interpreter either way.
         */
        public Builder compiler(boolean enabled) {
            this.compiler = enabled;
            return this;
        }

        public Engine build() {
            return new Engine(this);
        }
    }
}
