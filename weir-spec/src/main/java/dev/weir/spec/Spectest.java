package dev.weir.spec;

import dev.weir.Func;
import dev.weir.Global;
import dev.weir.HostFunction;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Table;
import dev.weir.Value;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.TableType;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * The {@code spectest} host module every spec script may import (reference interpreter's
 * {@code spectest.ml}): print functions that print nothing, four immutable globals with the value
 * 666 (666.6 for floats), a funcref table 10..20 (and an i64-indexed {@code table64}), a memory
 * of 1..2 pages and a shared memory of 1..2 pages. One instance of each per script.
 */
final class Spectest {
    private Spectest() {}

    static void define(Linker linker) {
        print(linker, "print");
        print(linker, "print_i32", ValType.I32);
        print(linker, "print_i64", ValType.I64);
        print(linker, "print_f32", ValType.F32);
        print(linker, "print_f64", ValType.F64);
        print(linker, "print_i32_f32", ValType.I32, ValType.F32);
        print(linker, "print_f64_f64", ValType.F64, ValType.F64);
        linker.define("spectest", "global_i32", Global.create(new GlobalType(ValType.I32, false), Value.i32(666)));
        linker.define("spectest", "global_i64", Global.create(new GlobalType(ValType.I64, false), Value.i64(666)));
        linker.define("spectest", "global_f32", Global.create(new GlobalType(ValType.F32, false), Value.f32(666.6f)));
        linker.define("spectest", "global_f64", Global.create(new GlobalType(ValType.F64, false), Value.f64(666.6)));
        linker.define("spectest", "table", Table.create(
                new TableType(ValType.FUNCREF, new Limits(10, true, 20, false, false, Limits.DEFAULT_PAGE_SIZE_LOG2)),
                Value.nullRef(ValType.FUNCREF)));
        linker.define("spectest", "table64", Table.create(
                new TableType(ValType.FUNCREF, new Limits(10, true, 20, false, true, Limits.DEFAULT_PAGE_SIZE_LOG2)),
                Value.nullRef(ValType.FUNCREF)));
        linker.define("spectest", "memory", Memory.create(1, 2, 16, false, false, Long.MAX_VALUE));
        linker.define("spectest", "shared_memory", Memory.create(1, 2, 16, true, false, Long.MAX_VALUE));
    }

    private static void print(Linker linker, String name, ValType... params) {
        FuncType type = new FuncType(List.of(params), List.of());
        HostFunction nothing = (caller, stack, refs, base) -> { };
        linker.define("spectest", name, Func.of("spectest." + name, type, nothing));
    }
}
