// Weir example guest: AssemblyScript 0.28, built with --exportRuntime (see ../../build.sh).
//
// Allocator profile "assemblyscript": managed objects created with `__new(size, classId)`,
// kept alive across calls with `__pin(ptr)` / `__unpin(ptr)`, reclaimed by the incremental
// GC (`__collect()` forces a full collection). Strings are UTF-16LE.
//
// Every managed object pointer `p` points at the payload; the 20-byte header before it is
//   p-20  mmInfo   (TLSF block info: size | flags)        \ memory manager
//   p-16  gcInfo   (GC list link + color)                 |
//   p-12  gcInfo2  (GC list link)                         / garbage collector
//   p-8   rtId     (class id: 0 Object, 1 ArrayBuffer, 2 String, others see *Id() below)
//   p-4   rtSize   (payload size in BYTES; a string's length in chars is rtSize >>> 1)
//
// Ownership: every argument is a host-created managed object; the host pins it while it
// builds/uses it and unpins it afterwards (the GC then frees it). Results are managed
// objects the host must pin (or copy out before the next allocation may trigger the GC)
// and unpin when done. Nothing is freed explicitly.

/** Unicode-aware uppercase (AS's String#toUpperCase handles special casing: "ß" -> "SS"). */
export function upper(s: string): string {
  return s.toUpperCase();
}

/** Sum of the bytes of a Uint8Array view, as i32 (no wrap): [1,2,3,4,5] -> 15, [200,100] -> 300. */
export function arraySum(a: Uint8Array): i32 {
  let sum: i32 = 0;
  for (let i = 0, n = a.length; i < n; i++) sum += unchecked(a[i]);
  return sum;
}

/** Same sum over a StaticArray<u8> (one allocation, payload = the bytes; simplest to build). */
export function arraySumStatic(a: StaticArray<u8>): i32 {
  let sum: i32 = 0;
  for (let i = 0, n = a.length; i < n; i++) sum += unchecked(a[i]);
  return sum;
}

/** Returns a new Uint8Array [0, 1, ..., n-1] (result built by the guest, read by the host). */
export function iota(n: i32): Uint8Array {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = <u8>i;
  return a;
}

/** Throws, which AssemblyScript compiles to a call of the imported env.abort(msg, file, line, col) and then `unreachable`. */
export function fail(): void {
  throw new Error("weir: deliberate failure");
}

// Class ids are assigned by the compiler; export them so a host never hard-codes them.
export function stringId(): u32 { return idof<String>(); }            // always 2
export function arrayBufferId(): u32 { return idof<ArrayBuffer>(); }  // always 1
export function uint8ArrayId(): u32 { return idof<Uint8Array>(); }
export function staticArrayU8Id(): u32 { return idof<StaticArray<u8>>(); }
