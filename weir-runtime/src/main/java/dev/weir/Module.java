package dev.weir;

import dev.weir.internal.interp.CodeCache;
import dev.weir.internal.rt.CodeCompiler;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.Import;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.util.List;

/**
 * A validated module, ready to be instantiated any number of times in any store. Immutable and
 * thread-safe; function bodies are pre-decoded once, on first call, and shared by all instances.
 */
public final class Module {
    private final Engine engine;
    private final WasmModule wasm;
    private final Types types;
    private final CodeCache code;
    /** Compiled functions, or null when the interpreter runs everything. */
    private final CodeCompiler.CompiledCode compiled;

    Module(Engine engine, WasmModule wasm) {
        this.engine = engine;
        this.wasm = wasm;
        this.types = WasmValidator.validate(wasm);
        this.code = new CodeCache(wasm, types, engine.fuelEnabled());
        CodeCompiler cc = engine.codeCompiler();
        this.compiled = cc == null ? null : cc.compile(wasm, types, engine.fuelEnabled());
    }

    /** Whether any function of this module runs as compiled JVM bytecode. */
    public boolean isCompiled() {
        return compiled != null;
    }

    CodeCompiler.CompiledCode compiled() {
        return compiled;
    }

    public Engine engine() {
        return engine;
    }

    /** The module model. */
    public WasmModule wasm() {
        return wasm;
    }

    /** The module's name from the name section, or null. */
    public String name() {
        return wasm.names().moduleName();
    }

    public List<Import> imports() {
        return wasm.imports();
    }

    public List<Export> exports() {
        return wasm.exports();
    }

    /** The function type of an imported or exported function ({@link ExternType.Func}). */
    public FuncType funcType(ExternType.Func f) {
        return types.funcType(f.typeIndex());
    }

    /** The type of an export in text form, e.g. {@code (func (param i32))} or {@code (memory 1)}. */
    public String describe(Export e) {
        switch (e.kind()) {
            case FUNC: return wasm.functionType(e.index()).toString();
            case TABLE: return wasm.tableType(e.index()).toString();
            case MEMORY: return wasm.memoryType(e.index()).toString();
            case GLOBAL: return wasm.globalType(e.index()).toString();
            default: return "(tag " + types.funcType(wasm.tagType(e.index()).typeIndex()) + ")";
        }
    }

    /** Pre-decodes every function now instead of on first call. */
    public void predecodeAll() {
        code.predecodeAll();
    }

    Types types() {
        return types;
    }

    CodeCache code() {
        return code;
    }
}
