// Runs one program of weir-bench's whole-program suite on Node's WebAssembly (V8) and prints its
// own timings, one line per iteration: "ITER <i> <compile+instantiate ns> <run ns> <exit code>".
// Argument: a JSON object {wasm, dir, args, invoke, warmup, iterations, budgetMs, out, err}.
// Iteration 0 writes the guest's stdout/stderr to `out`/`err`; later ones to /dev/null.
// Like the JVM engines, every iteration compiles afresh (timed) but instantiates the module compiled
// by the first iteration, so V8's tiering warms up; the run time is bench.start..bench.end when
// the guest calls them, else the whole _start / export call.
import { readFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { WASI } from 'node:wasi';

const cfg = JSON.parse(process.argv[2]);
const bytes = readFileSync(cfg.wasm);
const now = () => process.hrtime.bigint();
const total = cfg.warmup + cfg.iterations;
const cellStart = now();
let kept = null;
let measured = 0;
for (let i = 0; i < total; i++) {
  const over = Number(now() - cellStart) / 1e6 > cfg.budgetMs;
  if (i < cfg.warmup && over) { i = cfg.warmup; }
  if (measured > 0 && over) { break; }
  const outFd = openSync(i === 0 ? cfg.out : '/dev/null', 'w');
  const errFd = openSync(i === 0 ? cfg.err : '/dev/null', 'w');
  let start = null, end = null;
  const t0 = now();
  const mod = await WebAssembly.compile(bytes);
  if (kept === null) { kept = mod; }
  let code = 0, t2, t3;
  if (cfg.invoke === null) {
    const wasi = new WASI({ version: 'preview1', args: cfg.args, env: {}, preopens: { '.': cfg.dir },
      stdout: outFd, stderr: errFd, returnOnExit: true });
    const imports = { wasi_snapshot_preview1: wasi.wasiImport,
      bench: { start() { start = now(); }, end() { end = now(); } } };
    const inst = await WebAssembly.instantiate(kept, imports);
    t2 = now();
    code = wasi.start(inst);
    t3 = now();
  } else {
    const inst = await WebAssembly.instantiate(kept, {});
    const f = inst.exports[cfg.invoke.export];
    const args = cfg.invoke.args.map((a, k) => cfg.invoke.types[k] === 'I' ? BigInt(a) : Number(a));
    t2 = now();
    const r = f(...args);
    t3 = now();
    writeSync(outFd, String(r) + '\n');
  }
  closeSync(outFd);
  closeSync(errFd);
  const run = start !== null && end !== null ? end - start : t3 - t2;
  process.stdout.write(`ITER ${i} ${t2 - t0} ${run} ${code}\n`);
  if (i >= cfg.warmup) { measured++; }
  if (code !== 0) { break; }
}
