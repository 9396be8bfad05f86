;; Memory traffic with bulk-memory instructions (memory.fill / memory.copy).
;; Two pages: page 0 is the source area, page 1 the destination.
;; fill(dst, val, len) and copy(dst, src, len) are thin wrappers (they trap on out-of-bounds
;;   ranges exactly like the instructions: "out of bounds memory access").
;; churn(n) -> i32: for i in 0..n: fill(0, i & 255, 32768); copy(65536, 0, 32768);
;;   acc += load8_u(65536 + (i * 37) % 32768). Returns acc = sum of (i & 255) for i < n:
;;   churn(1000) = 124716, churn(256) = 32640.
;; overlap() -> i32: memory.copy with overlapping ranges must behave like memmove:
;;   writes bytes 1..8 at 0..7, copies (dst=2, src=0, len=6), so the bytes become
;;   1,2,1,2,3,4,5,6; returns the i32 at 0 = 0x02010201 = 33620481.
(module
  (memory (export "memory") 2)

  (func $fill (export "fill") (param $dst i32) (param $val i32) (param $len i32)
    local.get $dst
    local.get $val
    local.get $len
    memory.fill)

  (func $copy (export "copy") (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    memory.copy)

  (func (export "churn") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_u
        br_if $done
        i32.const 0
        local.get $i
        i32.const 255
        i32.and
        i32.const 32768
        call $fill
        i32.const 65536
        i32.const 0
        i32.const 32768
        call $copy
        local.get $acc
        local.get $i
        i32.const 37
        i32.mul
        i32.const 32767
        i32.and
        i32.const 65536
        i32.add
        i32.load8_u
        i32.add
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $acc)

  (func (export "overlap") (result i32)
    i32.const 0
    i64.const 0x0807060504030201
    i64.store
    i32.const 2
    i32.const 0
    i32.const 6
    memory.copy
    i32.const 0
    i32.load))
