package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.text.Wat;
import org.junit.jupiter.api.Test;

/**
 * Inline-cached calls to compiled functions (CallSites): monomorphic, polymorphic and megamorphic
 * call_indirect sites, sites shared by instances in different stores, calls to imported compiled
 * functions, and traps through a cached site.
 */
class CallSitesTest {
    static final Engine COMPILER = Engine.builder().compiler(true).build();

    /** table[k] = $f_k: x -> x + k + 1 for k < 6, and $bad of another type at 6. */
    static final String TABLE = """
            (module
              (type $u (func (param i32) (result i32)))
              (table 7 funcref)
              (elem (i32.const 0) $f0 $f1 $f2 $f3 $f4 $f5 $bad)
              (func $f0 (type $u) local.get 0 i32.const 1 i32.add)
              (func $f1 (type $u) local.get 0 i32.const 2 i32.add)
              (func $f2 (type $u) local.get 0 i32.const 3 i32.add)
              (func $f3 (type $u) local.get 0 i32.const 4 i32.add)
              (func $f4 (type $u) local.get 0 i32.const 5 i32.add)
              (func $f5 (type $u) local.get 0 i32.const 6 i32.add)
              (func $bad (param i64) (result i64) local.get 0)
              (func (export "add1") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
              ;; acc = sum over i < n of table[i % m](0) (one site, m targets)
              (func (export "spread") (param $n i32) (param $m i32) (result i32) (local $i i32) (local $acc i32)
                block $done loop $next
                  local.get $i local.get $n i32.ge_u br_if $done
                  local.get $acc
                  i32.const 0 local.get $i local.get $m i32.rem_u call_indirect (type $u)
                  i32.add local.set $acc
                  local.get $i i32.const 1 i32.add local.set $i
                  br $next
                end end
                local.get $acc)
              (func (export "one") (param i32 i32) (result i32)
                local.get 0 local.get 1 call_indirect (type $u)))
            """;

    static final String IMPORTER = """
            (module
              (import "a" "add1" (func $add1 (param i32) (result i32)))
              (func (export "count") (param $n i32) (result i32) (local $acc i32)
                block $done loop $next
                  local.get $n i32.eqz br_if $done
                  local.get $acc call $add1 local.set $acc
                  local.get $n i32.const 1 i32.sub local.set $n
                  br $next
                end end
                local.get $acc))
            """;

    /** sum over i < n of ((i % m) + 1). */
    static int expected(int n, int m) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += i % m + 1;
        }
        return s;
    }

    @Test
    void monoPolyAndMegamorphicSitesGiveTheSameResults() {
        Module m = COMPILER.compile(Wat.parse(TABLE));
        // Grow the set of targets one at a time past the cache size, in fresh stores each round:
        // cached entry points belong to the module, so they keep matching across instances.
        for (int round = 0; round < 3; round++) {
            Instance i = new Linker().instantiate(COMPILER.newStore(), m);
            for (int targets = 1; targets <= 6; targets++) {
                for (int rep = 0; rep < 20; rep++) {
                    assertEquals(expected(1000, targets), i.func("spread").callInt(1000, targets), targets + " targets");
                }
            }
            // Back to a single target after going megamorphic.
            assertEquals(expected(5000, 1), i.func("spread").callInt(5000, 1));
        }
    }

    @Test
    void trapsStillHappenAtACachedSite() {
        Instance i = new Linker().instantiate(COMPILER.newStore(), COMPILER.compile(Wat.parse(TABLE)));
        for (int k = 0; k < 2000; k++) {
            assertEquals(k + 3, i.func("one").callInt(k, 2));
        }
        Trap mismatch = assertThrows(Trap.class, () -> i.func("one").callInt(1, 6));
        assertEquals("indirect call type mismatch", mismatch.getMessage());
        Trap undefined = assertThrows(Trap.class, () -> i.func("one").callInt(1, 7));
        assertEquals("undefined element", undefined.getMessage());
        assertEquals(8, i.func("one").callInt(7, 0));
    }

    @Test
    void importedCompiledFunctionsOfSeveralInstances() {
        Module b = COMPILER.compile(Wat.parse(IMPORTER));
        for (int k = 0; k < 6; k++) { // six exporting modules: the import site goes megamorphic
            Module a = COMPILER.compile(Wat.parse(TABLE));
            Store store = COMPILER.newStore();
            Linker l = new Linker();
            Instance ia = l.instantiate(store, a);
            l.define("a", "add1", ia.func("add1"));
            Instance ib = l.instantiate(store, b);
            assertEquals(100_000, ib.func("count").callInt(100_000));
        }
    }
}
