/**
 * The WebAssembly GC object model (Wasm 3.0, spec 4.2 "structure/array instances", 4.4.x
 * "aggregate reference instructions"), used by the interpreter through {@link dev.weir.internal.gc.GcOps}.
 *
 * <ul>
 *   <li>{@link dev.weir.internal.gc.RuntimeType}: per defined type, its canonical id, a display of
 *       the canonical ids of its supertype chain (a cast is one load and compare), and the field or
 *       element layout; cached in {@code InstanceState.gcCache}.</li>
 *   <li>{@link dev.weir.internal.gc.StructObject}: {@code long[]} numeric fields (v128 = two longs,
 *       packed fields stored truncated) and {@code Object[]} reference fields.</li>
 *   <li>{@link dev.weir.internal.gc.ArrayObject}: typed backing arrays ({@code byte[]}, {@code short[]},
 *       {@code int[]}, {@code long[]}, {@code long[]} pairs for v128, {@code Object[]}).</li>
 *   <li>{@link dev.weir.internal.gc.I31}: a small immutable box, compared by value in {@code ref.eq}.</li>
 * </ul>
 *
 * <p>Externalization is the identity (VALUES.md): an {@code externref} may hold these objects.
 */
package dev.weir.internal.gc;
