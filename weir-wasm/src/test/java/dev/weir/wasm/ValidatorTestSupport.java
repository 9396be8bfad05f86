package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds one-function modules for validator tests. */
final class ValidatorTestSupport {
    static final ValType I32 = ValType.I32;
    static final ValType I64 = ValType.I64;
    static final ValType F32 = ValType.F32;
    static final ValType F64 = ValType.F64;
    static final ValType V128 = ValType.V128;

    private ValidatorTestSupport() {
    }

    static FuncType ft(List<ValType> params, List<ValType> results) {
        return new FuncType(params, results);
    }

    static FuncType ft() {
        return new FuncType(List.of(), List.of());
    }

    static FuncType results(ValType... rs) {
        return new FuncType(List.of(), List.of(rs));
    }

    static FuncType params(ValType... ps) {
        return new FuncType(List.of(ps), List.of());
    }

    /**
     * A module: {@code setup} runs first (types, imports, memories...), then the function's type is
     * appended and one function with the given body and locals is defined and exported as "f".
     */
    static WasmModule module(Consumer<WasmModule.Builder> setup, FuncType type, CodeAsm code, ValType... locals) {
        WasmModule.Builder b = WasmModule.builder();
        setup.accept(b);
        int t = b.typeCount();
        b.addType(SubType.of(type));
        b.addFunction(t);
        List<Local> ls = new ArrayList<>();
        for (ValType l : locals) {
            ls.add(new Local(1, l));
        }
        b.addCode(new FunctionBody(ls, code.body(), 0));
        return b.build();
    }

    static WasmModule module(FuncType type, CodeAsm code, ValType... locals) {
        return module(b -> { }, type, code, locals);
    }

    static Consumer<WasmModule.Builder> memory() {
        return b -> b.addMemory(new MemoryType(Limits.of(1)));
    }

    static Consumer<WasmModule.Builder> memory64() {
        return b -> b.addMemory(new MemoryType(new Limits(1, false, 0, false, true, 16)));
    }

    static void valid(WasmModule m) {
        WasmValidator.validate(m);
    }

    /** Asserts rejection with a reason that starts with (or contains) the expected spec wording. */
    static InvalidModuleException invalid(WasmModule m, String expected) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> WasmValidator.validate(m));
        assertTrue(e.reason().startsWith(expected) || e.reason().contains(expected),
                () -> "expected '" + expected + "' but got '" + e.reason() + "'");
        return e;
    }
}
