package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the corpus modules: flipped bits, overwritten, inserted and deleted
 * bytes, huge LEB128s. The decoder may only throw {@link MalformedModuleException}; when it
 * accepts a mutant, the round trip must hold. Set WEIR_FUZZ_SEED / WEIR_FUZZ_CASES to reproduce
 * or extend a run; the seed is printed on failure.
 */
class DecoderFuzzTest {
    @Test
    void mutantsOnlyFailWithMalformedModuleException() {
        run(false, 4000);
    }

    /** Decoded mutants also go through {@link WasmValidator}: only the two typed exceptions may come out. */
    @Test
    void validatedMutantsOnlyFailWithTypedExceptions() {
        run(true, 1000);
    }

    private static void run(boolean validate, int defaultCases) {
        long seed = Long.parseLong(System.getenv().getOrDefault("WEIR_FUZZ_SEED", "20250101"));
        int cases = Integer.parseInt(System.getenv().getOrDefault("WEIR_FUZZ_CASES", "" + defaultCases));
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : CorpusModules.all()) {
            seeds.add(CorpusModules.read(p));
        }
        assertFalse(seeds.isEmpty());
        // Smaller modules first: mutants of them reach deep into every section cheaply.
        seeds.sort(Comparator.comparingInt(b -> b.length));
        List<byte[]> pool = seeds.subList(0, Math.max(1, seeds.size() * 3 / 4));
        Random rnd = new Random(seed);
        int decoded = 0;
        int rejected = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            byte[] original = pool.get(rnd.nextInt(pool.size()));
            byte[] mutant = mutate(original, rnd);
            try {
                WasmModule m = WasmDecoder.decode(mutant);
                decoded++;
                assertEquals(m, WasmDecoder.decode(WasmEncoder.encode(m)), "round trip of accepted mutant");
                if (validate) {
                    WasmValidator.validate(m);
                }
            } catch (MalformedModuleException | InvalidModuleException e) {
                rejected++;
            } catch (Throwable e) {
                e.printStackTrace();
                fail("seed " + seed + (validate ? " (validated)" : "") + ", case " + i + " (module of " + original.length + " bytes): " + e, e);
            }
        }
        System.out.printf("fuzz seed %d%s: %d cases, %d decoded, %d rejected (decoder or validator), %.1f s%n", seed, validate ? " (validated)" : "", cases, decoded,
                rejected, (System.nanoTime() - t0) / 1e9);
    }

    static byte[] mutate(byte[] b, Random rnd) {
        byte[] m = b.clone();
        int edits = 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 16 : 3);
        for (int e = 0; e < edits; e++) {
            int at = 8 + rnd.nextInt(Math.max(1, m.length - 8));
            at = Math.min(at, m.length);
            switch (rnd.nextInt(7)) {
                case 0: // flip a bit
                    if (at < m.length) {
                        m[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    break;
                case 1: // overwrite with a random or interesting byte
                    if (at < m.length) {
                        int[] interesting = {0x00, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0xFB, 0xFC, 0xFD, 0xFE};
                        m[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : interesting[rnd.nextInt(interesting.length)]);
                    }
                    break;
                case 2: // insert bytes
                    m = splice(m, at, 0, randomBytes(rnd, 1 + rnd.nextInt(4)));
                    break;
                case 3: // delete bytes
                    m = splice(m, at, Math.min(1 + rnd.nextInt(8), m.length - at), new byte[0]);
                    break;
                case 4: // a huge LEB128 (counts, sizes, indices)
                    m = splice(m, at, Math.min(1, m.length - at), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
                    break;
                case 5: // truncate
                    m = java.util.Arrays.copyOf(m, at);
                    break;
                default: // duplicate a chunk
                    int len = Math.min(1 + rnd.nextInt(32), m.length - at);
                    m = splice(m, at, 0, java.util.Arrays.copyOfRange(m, at, at + len));
                    break;
            }
        }
        return m;
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] r = new byte[n];
        rnd.nextBytes(r);
        return r;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] r = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(insert, 0, r, at, insert.length);
        System.arraycopy(b, at + remove, r, at + insert.length, b.length - at - remove);
        return r;
    }
}
