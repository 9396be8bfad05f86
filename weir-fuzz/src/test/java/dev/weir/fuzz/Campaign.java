package dev.weir.fuzz;

import dev.weir.text.WatPrinter;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A differential campaign: generates modules from consecutive seeds until the time is up, runs
 * each on the interpreter and on the other side of every pair (a sample on Node, in batches),
 * minimizes any difference and saves it as a reproducer.
 */
final class Campaign {
    /** A difference found (and saved when a directory was given). */
    record Finding(String pair, long seed, String diff, Path wasm) {
    }

    static final class Stats {
        long firstSeed;
        long modules;
        long nodeModules;
        long traps;
        long compiled;
        long known;
        long duplicates;
        final List<Finding> findings = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final int[] opcodeHits = new int[0x120];

        @Override
        public String toString() {
            return "seeds " + firstSeed + ".." + (firstSeed + modules - 1) + ": " + modules + " modules ("
                    + traps + " trapped, " + compiled + " on the compiler, " + nodeModules + " on node), "
                    + findings.size() + " new differences, " + duplicates + " repeats, " + known + " known open bugs" + (skipped.isEmpty() ? "" : "; skipped: " + skipped);
        }
    }

    private final List<EnginePair> pairs = new ArrayList<>();
    private EnginePair nodePair;
    private final int nodeEvery;
    private final Path saveDir;
    private final WasmRunner interp = WeirRunner.interpreter();
    private final Stats stats = new Stats();
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    /** Signatures of reproducers whose .txt says "status: open": found again, they do not fail the run. */
    private final java.util.Set<String> known = new java.util.HashSet<>();
    private final List<long[]> nodeSeeds = new ArrayList<>();
    private final List<byte[]> nodeBatch = new ArrayList<>();
    private final List<Outcome> nodeExpected = new ArrayList<>();

    /**
     * @param nodeEvery every n-th module also runs on Node (0: never)
     * @param saveDir where reproducers go (null: not saved)
     */
    Campaign(int nodeEvery, Path saveDir) {
        this.nodeEvery = nodeEvery;
        this.saveDir = saveDir;
        known.addAll(Regressions.openSignatures(saveDir));
        EnginePair ic = EnginePair.interpreterVsCompiler();
        String why = ic.unavailableReason();
        if (why == null) {
            pairs.add(ic);
        } else {
            stats.skipped.add(ic.name() + ": " + why);
            System.out.println("[weir-fuzz] pair " + ic.name() + " skipped: " + why);
        }
        if (nodeEvery > 0) {
            EnginePair in = EnginePair.interpreterVsNode();
            why = in.unavailableReason();
            if (why == null) {
                nodePair = in;
            } else {
                stats.skipped.add(in.name() + ": " + why);
                System.out.println("[weir-fuzz] pair " + in.name() + " skipped: " + why);
            }
        }
    }

    /** Encodes and validates: a generator bug must not go unnoticed. */
    static byte[] validBytes(GenModule m) {
        byte[] bytes = m.encode();
        try {
            WasmValidator.validate(WasmDecoder.decode(bytes));
        } catch (RuntimeException e) {
            throw new AssertionError("generator produced an invalid module for seed " + m.seed + ": " + e, e);
        }
        return bytes;
    }

    Stats run(long firstSeed, long millis) {
        stats.firstSeed = firstSeed;
        long end = System.currentTimeMillis() + millis;
        for (long seed = firstSeed; System.currentTimeMillis() < end; seed++) {
            GenModule m = ModuleGenerator.generate(seed);
            byte[] bytes = m.encode(stats.opcodeHits);
            validBytes(m);
            stats.modules++;
            Outcome oa = interp.run(bytes);
            if (oa.result().equals("trap")) {
                stats.traps++;
            }
            if (oa.isError() || "interrupted".equals(oa.trap())) {
                // An interpreter crash or hang is a finding by itself; comparing it would report it twice.
                record("interpreter-alone", m, oa.describe(), null);
                continue;
            }
            for (EnginePair p : pairs) {
                Outcome ob = p.b().run(bytes);
                stats.compiled++;
                String d = p.diff(oa, ob);
                if (d != null) {
                    record(p.name(), m, d, p);
                }
            }
            if (nodePair != null && seed % nodeEvery == 0) {
                nodeSeeds.add(new long[] {seed});
                nodeBatch.add(bytes);
                nodeExpected.add(oa);
                if (nodeBatch.size() >= 250) {
                    flushNode();
                }
            }
        }
        flushNode();
        return stats;
    }

    private void flushNode() {
        if (nodeBatch.isEmpty()) {
            return;
        }
        List<Outcome> got = nodePair.b().runAll(nodeBatch);
        for (int i = 0; i < got.size(); i++) {
            stats.nodeModules++;
            String d = nodePair.diff(nodeExpected.get(i), got.get(i));
            if (d != null) {
                record(nodePair.name(), ModuleGenerator.generate(nodeSeeds.get(i)[0]), d, nodePair);
            }
        }
        nodeSeeds.clear();
        nodeBatch.clear();
        nodeExpected.clear();
    }

    /** The difference of a pair on a module, or null. */
    static String diff(EnginePair p, GenModule m) {
        byte[] b = validBytes(m);
        return p.diff(p.a().run(b), p.b().run(b));
    }

    /** A difference with numbers and hashes blanked: equal signatures are taken to be the same bug. */
    static String signature(String pairName, String diff) {
        return pairName + ": " + diff.replaceAll("[0-9a-f]{16,}", "#").replaceAll("-?[0-9]+", "#");
    }

    private void record(String pairName, GenModule m, String d, EnginePair p) {
        String sig = signature(pairName, d);
        if (known.contains(sig)) {
            if (stats.known++ < 5) {
                System.out.println("[weir-fuzz] known open bug, seed " + m.seed + " " + pairName + ": " + d);
            }
            return;
        }
        if (!seen.add(sig)) {
            if (stats.duplicates++ < 5) {
                System.out.println("[weir-fuzz] same difference again, seed " + m.seed + " " + pairName + ": " + d);
            }
            return;
        }
        System.out.println("[weir-fuzz] DIFFERENCE seed " + m.seed + " " + pairName + ": " + d);
        GenModule min = m;
        if (p == null) {
            min = Minimizer.minimize(m, c -> signature(pairName, interp.run(validBytes(c)).describe()).equals(sig),
                    30_000);
            d = interp.run(min.encode()).describe();
        } else {
            String kind = kind(d);
            min = Minimizer.minimize(m, c -> {
                String cd = diff(p, c);
                return cd != null && kind(cd).equals(kind);
            }, 30_000);
            String md = diff(p, min);
            if (md == null) {
                min = m;
            } else {
                d = md;
            }
        }
        Path file = saveDir == null ? null : save(saveDir, pairName, m, min, d, sig, p);
        stats.findings.add(new Finding(pairName, m.seed, d, file));
    }

    private static String kind(String diff) {
        int c = diff.indexOf(": ");
        String rest = c < 0 ? diff : diff.substring(c + 2);
        int sp = rest.indexOf(' ');
        return sp < 0 ? rest : rest.substring(0, sp);
    }

    static Path save(Path dir, String pair, GenModule original, GenModule min, String diff, String sig,
            EnginePair p) {
        try {
            Files.createDirectories(dir);
            String base = pair + "-seed" + original.seed;
            byte[] bytes = min.encode();
            Path wasm = dir.resolve(base + ".wasm");
            Files.write(wasm, bytes);
            StringBuilder sb = new StringBuilder();
            sb.append("pair: ").append(pair).append('\n');
            sb.append("seed: ").append(original.seed).append('\n');
            sb.append("status: open\n");
            sb.append("difference: ").append(diff).append('\n');
            sb.append("signature: ").append(sig).append('\n');
            if (p != null) {
                sb.append("outcome ").append(p.a().name()).append(": ").append(p.a().run(bytes)).append('\n');
                sb.append("outcome ").append(p.b().name()).append(": ").append(p.b().run(bytes)).append('\n');
            }
            sb.append("minimized: ").append(min.funcs.size()).append(" functions, ").append(min.statementCount())
                    .append(" statements (generated: ").append(original.funcs.size()).append(", ")
                    .append(original.statementCount()).append(")\n");
            sb.append("--- wat ---\n");
            try {
                WasmModule wm = WasmDecoder.decode(bytes);
                sb.append(WatPrinter.print(wm));
            } catch (RuntimeException e) {
                sb.append("(cannot print: ").append(e).append(")\n");
            }
            Files.writeString(dir.resolve(base + ".txt"), sb.toString());
            System.out.println("[weir-fuzz] saved reproducer " + wasm);
            return wasm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
