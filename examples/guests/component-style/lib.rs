//! Weir example guest: a core module following the Component Model canonical ABI, shaped
//! like `wit-bindgen` output for this (hypothetical) world:
//! ```wit
//! package weir:examples;
//! world exchange {
//!   export upper: func(s: string) -> string;
//!   export array-sum: func(a: list<u8>) -> u8;
//! }
//! ```
//! Hand-written so it builds with rustc 1.63 (no wit-bindgen / wasm-tools needed).
//!
//! Allocator profile "component": `cabi_realloc(old_ptr, old_size, align, new_size)`
//! (canonical ABI realloc; `old_size == 0` means allocate) + `cabi_post_<fn>(retptr)`.
//!
//! Ownership (canonical ABI "lift/lower" rules, as wit-bindgen implements them):
//! * `string` / `list<u8>` arguments: the HOST allocates them with
//!   `cabi_realloc(0, 0, 1, len)` and copies the bytes in; the GUEST owns them from then on
//!   and frees them before returning. The host must not free them.
//! * `string` results: the function returns `retptr`, a pointer to an 8-byte record
//!   `{ ptr: i32, len: i32 }` in a static return area (valid until the next call). The host
//!   reads/copies the string, then MUST call `cabi_post_upper(retptr)`, which frees the
//!   string. The host never frees it itself and never frees `retptr`.

use std::alloc::{alloc, dealloc, realloc, Layout};

#[inline(always)]
fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

/// 8-byte, 4-aligned static return area (wit-bindgen's `RET_AREA`).
#[repr(C, align(4))]
struct RetArea([u8; 8]);
static mut RET_AREA: RetArea = RetArea([0; 8]);

/// Canonical ABI realloc. `old_size == 0 && new_size == 0` returns `align` (dangling,
/// non-null); `old_size == 0` allocates; otherwise reallocates. Traps on OOM / bad align.
#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old_ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if !align.is_power_of_two() {
        trap()
    }
    let p = if old_size == 0 {
        if new_size == 0 {
            return align as *mut u8;
        }
        alloc(Layout::from_size_align_unchecked(new_size, align))
    } else if new_size == 0 {
        // Not produced by canonical-ABI callers; supported so a host "free" via realloc works.
        dealloc(old_ptr, Layout::from_size_align_unchecked(old_size, align));
        return align as *mut u8;
    } else {
        realloc(old_ptr, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if p.is_null() {
        trap()
    }
    p
}

unsafe fn take_arg(ptr: *mut u8, len: usize) -> Vec<u8> {
    if len == 0 {
        Vec::new()
    } else {
        Vec::from_raw_parts(ptr, len, len)
    }
}

/// `upper(ptr, len) -> retptr`: Unicode uppercase. Takes ownership of (and frees) the input;
/// returns a pointer to `{ptr: i32, len: i32}` describing a new guest-owned string that
/// stays alive until `cabi_post_upper(retptr)`. Traps on invalid UTF-8.
#[no_mangle]
pub unsafe extern "C" fn upper(ptr: *mut u8, len: usize) -> *mut u8 {
    let arg = take_arg(ptr, len);
    let s = match std::str::from_utf8(&arg) {
        Ok(s) => s,
        Err(_) => trap(),
    };
    let out = s.to_uppercase().into_bytes().into_boxed_slice();
    drop(arg);
    let out_len = out.len();
    let out_ptr = Box::into_raw(out) as *mut u8;
    let ret = RET_AREA.0.as_mut_ptr();
    (ret as *mut i32).write(out_ptr as i32);
    (ret as *mut i32).add(1).write(out_len as i32);
    ret
}

/// Post-return for `upper`: frees the string described by the record at `retptr`.
#[no_mangle]
pub unsafe extern "C" fn cabi_post_upper(retptr: *mut u8) {
    let p = (retptr as *const i32).read() as usize as *mut u8;
    let n = (retptr as *const i32).add(1).read() as usize;
    if n != 0 {
        dealloc(p, Layout::from_size_align_unchecked(n, 1));
    }
}

/// `array-sum(list<u8>) -> u8`: wrapping byte sum; takes ownership of (frees) the input.
/// Scalar result, so there is no return area and no `cabi_post_array_sum`.
#[no_mangle]
pub unsafe extern "C" fn array_sum(ptr: *mut u8, len: usize) -> u8 {
    take_arg(ptr, len).iter().fold(0u8, |acc, b| acc.wrapping_add(*b))
}
