// Verifies every example guest in examples/wasm/ with Node's WebAssembly JS API (Node 20+).
// Each block drives one guest exactly as a host must (allocate, copy in, call, read back,
// free with the right allocator and the right owner) and asserts exact results.
// Run: node examples/guests/verify.mjs        (exit code 0 = all checks passed)
import { readFileSync, openSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const WASM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'wasm');
const utf8 = new TextEncoder();
const utf8d = new TextDecoder('utf-8', { fatal: true });

let passed = 0;
let failed = 0;
function check(label, actual, expected) {
  const ok = typeof expected === 'bigint' || typeof actual === 'bigint'
    ? actual === expected
    : JSON.stringify(actual) === JSON.stringify(expected);
  if (ok) { passed++; console.log(`  ok   ${label} = ${fmt(actual)}`); }
  else { failed++; console.log(`  FAIL ${label}: expected ${fmt(expected)}, got ${fmt(actual)}`); }
}
function fmt(v) { return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v); }
function checkTrap(label, fn, messagePart) {
  try { fn(); } catch (e) {
    if (e instanceof WebAssembly.RuntimeError && e.message.includes(messagePart)) {
      passed++; console.log(`  ok   ${label} traps: ${e.message}`); return;
    }
    failed++; console.log(`  FAIL ${label}: wrong error ${e}`); return;
  }
  failed++; console.log(`  FAIL ${label}: did not trap`);
}
function note(text) { console.log(`  note ${text}`); }

function load(name, imports = {}) {
  const module = new WebAssembly.Module(readFileSync(join(WASM_DIR, `${name}.wasm`)));
  return new WebAssembly.Instance(module, imports).exports;
}
const bytesOf = (ex) => new Uint8Array(ex.memory.buffer); // re-taken after every call: memory may grow
const dv = (ex) => new DataView(ex.memory.buffer);
const readUtf8 = (ex, ptr, len) => utf8d.decode(bytesOf(ex).slice(ptr, ptr + len));
const pages = (ex) => ex.memory.buffer.byteLength / 65536;

const UPPER_IN = 'this should be uppercase';
const UPPER_OUT = 'THIS SHOULD BE UPPERCASE';
const UNI_IN = 'grüße, ﬁx'; // 13 UTF-8 bytes; full Unicode uppercase is 12 bytes
const UNI_OUT = 'GRÜSSE, FIX';
const UNI_ASCII_OUT = 'GRüßE, ﬁX'; // ASCII-only uppercase keeps the length

// ---------------------------------------------------------------------------------------
console.log('rust-raw.wasm (alloc/dealloc, borrowed inputs, host frees results)');
{
  const ex = load('rust-raw');
  const copyIn = (data) => { const p = ex.alloc(data.length); bytesOf(ex).set(data, p); return p; };

  let p = copyIn([1, 2, 3, 4, 5]);
  check('array_sum([1,2,3,4,5])', ex.array_sum(p, 5), 15);
  check('array_sum_i32([1,2,3,4,5])', ex.array_sum_i32(p, 5), 15);
  ex.dealloc(p, 5);
  p = copyIn([200, 100]);
  check('array_sum([200,100]) (u8 wraps)', ex.array_sum(p, 2), 44);
  check('array_sum_i32([200,100])', ex.array_sum_i32(p, 2), 300);
  ex.dealloc(p, 2);
  check('array_sum(ptr, 0)', ex.array_sum(0, 0), 0);

  p = ex.alloc(16);
  check('alloc(16) is 8-byte aligned (dlmalloc; only align 1 is promised)', p % 8, 0);
  [1, -2, 3, 40000].forEach((v, i) => dv(ex).setInt32(p + 4 * i, v, true));
  check('sum_i32s([1,-2,3,40000])', ex.sum_i32s(p, 4), 40002);
  ex.dealloc(p, 16);

  const s = utf8.encode(UPPER_IN);
  p = copyIn(s);
  let r = ex.upper(p, s.length);
  check('upper(seed string)', readUtf8(ex, r, s.length), UPPER_OUT);
  check('upper result is a new block', r !== p, true);
  ex.dealloc(r, s.length);
  ex.dealloc(p, s.length);

  const u = utf8.encode(UNI_IN);
  p = copyIn(u);
  r = ex.upper(p, u.length);
  check('upper("grüße, ﬁx") (ASCII only, same length)', readUtf8(ex, r, u.length), UNI_ASCII_OUT);
  ex.dealloc(r, u.length);

  const outLen = ex.alloc(4);
  r = ex.upper_outlen(p, u.length, outLen);
  const n = dv(ex).getUint32(outLen, true);
  check('upper_outlen("grüße, ﬁx") length', n, 12);
  check('upper_outlen("grüße, ﬁx")', readUtf8(ex, r, n), UNI_OUT);
  ex.dealloc(r, n);
  ex.dealloc(outLen, 4);

  const packed = ex.upper_packed(p, u.length);
  check('upper_packed returns an i64 (BigInt)', typeof packed, 'bigint');
  const pp = Number(BigInt.asUintN(64, packed) >> 32n), pl = Number(packed & 0xffffffffn);
  check('upper_packed("grüße, ﬁx") = ptr<<32|len', [readUtf8(ex, pp, pl), pl], [UNI_OUT, 12]);
  ex.dealloc(pp, pl);

  const pair = ex.upper_pair(p, u.length);
  check('upper_pair returns 2 values (multi-value)', Array.isArray(pair) && pair.length, 2);
  check('upper_pair("grüße, ﬁx")', readUtf8(ex, pair[0], pair[1]), UNI_OUT);
  ex.dealloc(pair[0], pair[1]);
  ex.dealloc(p, u.length);

  check('alloc(0) = dangling 1', ex.alloc(0), 1);
  r = ex.upper(1, 0);
  check('upper("") = dangling 1', r, 1);
  ex.dealloc(1, 0);
  check('upper_pair("")', ex.upper_pair(1, 0), [1, 0]);

  p = copyIn([0x61, 0xff, 0x62]);
  checkTrap('upper(invalid utf-8)', () => ex.upper(p, 3), 'unreachable');
  checkTrap('upper_outlen(invalid utf-8)', () => ex.upper_outlen(p, 3, 0), 'unreachable');
  ex.dealloc(p, 3);

  // Seed scenario: the guest takes ownership and frees the host's buffer.
  p = copyIn([1, 2, 3, 4, 5]);
  check('take_ownership([1,2,3,4,5]) (guest frees)', ex.take_ownership(p, 5), 15);
  const reuse = ex.alloc(5);
  check('block freed by take_ownership is reused by alloc(5)', reuse, p);
  ex.dealloc(reuse, 5);

  // Steady state: correctly freed round trips must not grow memory.
  const before = pages(ex);
  for (let i = 0; i < 20000; i++) {
    const q = copyIn(s); const res = ex.upper_pair(q, s.length);
    ex.dealloc(res[0], res[1]); ex.dealloc(q, s.length);
  }
  check('20000 upper_pair round trips: memory pages unchanged', pages(ex), before);
}
{
  // The seed's double free, reproduced on a fresh instance: the guest already freed the
  // block (take_ownership), the host frees it again. The freed 5-byte chunk was merged into
  // dlmalloc's top chunk, so the second free walks garbage sizes and traps deterministically.
  const ex = load('rust-raw');
  const p = ex.alloc(5);
  bytesOf(ex).set([1, 2, 3, 4, 5], p);
  ex.take_ownership(p, 5);
  checkTrap('dealloc after take_ownership (the seed\'s double free)', () => ex.dealloc(p, 5), 'memory access out of bounds');
  note('the trap comes from inside dlmalloc, far from the bug: weir-memcheck must name the double free instead');
}

// ---------------------------------------------------------------------------------------
console.log('wasm-bindgen-style.wasm (__wbindgen_malloc/realloc/free, guest frees args, retptr)');
{
  const ex = load('wasm-bindgen-style');
  const passBytes = (data) => { const p = ex.__wbindgen_malloc(data.length, 1); bytesOf(ex).set(data, p); return p; };
  const sp0 = ex.__wbindgen_add_to_stack_pointer(0);
  const callUpper = (str) => {
    const b = utf8.encode(str);
    const ptr = passBytes(b); // ownership moves to the guest with the call
    const retptr = ex.__wbindgen_add_to_stack_pointer(-16);
    try {
      ex.upper(retptr, ptr, b.length);
      const r0 = dv(ex).getInt32(retptr, true), r1 = dv(ex).getInt32(retptr + 4, true);
      const out = readUtf8(ex, r0, r1);
      ex.__wbindgen_free(r0, r1, 1);
      return out;
    } finally {
      ex.__wbindgen_add_to_stack_pointer(16);
    }
  };
  check('upper(seed string)', callUpper(UPPER_IN), UPPER_OUT);
  check('upper("grüße, ﬁx")', callUpper(UNI_IN), UNI_OUT);
  check('upper("")', callUpper(''), '');
  check('stack pointer restored', ex.__wbindgen_add_to_stack_pointer(0), sp0);
  check('stack pointer is 16-byte aligned', sp0 % 16, 0);

  check('array_sum([1,2,3,4,5]) (guest frees)', ex.array_sum(passBytes([1, 2, 3, 4, 5]), 5), 15);
  check('array_sum([200,100]) (u8 wraps)', ex.array_sum(passBytes([200, 100]), 2), 44);
  check('__wbindgen_malloc(0, 1) = 1 (dangling = align)', ex.__wbindgen_malloc(0, 1), 1);
  check('__wbindgen_malloc(0, 8) = 8', ex.__wbindgen_malloc(0, 8), 8);
  ex.__wbindgen_free(8, 0, 8); // no-op
  const a16 = ex.__wbindgen_malloc(24, 16);
  check('__wbindgen_malloc(24, 16) honours align 16', a16 % 16, 0);
  ex.__wbindgen_free(a16, 24, 16);

  let p = passBytes(utf8.encode('abcd'));
  p = ex.__wbindgen_realloc(p, 4, 4096, 1);
  check('__wbindgen_realloc(p, 4, 4096, 1) keeps contents', readUtf8(ex, p, 4), 'abcd');
  p = ex.__wbindgen_realloc(p, 4096, 2, 1);
  check('__wbindgen_realloc shrink keeps prefix', readUtf8(ex, p, 2), 'ab');
  ex.__wbindgen_free(p, 2, 1);
  check('__wbindgen_realloc(0, 0, 7, 1) acts as malloc', ex.__wbindgen_realloc(0, 0, 7, 1) > 0, true);
  checkTrap('__wbindgen_malloc(1, 3) (align not a power of 2)', () => ex.__wbindgen_malloc(1, 3), 'unreachable');

  const bad = passBytes([0xc3, 0x28]);
  const retptr = ex.__wbindgen_add_to_stack_pointer(-16);
  checkTrap('upper(invalid utf-8)', () => ex.upper(retptr, bad, 2), 'unreachable');
  ex.__wbindgen_add_to_stack_pointer(16);

  const before = pages(ex);
  for (let i = 0; i < 20000; i++) callUpper(UPPER_IN);
  check('20000 upper round trips: memory pages unchanged', pages(ex), before);
}

// ---------------------------------------------------------------------------------------
console.log('component-style.wasm (cabi_realloc, guest owns args, cabi_post_upper frees result)');
{
  const ex = load('component-style');
  const lower = (data) => { const p = ex.cabi_realloc(0, 0, 1, data.length); bytesOf(ex).set(data, p); return p; };
  const callUpper = (str) => {
    const b = utf8.encode(str);
    const retptr = ex.upper(lower(b), b.length);
    const p = dv(ex).getInt32(retptr, true), n = dv(ex).getInt32(retptr + 4, true);
    const out = readUtf8(ex, p, n);
    ex.cabi_post_upper(retptr);
    return { out, retptr };
  };
  const first = callUpper(UPPER_IN);
  check('upper(seed string)', first.out, UPPER_OUT);
  check('retptr is 4-byte aligned', first.retptr % 4, 0);
  check('upper("grüße, ﬁx")', callUpper(UNI_IN).out, UNI_OUT);
  check('retptr is the same static return area every call', callUpper('x').retptr, first.retptr);
  check('upper("")', callUpper('').out, '');
  check('array_sum([1,2,3,4,5]) (guest frees)', ex.array_sum(lower([1, 2, 3, 4, 5]), 5), 15);
  check('array_sum([200,100])', ex.array_sum(lower([200, 100]), 2), 44);
  check('cabi_realloc(0, 0, 4, 0) = 4 (dangling = align)', ex.cabi_realloc(0, 0, 4, 0), 4);
  let p = lower(utf8.encode('wxyz'));
  p = ex.cabi_realloc(p, 4, 1, 1000);
  check('cabi_realloc grow keeps contents', readUtf8(ex, p, 4), 'wxyz');
  check('cabi_realloc(p, 1000, 1, 0) frees, returns align', ex.cabi_realloc(p, 1000, 1, 0), 1);
  checkTrap('cabi_realloc(0, 0, 3, 8) (bad align)', () => ex.cabi_realloc(0, 0, 3, 8), 'unreachable');
  const bad = lower([0xed, 0xa0, 0x80]); // UTF-8 encoded surrogate: invalid
  checkTrap('upper(invalid utf-8)', () => ex.upper(bad, 3), 'unreachable');
  const before = pages(ex);
  for (let i = 0; i < 20000; i++) callUpper(UPPER_IN);
  check('20000 upper round trips: memory pages unchanged', pages(ex), before);
}

// ---------------------------------------------------------------------------------------
console.log('assemblyscript.wasm (__new/__pin/__unpin/__collect, UTF-16 strings, env.abort)');
{
  const aborts = [];
  let ex;
  const readAsString = (ptr) => {
    if (ptr === 0) return null;
    const byteLen = dv(ex).getUint32(ptr - 4, true); // rtSize
    return new TextDecoder('utf-16le').decode(bytesOf(ex).slice(ptr, ptr + byteLen));
  };
  ex = load('assemblyscript', {
    env: {
      abort(msg, file, line, col) { aborts.push({ msg: readAsString(msg), file: readAsString(file), line, col }); },
    },
  });
  const STRING_ID = ex.stringId(), ARRAYBUFFER_ID = ex.arrayBufferId();
  check('class ids: String, ArrayBuffer', [STRING_ID, ARRAYBUFFER_ID], [2, 1]);
  const U8A_ID = ex.uint8ArrayId(), SA_ID = ex.staticArrayU8Id();
  note(`class ids: Uint8Array=${U8A_ID}, StaticArray<u8>=${SA_ID} (compiler-assigned; read them via the *Id() exports)`);

  const newString = (str) => {
    const ptr = ex.__pin(ex.__new(str.length * 2, STRING_ID));
    for (let i = 0; i < str.length; i++) dv(ex).setUint16(ptr + 2 * i, str.charCodeAt(i), true);
    return ptr;
  };
  const callUpper = (str) => {
    const arg = newString(str);
    try {
      const res = ex.upper(arg);
      return { rtId: dv(ex).getUint32(res - 8, true), out: readAsString(res) }; // copied out before any further allocation
    } finally { ex.__unpin(arg); }
  };
  const r = callUpper(UPPER_IN);
  check('upper(seed string)', r.out, UPPER_OUT);
  check('result header rtId (p-8) is String', r.rtId, STRING_ID);
  check('upper("grüße, ﬁx") (special casing)', callUpper(UNI_IN).out, UNI_OUT);
  check('upper("")', callUpper('').out, '');

  const hdr = newString('abc');
  check('header of a 3-char string: rtId, rtSize', [dv(ex).getUint32(hdr - 8, true), dv(ex).getUint32(hdr - 4, true)], [STRING_ID, 6]);
  check('mmInfo (p-20) block size covers the 20-byte header + payload', (dv(ex).getUint32(hdr - 20, true) & ~3) >= 16 + 6, true);
  ex.__unpin(hdr);

  // Uint8Array: ArrayBuffer (id 1) + 12-byte view object { buffer, dataStart, byteLength }.
  const newUint8Array = (data) => {
    const buf = ex.__pin(ex.__new(data.length, ARRAYBUFFER_ID));
    bytesOf(ex).set(data, buf);
    const view = ex.__pin(ex.__new(12, U8A_ID));
    dv(ex).setUint32(view, buf, true);          // buffer (a managed reference)
    dv(ex).setUint32(view + 4, buf, true);      // dataStart
    dv(ex).setUint32(view + 8, data.length, true); // byteLength
    ex.__unpin(buf); // now reachable through the pinned view
    return view;
  };
  let v = newUint8Array([1, 2, 3, 4, 5]);
  check('arraySum(Uint8Array [1,2,3,4,5])', ex.arraySum(v), 15);
  ex.__unpin(v);
  v = newUint8Array([200, 100]);
  check('arraySum(Uint8Array [200,100]) (i32, no wrap)', ex.arraySum(v), 300);
  ex.__unpin(v);
  const sa = ex.__pin(ex.__new(5, SA_ID));
  bytesOf(ex).set([1, 2, 3, 4, 5], sa);
  check('arraySumStatic(StaticArray<u8> [1,2,3,4,5])', ex.arraySumStatic(sa), 15);
  ex.__unpin(sa);

  const io = ex.__pin(ex.iota(5));
  const ioBuf = dv(ex).getUint32(io, true), ioStart = dv(ex).getUint32(io + 4, true), ioLen = dv(ex).getUint32(io + 8, true);
  check('iota(5) -> Uint8Array', Array.from(bytesOf(ex).slice(ioStart, ioStart + ioLen)), [0, 1, 2, 3, 4]);
  check('iota(5).buffer header rtId is ArrayBuffer', dv(ex).getUint32(ioBuf - 8, true), ARRAYBUFFER_ID);
  ex.__unpin(io);

  checkTrap('fail()', () => ex.fail(), 'unreachable');
  check('fail() called env.abort once', aborts.length, 1);
  check('abort message and file', [aborts[0]?.msg, aborts[0]?.file], ['weir: deliberate failure', 'assembly/index.ts']);
  check('abort line, column', [aborts[0]?.line, aborts[0]?.col], [47, 3]);

  ex.__collect();
  const before = pages(ex);
  for (let i = 0; i < 20000; i++) callUpper(UPPER_IN);
  ex.__collect();
  check('20000 upper round trips + __collect: memory pages unchanged', pages(ex), before);
}

// ---------------------------------------------------------------------------------------
console.log('c-exchange.wasm (wasi-libc malloc/free reactor, NUL-terminated strings)');
{
  const fresh = () => { const ex = load('c-exchange'); ex._initialize(); return ex; };
  const ex = fresh();
  const copyIn = (data) => { const p = ex.malloc(data.length); bytesOf(ex).set(data, p); return p; };
  const cstr = (str) => copyIn([...utf8.encode(str), 0]);
  const readCString = (p) => { const m = bytesOf(ex); let e = p; while (m[e] !== 0) e++; return utf8d.decode(m.slice(p, e)); };

  let p = copyIn([1, 2, 3, 4, 5]);
  check('array_sum([1,2,3,4,5])', ex.array_sum(p, 5), 15);
  ex.free(p);
  p = copyIn([200, 100]);
  check('array_sum([200,100]) (uint8_t wraps)', ex.array_sum(p, 2), 44);
  ex.free(p);

  p = cstr(UPPER_IN);
  let r = ex.upper(p);
  check('upper(seed string) NUL-terminated', readCString(r), UPPER_OUT);
  ex.free(r);
  r = ex.leaky_upper(p);
  check('leaky_upper(seed string)', readCString(r), UPPER_OUT);
  ex.free(r); // the result is fine; the scratch copy inside leaks 25 bytes
  ex.free(p);

  const u = utf8.encode(UNI_IN);
  p = copyIn(u);
  const outLen = ex.malloc(4);
  r = ex.upper_len(p, u.length, outLen);
  const n = dv(ex).getUint32(outLen, true);
  check('upper_len("grüße, ﬁx") (ASCII only) length', n, u.length);
  check('upper_len("grüße, ﬁx")', readUtf8(ex, r, n), UNI_ASCII_OUT);
  check('upper_len result is also NUL-terminated', bytesOf(ex)[r + n], 0);
  ex.free(r); ex.free(outLen); ex.free(p);

  const before = pages(ex);
  for (let i = 0; i < 20000; i++) { const q = cstr(UPPER_IN); ex.free(ex.upper(q)); ex.free(q); }
  check('20000 upper round trips: memory pages unchanged', pages(ex), before);

  // Deliberate bugs, each on a fresh instance: natively none of them traps.
  check('double_free_demo() (undetected by dlmalloc)', fresh().double_free_demo(), 0);
  check('use_after_free_demo() silently reads the stale 42', fresh().use_after_free_demo(), 42);
  check('overflow_demo() (undetected: lands in dlmalloc slack)', fresh().overflow_demo(), 0);
  const lk = fresh();
  const base = lk.malloc(1); lk.free(base);
  const s = (() => { const q = lk.malloc(25); new Uint8Array(lk.memory.buffer).set([...utf8.encode(UPPER_IN), 0], q); return q; })();
  for (let i = 0; i < 1000; i++) lk.free(lk.leaky_upper(s));
  const after = lk.malloc(1);
  check('1000 leaky_upper calls leak >= 25000 bytes (heap top moved)', after - base >= 25000, true);
}

// ---------------------------------------------------------------------------------------
console.log('WAT examples');
{
  const add = load('add');
  check('add(2, 3)', add.add(2, 3), 5);
  check('add(0x7fffffff, 1)', add.add(0x7fffffff, 1), -2147483648);

  const fib = load('fib');
  check('fib(0), fib(1), fib(10), fib(20)', [fib.fib(0), fib.fib(1), fib.fib(10), fib.fib(20)], [0, 1, 55, 6765]);
  check('fib(30)', fib.fib(30), 832040);
  check('fib_iter(90)', fib.fib_iter(90n), 2880067194370816120n);
  check('fib_iter(92)', fib.fib_iter(92n), 7540113804746346429n);
  check('fib_iter(93) wraps', fib.fib_iter(93n), -6246583658587674878n);

  const ls = load('loop_sum');
  ls.fill_iota(0, 65536);
  check('sum_u8(0, 10)', ls.sum_u8(0, 10), 45);
  check('sum_u8(0, 65536)', ls.sum_u8(0, 65536), 8355840);
  check('sum_i32(0, 16384)', ls.sum_i32(0, 16384), 412851601408n);
  checkTrap('sum_u8(65530, 10) out of bounds', () => ls.sum_u8(65530, 10), 'out of bounds');

  const calls = load('calls');
  check('direct(1000000)', calls.direct(1000000), 1000000);
  check('indirect(1000), indirect(3)', [calls.indirect(1000), calls.indirect(3)], [-500, 0]);
  check('mixed(10)', calls.mixed(10), 340);

  const mc = load('memcopy');
  check('churn(1000)', mc.churn(1000), 124716);
  check('churn(256)', mc.churn(256), 32640);
  check('overlap() (memmove semantics)', mc.overlap(), 33620481);
  checkTrap('fill(131000, 0, 1000) out of bounds', () => mc.fill(131000, 0, 1000), 'out of bounds');
  checkTrap('copy(0, 131000, 1000) out of bounds', () => mc.copy(0, 131000, 1000), 'out of bounds');

  const dir = mkdtempSync(join(tmpdir(), 'weir-verify-'));
  try {
    const outPath = join(dir, 'stdout.txt');
    const fd = openSync(outPath, 'w');
    const wasi = new WASI({ version: 'preview1', args: ['hello_wasi'], env: {}, stdout: fd, returnOnExit: true });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(WASM_DIR, 'hello_wasi.wasm'))), wasi.getImportObject());
    const code = wasi.start(inst);
    closeSync(fd);
    check('hello_wasi exit code', code, 0);
    check('hello_wasi stdout', readFileSync(outPath, 'utf8'), 'hello from weir\n');
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

console.log(`\n${passed} checks passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
