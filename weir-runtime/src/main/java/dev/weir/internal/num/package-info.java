/**
 * Scalar WebAssembly numeric semantics that are not a single Java operator (core spec 4.3 "Numerics"):
 * trapping integer division, bit counting, IEEE min/max/rounding with Wasm's NaN and signed-zero
 * rules, trapping and saturating float-to-int truncation, correctly rounded unsigned int-to-float
 * conversion, and the wide-arithmetic proposal.
 *
 * <p>Every method is static, allocation-free and small enough for the JIT to inline; the trap paths
 * are moved into separate cold methods. Float values are passed as Java {@code float}/{@code double}
 * except where the bit pattern matters (sign manipulation of NaNs), where raw bits are used.
 */
package dev.weir.internal.num;
