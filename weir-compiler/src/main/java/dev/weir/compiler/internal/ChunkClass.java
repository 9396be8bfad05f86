package dev.weir.compiler.internal;

/**
 * One generated hidden class: the bytes and the (ascending) indices of the functions it holds, each as
 * {@code f<i>} plus its bridge {@code b<i>}. The unit of parallel compilation and of the
 * ahead-of-time artifact ({@link dev.weir.compiler.AotCompiler}).
 */
public record ChunkClass(int[] functions, byte[] bytes) {
}
