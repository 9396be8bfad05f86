package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** memory64, 64-bit tables, atomics and wide arithmetic in compiled code, checked against the interpreter. */
class MemoryFamiliesCompileTest {
    @Test
    void memory64LoadsStoresAndBulk() {
        BothEngines b = new BothEngines("""
                (module
                  (memory i64 1 5)
                  (memory $m32 1)
                  (data (i64.const 8) "abcdefgh")
                  (data $p "0123")
                  (func (export "load") (param i64) (result i64) (i64.load offset=8 (local.get 0)))
                  (func (export "loadHuge") (param i64) (result i32)
                    (i32.load8_u offset=0xffffffffffffffff (local.get 0)))
                  (func (export "store") (param i64 i64) (result i64 i32)
                    (i64.store (local.get 0) (local.get 1))
                    (i64.load (local.get 0))
                    (i32.load16_s offset=2 (local.get 0)))
                  (func (export "grow") (param i64) (result i64 i64)
                    (memory.grow (local.get 0))
                    (memory.size))
                  (func (export "bulk") (param $d i64) (param $n i64) (result i64 i64 i32)
                    (memory.fill (local.get $d) (i32.const 0x41) (local.get $n))
                    (memory.init $p (i64.const 32) (i32.const 1) (i32.const 3))
                    (memory.copy (i64.const 40) (i64.const 30) (i64.const 8))
                    (memory.copy $m32 0 (i32.const 100) (i64.const 8) (i32.const 4))
                    (i64.load (i64.const 32))
                    (i64.load (i64.const 40))
                    (i32.load $m32 (i32.const 100))))
                """);
        assertEquals("[7523094288207667809]", b.same("load", 0));
        assertEquals("trap: out of bounds memory access", b.same("load", 65536 - 15));
        assertEquals("trap: out of bounds memory access", b.same("load", -1));
        assertEquals("trap: out of bounds memory access", b.same("load", -8)); // -8 + 8 wraps to 0
        assertEquals("trap: out of bounds memory access", b.same("loadHuge", 1));
        assertEquals("trap: out of bounds memory access", b.same("loadHuge", 0));
        b.same("store", 16, 0x1122334455667788L);
        assertEquals("trap: out of bounds memory access", b.same("store", 65535, 1));
        assertEquals("[1, 2]", b.same("grow", 1));
        assertEquals("[-1, 2]", b.same("grow", -1));
        assertEquals("[-1, 2]", b.same("grow", 5));
        b.same("bulk", 24, 4);
        assertEquals("trap: out of bounds memory access", b.same("bulk", 200_000, 7));
        assertEquals("trap: out of bounds memory access", b.same("bulk", 1, -1));
    }

    @Test
    void table64() {
        BothEngines b = new BothEngines("""
                (module
                  (type $fn (func (result i32)))
                  (table $t i64 4 10 funcref)
                  (table $u 2 funcref)
                  (elem (table $t) (i64.const 0) func $one $two)
                  (elem $e func $two $one)
                  (func $one (result i32) (i32.const 1))
                  (func $two (result i32) (i32.const 2))
                  (func (export "call") (param i64) (result i32) (call_indirect $t (type $fn) (local.get 0)))
                  (func (export "ops") (param $n i64) (result i64 i64 i32 i32 i32)
                    (table.grow $t (ref.func $two) (local.get $n))
                    (table.size $t)
                    (table.fill $t (i64.const 2) (ref.func $one) (i64.const 2))
                    (table.copy $t $t (i64.const 1) (i64.const 0) (i64.const 3))
                    (table.init $t $e (i64.const 3) (i32.const 0) (i32.const 1))
                    (table.copy $u $t (i32.const 0) (i64.const 3) (i32.const 1))
                    (table.set $t (i64.const 0) (table.get $u (i32.const 0)))
                    (call_indirect $t (type $fn) (i64.const 0))
                    (call_indirect $t (type $fn) (i64.const 1))
                    (call_indirect $u (type $fn) (i32.const 0))))
                """);
        assertEquals("[1]", b.same("call", 0));
        assertEquals("[2]", b.same("call", 1));
        assertTrue(b.same("call", 2).startsWith("trap: uninitialized element"));
        assertEquals("trap: undefined element", b.same("call", 4));
        assertEquals("trap: undefined element", b.same("call", -1));
        assertEquals("[4, 6, 2, 1, 2]", b.same("ops", 2));
        assertEquals("[-1, 6, 2, 2, 2]", b.same("ops", -1)); // t[1] was overwritten by the first copy
        assertEquals("[-1, 6, 2, 2, 2]", b.same("ops", 5));
    }

    @Test
    void atomics() {
        BothEngines b = new BothEngines("""
                (module
                  (memory 1 1 shared)
                  (func (export "rmw") (param $a i32) (result i32 i64 i32 i32 i64 i64 i32)
                    (i32.atomic.store (local.get $a) (i32.const 5))
                    (i32.atomic.rmw.add (local.get $a) (i32.const 3))
                    (i64.atomic.rmw.xchg offset=8 (local.get $a) (i64.const -1))
                    (i32.atomic.rmw8.cmpxchg_u offset=8 (local.get $a) (i32.const 0xff) (i32.const 0x12))
                    (i32.atomic.load16_u offset=8 (local.get $a))
                    (i64.atomic.rmw32.sub_u offset=12 (local.get $a) (i64.const 1))
                    (i64.atomic.load32_u offset=12 (local.get $a))
                    (i32.atomic.load (local.get $a)))
                  (func (export "narrow") (param $a i32) (result i64 i64 i32 i32)
                    (i64.atomic.store8 (local.get $a) (i64.const 0x1ff))
                    (i64.atomic.rmw16.or_u (local.get $a) (i64.const 0xff00))
                    (i64.atomic.rmw.cmpxchg (local.get $a) (i64.const 0xffff) (i64.const 7))
                    (i32.atomic.rmw16.and_u (local.get $a) (i32.const 3))
                    (i32.atomic.rmw.xor (local.get $a) (i32.const 1)))
                  (func (export "wait") (param $a i32) (param $v i32) (result i32 i32)
                    (memory.atomic.wait32 (local.get $a) (local.get $v) (i64.const 1000))
                    (memory.atomic.notify (local.get $a) (i32.const 1)))
                  (func (export "wait64") (param $a i32) (param $v i64) (result i32)
                    (memory.atomic.wait64 (local.get $a) (local.get $v) (i64.const 0)))
                  (func (export "fence") (atomic.fence)))
                """);
        assertEquals("[5, 0, 255, 65298, 4294967295, 4294967294, 8]", b.same("rmw", 0));
        assertEquals("trap: unaligned atomic", b.same("rmw", 2));
        assertEquals("trap: out of bounds memory access", b.same("rmw", 65536));
        assertEquals("[255, 65535, 7, 3]", b.same("narrow", 16));
        assertEquals("[2, 0]", b.same("wait", 64, 0));
        assertEquals("[1, 0]", b.same("wait", 64, 1));
        assertEquals("trap: unaligned atomic", b.same("wait", 65, 0));
        assertEquals("[2]", b.same("wait64", 64, 0));
        assertEquals("[]", b.same("fence"));
    }

    @Test
    void wideArithmetic() {
        BothEngines b = new BothEngines("""
                (module
                  (func (export "add") (param i64 i64 i64 i64) (result i64 i64)
                    (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
                  (func (export "sub") (param i64 i64 i64 i64) (result i64 i64)
                    (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
                  (func (export "mulS") (param i64 i64) (result i64 i64) (i64.mul_wide_s (local.get 0) (local.get 1)))
                  (func (export "mulU") (param i64 i64) (result i64 i64) (i64.mul_wide_u (local.get 0) (local.get 1)))
                  (func (export "mixed") (param i64) (result i64)
                    (i64.mul_wide_u (local.get 0) (local.get 0))
                    (i64.add)))
                """);
        assertEquals("[0, 1]", b.same("add", -1, 0, 1, 0));
        assertEquals("[5, 7]", b.same("add", 2, 3, 3, 4));
        assertEquals("[-1, -1]", b.same("sub", 0, 0, 1, 0));
        assertEquals("[0, 0]", b.same("sub", 5, 9, 5, 9));
        assertEquals("[1, 0]", b.same("mulS", -1, -1));
        assertEquals("[1, -2]", b.same("mulU", -1, -1));
        assertEquals("[0, 4611686018427387904]", b.same("mulS", Long.MIN_VALUE, Long.MIN_VALUE));
        b.same("mulS", Long.MIN_VALUE, 3);
        b.same("mulU", 0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L);
        b.same("mixed", 0xffff_ffffL);
    }
}
