package dev.weir.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs modules on Node's {@code WebAssembly} (V8): writes them to a temp directory and runs one
 * node process over the whole batch, which prints one tab-separated line per module.
 */
final class NodeRunner implements WasmRunner {
    private static final String SCRIPT = String.join("\n",
            "const fs = require('fs'), path = require('path'), crypto = require('crypto');",
            "const dir = process.argv[2];",
            "const bits = (x) => { if (Number.isNaN(x)) return 'nan';",
            "  const b = new BigUint64Array(new Float64Array([x]).buffer)[0]; return b.toString(16); };",
            "const clean = (s) => String(s).replace(/[\\t\\n\\r]/g, ' ');",
            "for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.wasm')).sort()) {",
            "  let result, trap = '', mem = '', globals = [];",
            "  try {",
            "    const inst = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(path.join(dir, f))), {});",
            "    try { result = 'i64:' + BigInt.asIntN(64, inst.exports.run()).toString(); }",
            "    catch (e) {",
            "      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) { result = 'trap'; trap = clean(e.message); }",
            "      else { result = 'error'; trap = clean(e); }",
            "    }",
            "    mem = crypto.createHash('sha256').update(new Uint8Array(inst.exports.mem.buffer)).digest('hex');",
            "    for (let i = 0; ('g' + i) in inst.exports; i++) {",
            "      const v = inst.exports['g' + i].value;",
            "      globals.push(typeof v === 'bigint' ? 'i64:' + v.toString() : bits(v));",
            "    }",
            "  } catch (e) { result = 'error'; trap = 'compile/instantiate: ' + clean(e); }",
            "  process.stdout.write([f, result, trap, mem, globals.join(',')].join('\\t') + '\\n');",
            "}",
            "");

    private static volatile String unavailable;
    private static volatile boolean probed;

    @Override
    public String name() {
        return "node";
    }

    @Override
    public String unavailableReason() {
        if (!probed) {
            unavailable = probe();
            probed = true;
        }
        return unavailable;
    }

    private static String probe() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "`node --version` failed: " + v;
            }
            return null;
        } catch (IOException e) {
            return "node is not on PATH (" + e.getMessage() + "); the Node comparison is skipped";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public Outcome run(byte[] wasm) {
        return runAll(List.of(wasm)).get(0);
    }

    @Override
    public List<Outcome> runAll(List<byte[]> modules) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("weir-fuzz-node");
            for (int i = 0; i < modules.size(); i++) {
                Files.write(dir.resolve(String.format("%06d.wasm", i)), modules.get(i));
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
            List<Outcome> res = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<String> globals = f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split(","));
                res.add(f[1].equals("error") ? Outcome.error(f[2]) : new Outcome(f[1], f[2], f[3], globals));
            }
            if (res.size() != modules.size()) {
                throw new IllegalStateException("node printed " + res.size() + " results for " + modules.size()
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
}
