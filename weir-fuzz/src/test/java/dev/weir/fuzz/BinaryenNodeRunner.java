package dev.weir.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs binaryen fuzz modules on Node (V8) following the same {@link CallPlan} as
 * {@link BinaryenWeirRunner}, one node process per batch. Only JS-compatible calls (no v128 or
 * references); the campaign generates the Node sample without SIMD and with {@code --denan}.
 */
final class BinaryenNodeRunner {
    private static final String SCRIPT = String.join("\n",
            "const fs = require('fs'), path = require('path'), crypto = require('crypto');",
            "const dir = process.argv[2];",
            "const bits = (x) => { if (Number.isNaN(x)) return 'nan';",
            "  const b = new BigUint64Array(new Float64Array([x]).buffer)[0]; return b.toString(16); };",
            "const fromBits = (h) => new Float64Array(new BigUint64Array([BigInt('0x' + h)]).buffer)[0];",
            "const clean = (s) => String(s).replace(/[\\t\\n\\r]/g, ' ');",
            "const render = (t, v) => t === 'i' ? 'i32:' + (v | 0) : t === 'I' ? 'i64:' + BigInt.asIntN(64, v)",
            "  : 'f:' + bits(v);",
            "for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.wasm')).sort()) {",
            "  const id = f.slice(0, -5);",
            "  const out = (l) => process.stdout.write(id + '\\t' + clean(l) + '\\n');",
            "  const plan = fs.readFileSync(path.join(dir, id + '.plan'), 'utf8').split('\\n').filter(l => l);",
            "  let inst;",
            "  const log = (t) => (x) => out('log ' + render(t, x));",
            "  const imports = {'fuzzing-support': {'log-i32': log('i'), 'log-i64': log('I'), 'log-f32': log('f'),",
            "    'log-f64': log('F'), 'log-v128': () => { throw new Error('log-v128 from JS'); }}};",
            "  try { inst = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(path.join(dir, f))), imports); }",
            "  catch (e) { out((e instanceof WebAssembly.RuntimeError ? 'instantiate trap ' : 'compile/instantiate error ') + e.message); out('END'); continue; }",
            "  const ex = inst.exports;",
            "  let globals = '';",
            "  for (const line of plan) {",
            "    const p = line.split('\\t');",
            "    if (p[0] === 'G') { globals = p[1] || ''; continue; }",
            "    const [, name, params, results, argstr] = p;",
            "    const raw = argstr ? argstr.split(',') : [];",
            "    const args = raw.map((a, k) => params[k] === 'i' ? Number(a) : params[k] === 'I' ? BigInt(a) : fromBits(a));",
            "    try {",
            "      if (ex.hangLimitInitializer) ex.hangLimitInitializer();",
            "      let r = ex[name](...args);",
            "      if (results.length === 1) r = [r]; else if (results.length === 0) r = [];",
            "      out('call ' + name + ' ->' + r.map((v, k) => ' ' + render(results[k], v)).join(''));",
            "    } catch (e) {",
            "      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) out('call ' + name + ' trap ' + e.message);",
            "      else out('call ' + name + ' error ' + e);",
            "    }",
            "  }",
            "  const mem = ex.memory;",
            "  out('memory ' + (mem ? crypto.createHash('sha256').update(new Uint8Array(mem.buffer)).digest('hex') : 'none'));",
            "  for (let i = 0; i < globals.length; i++) {",
            "    out('global ' + i + ' ' + (globals[i] === 'v' ? 'v128' : render(globals[i], ex['" + ExportRewriter.GLOBAL_PREFIX + "' + i].value)));",
            "  }",
            "  out('END');",
            "}",
            "");

    String unavailableReason() {
        return new NodeRunner().unavailableReason();
    }

    List<Transcript> runAll(List<byte[]> modules) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("weir-binaryen-node");
            for (int i = 0; i < modules.size(); i++) {
                String id = String.format("%06d", i);
                byte[] full = ExportRewriter.exportAllGlobals(modules.get(i));
                Files.write(dir.resolve(id + ".wasm"), full);
                Files.writeString(dir.resolve(id + ".plan"), plan(CallPlan.of(full)));
            }
            Path script = dir.resolve("run.js");
            Files.writeString(script, SCRIPT);
            Process p = new ProcessBuilder("node", "--stack-size=900", script.toString(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("node did not finish");
            }
            List<Transcript> res = new ArrayList<>();
            Transcript.Builder cur = new Transcript.Builder();
            for (String line : out.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    continue;
                }
                String l = line.substring(tab + 1);
                if (l.equals("END")) {
                    res.add(cur.build());
                    cur = new Transcript.Builder();
                } else {
                    cur.add(l);
                }
            }
            if (res.size() != modules.size()) {
                throw new IllegalStateException("node printed " + res.size() + " transcripts for " + modules.size()
                        + " modules (exit " + p.exitValue() + ")");
            }
            return res;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Binaryen.delete(dir);
        }
    }

    private static String plan(CallPlan plan) {
        StringBuilder sb = new StringBuilder();
        for (CallPlan.Call c : plan.calls()) {
            if (!c.jsCompatible()) {
                continue;
            }
            sb.append("C\t").append(c.name()).append('\t').append(c.params()).append('\t').append(c.results()).append('\t');
            for (int k = 0; k < c.params().length(); k++) {
                if (k > 0) {
                    sb.append(',');
                }
                long a = c.args()[2 * k];
                switch (c.params().charAt(k)) {
                    case 'i': sb.append((int) a); break;
                    case 'I': sb.append(a); break;
                    case 'f': sb.append(Long.toHexString(Double.doubleToRawLongBits(Float.intBitsToFloat((int) a)))); break;
                    default: sb.append(Long.toHexString(a)); break;
                }
            }
            sb.append('\n');
        }
        StringBuilder g = new StringBuilder();
        plan.globalTypes().forEach(g::append);
        sb.append("G\t").append(g).append('\n');
        return sb.toString();
    }
}
