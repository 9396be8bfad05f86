/** Compiles WebAssembly functions to JVM bytecode; plugs into the runtime as a CodeCompiler service. */
module dev.weir.compiler {
    requires dev.weir.runtime;
    requires org.objectweb.asm;
    exports dev.weir.compiler;
    provides dev.weir.internal.rt.CodeCompiler with dev.weir.compiler.internal.JvmCodeCompiler;
}
