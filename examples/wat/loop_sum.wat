;; Tight loops over linear memory (one 64 KiB page, growable to 16 pages).
;; fill_iota(ptr, len): mem[ptr+i] = i & 255.
;; sum_u8(ptr, len) -> i32: sum of unsigned bytes (wrapping i32).
;; sum_i32(ptr, count) -> i64: sum of `count` little-endian i32 at ptr (sign-extended).
;; Expected: fill_iota(0, 65536); sum_u8(0, 65536) = 8355840 (256 * 32640);
;;           sum_u8(0, 10) = 45; sum_i32(0, 16384) = 412851601408 (i64, > 2^32).
(module
  (memory (export "memory") 1 16)

  (func (export "fill_iota") (param $ptr i32) (param $len i32)
    (local $i i32)
    block $done
      loop $next
        local.get $i
        local.get $len
        i32.ge_u
        br_if $done
        local.get $ptr
        local.get $i
        i32.add
        local.get $i
        i32.store8
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end)

  (func (export "sum_u8") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32) (local $sum i32)
    local.get $ptr
    local.get $len
    i32.add
    local.set $end
    block $done
      loop $next
        local.get $ptr
        local.get $end
        i32.ge_u
        br_if $done
        local.get $sum
        local.get $ptr
        i32.load8_u
        i32.add
        local.set $sum
        local.get $ptr
        i32.const 1
        i32.add
        local.set $ptr
        br $next
      end
    end
    local.get $sum)

  (func (export "sum_i32") (param $ptr i32) (param $count i32) (result i64)
    (local $sum i64)
    block $done
      loop $next
        local.get $count
        i32.eqz
        br_if $done
        local.get $sum
        local.get $ptr
        i64.load32_s
        i64.add
        local.set $sum
        local.get $ptr
        i32.const 4
        i32.add
        local.set $ptr
        local.get $count
        i32.const 1
        i32.sub
        local.set $count
        br $next
      end
    end
    local.get $sum))
