/** Weir's embedding API: Engine, Module, Store, Linker, Instance, Memory and the interpreter. */
// "module": the qualified exports name dev.weir.compiler, which is built after this module.
@SuppressWarnings("module")
module dev.weir.runtime {
    requires transitive dev.weir.wasm;
    // sun.misc.Unsafe for the flat memory hot path (internal.memory.Raw); VarHandles otherwise.
    requires jdk.unsupported;
    exports dev.weir;
    // For the bytecode compiler (weir-compiler), which plugs in through CodeCompiler.
    exports dev.weir.internal.rt to dev.weir.compiler;
    exports dev.weir.internal.num to dev.weir.compiler;
    exports dev.weir.internal.gc to dev.weir.compiler;
    exports dev.weir.internal.simd to dev.weir.compiler;
    uses dev.weir.internal.rt.CodeCompiler;
}
