//! Weir example guest: the "raw" Rust allocator profile from the seed article
//! (Radu Matei, "A practical guide to WebAssembly memory", 2021).
//!
//! No wasm-bindgen, no runtime glue: the host talks to these exports directly.
//! Target: wasm32-unknown-unknown, crate-type cdylib (see ../../build.sh).
//!
//! Allocator profile "rust-raw": `alloc(len)` / `dealloc(ptr, len)`, both backed by
//! `Vec<u8>` with capacity == length, i.e. by Rust's global allocator (dlmalloc on
//! wasm32-unknown-unknown) with `Layout { size: len, align: 1 }`.
//!
//! Ownership rules (see ../README.md for the full table):
//! * `array_sum*` and `upper*` only BORROW their input; the host frees it with `dealloc`.
//! * every `upper*` result is a NEW block allocated with the same allocator; the host owns
//!   it and frees it with `dealloc(ptr, len_of_result)`.
//! * `take_ownership` TAKES the input (`Vec::from_raw_parts`) and frees it; a host that calls
//!   `dealloc` on the same pointer afterwards performs the seed's double free.
//!
//! Traps: invalid UTF-8 passed to an `upper*` function executes `unreachable` (the host
//! sees a trap, nothing is leaked because the input is borrowed and no result was made).

#![allow(clippy::missing_safety_doc)]

use std::mem;

/// Reports invalid input as a Wasm trap without pulling in the panic/formatting machinery.
#[inline(always)]
fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

/// Turns an owned byte vector into a (ptr, len) block whose capacity == len, so that the
/// host can later free it with `dealloc(ptr, len)` using the same `Layout`.
fn leak_exact(bytes: Vec<u8>) -> (*mut u8, usize) {
    let boxed: Box<[u8]> = bytes.into_boxed_slice(); // shrinks capacity to len
    let len = boxed.len();
    let ptr = Box::into_raw(boxed) as *mut u8;
    (ptr, len)
}

unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

unsafe fn input_str<'a>(ptr: *const u8, len: usize) -> &'a str {
    match std::str::from_utf8(input(ptr, len)) {
        Ok(s) => s,
        Err(_) => trap(),
    }
}

/// Allocates `len` bytes (align 1) and returns the block's address; the memory is
/// uninitialised. `alloc(0)` returns a dangling non-null pointer (1) that must still be
/// passed to `dealloc(ptr, 0)` (a no-op) - exactly what `Vec::with_capacity(0)` does.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf: Vec<u8> = Vec::with_capacity(len);
    let ptr = buf.as_mut_ptr();
    mem::forget(buf);
    ptr
}

/// Frees a block obtained from `alloc(len)` or returned by an `upper*` function.
/// `len` must be the block's length (its `Layout` size).
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len));
}

/// Sum of the bytes, wrapping modulo 256 (the seed's `u8` result): [1,2,3,4,5] -> 15,
/// [200,100] -> 44. Borrows the input.
#[no_mangle]
pub unsafe extern "C" fn array_sum(ptr: *const u8, len: usize) -> u8 {
    input(ptr, len).iter().fold(0u8, |acc, b| acc.wrapping_add(*b))
}

/// Sum of the bytes as unsigned values, widened to i32 (no wrap below 2^31):
/// [200,100] -> 300. Borrows the input.
#[no_mangle]
pub unsafe extern "C" fn array_sum_i32(ptr: *const u8, len: usize) -> i32 {
    input(ptr, len).iter().fold(0i32, |acc, b| acc.wrapping_add(*b as i32))
}

/// Sum of `count` little-endian i32 ELEMENTS at `ptr` (4-byte aligned), wrapping.
/// Exercises element size and alignment: [1,-2,3,40000] -> 40002.
#[no_mangle]
pub unsafe extern "C" fn sum_i32s(ptr: *const i32, count: usize) -> i32 {
    if count == 0 {
        return 0;
    }
    std::slice::from_raw_parts(ptr, count)
        .iter()
        .fold(0i32, |acc, v| acc.wrapping_add(*v))
}

/// ASCII-uppercases the UTF-8 string at (ptr, len) into a NEW block of exactly `len` bytes
/// (non-ASCII characters are copied unchanged, so the length never changes - the seed's
/// reason for not returning a length). Borrows the input; the host frees the result with
/// `dealloc(result, len)`. Traps on invalid UTF-8. For len == 0 returns a dangling
/// non-null pointer (1), which `dealloc(1, 0)` accepts.
#[no_mangle]
pub unsafe extern "C" fn upper(ptr: *const u8, len: usize) -> *mut u8 {
    let s = input_str(ptr, len);
    leak_exact(s.to_ascii_uppercase().into_bytes()).0
}

/// Full Unicode uppercase (`str::to_uppercase`), so the result length may differ from the
/// input ("ß" -> "SS", "ﬁ" -> "FI"). Returns the new block; its length is written as a
/// 32-bit usize to `*out_len_ptr` (4-byte aligned). Host frees with `dealloc(result, *out_len)`.
#[no_mangle]
pub unsafe extern "C" fn upper_outlen(ptr: *const u8, len: usize, out_len_ptr: *mut usize) -> *mut u8 {
    let s = input_str(ptr, len);
    let (p, n) = leak_exact(s.to_uppercase().into_bytes());
    out_len_ptr.write(n);
    p
}

/// Full Unicode uppercase; returns `(ptr as u64) << 32 | len as u64` (an i64 in Wasm).
/// Host frees with `dealloc(ptr, len)`.
#[no_mangle]
pub unsafe extern "C" fn upper_packed(ptr: *const u8, len: usize) -> u64 {
    let s = input_str(ptr, len);
    let (p, n) = leak_exact(s.to_uppercase().into_bytes());
    ((p as u32 as u64) << 32) | (n as u32 as u64)
}

/// Two i32 results in one Wasm multi-value return: `(ptr, len)`.
#[repr(C)]
pub struct PtrLen {
    pub ptr: *mut u8,
    pub len: usize,
}

/// Full Unicode uppercase; returns `(ptr, len)` as a Wasm multi-value result
/// `(result i32 i32)`. Host frees with `dealloc(ptr, len)`.
///
/// Why this works on rustc 1.63: on wasm32-unknown-unknown, `extern "C"` still uses the
/// legacy "wasm" ABI that passes and returns `#[repr(C)]` structs as flattened scalars;
/// with `-C target-feature=+multivalue` LLVM then lowers the 2-field return to
/// `(result i32 i32)` instead of a hidden sret pointer. rustc warns "unknown feature"
/// but passes it to LLVM. build.sh checks the resulting signature with wasm-objdump.
#[no_mangle]
pub unsafe extern "C" fn upper_pair(ptr: *const u8, len: usize) -> PtrLen {
    let s = input_str(ptr, len);
    let (p, n) = leak_exact(s.to_uppercase().into_bytes());
    PtrLen { ptr: p, len: n }
}

/// The seed's consuming `array_sum`: rebuilds `Vec::from_raw_parts(ptr, len, len)` and
/// drops it, i.e. the GUEST frees the host's buffer. Returns the wrapping byte sum.
/// After this call the host must NOT call `dealloc(ptr, len)` - doing so is the seed's
/// double free (dlmalloc on wasm does not detect it; the free lists silently corrupt).
#[no_mangle]
pub unsafe extern "C" fn take_ownership(ptr: *mut u8, len: usize) -> u8 {
    let data = Vec::from_raw_parts(ptr, len, len);
    data.iter().fold(0u8, |acc, b| acc.wrapping_add(*b))
    // `data` dropped here -> block freed by the guest
}
