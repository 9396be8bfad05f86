/**
 * Kernels for the fixed-width SIMD and relaxed-SIMD instructions (Wasm 3.0 core spec 4.3/4.4.3).
 * A v128 lives in two {@code long} operand-stack slots (low half first); see {@link
 * dev.weir.internal.simd.V128} for the slot convention, the naming scheme and the dispatcher.
 *
 * <p>Relaxed SIMD follows the deterministic profile of Wasm 3.0 (every implementation-defined
 * parameter fixed to 0): relaxed_swizzle = swizzle, relaxed_trunc = trunc_sat, relaxed_madd/nmadd =
 * unfused multiply then add, relaxed_laneselect = bitselect, relaxed_min/max = min/max,
 * relaxed_q15mulr_s = q15mulr_sat_s, relaxed_dot = signed x signed with i16 saturation.
 *
 * <p>All methods are static, allocate nothing and use plain long arithmetic (SWAR where lanes are
 * narrower than 64 bits), so the JIT can inline them into the interpreter loop or compiled code.
 */
package dev.weir.internal.simd;
