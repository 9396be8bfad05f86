;; Many small calls: direct, indirect (call_indirect through a table) and nested. No imports.
;; direct(n) calls $inc n times: direct(1000000) = 1000000.
;; indirect(n): acc starts at 0; call i goes through table[i & 1] (slot 0 = $inc adds 1,
;;   slot 1 = $dec2 subtracts 2): indirect(1000) = -500, indirect(3) = 0.
;; mixed(n) = sum over i < n of $sq(i) + $add1(i) via nested small calls:
;;   mixed(10) = (0+1+4+...+81) + (1+...+10) = 285 + 55 = 340.
(module
  (type $unop (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $inc $dec2)

  (func $inc (type $unop) local.get 0 i32.const 1 i32.add)
  (func $dec2 (type $unop) local.get 0 i32.const 2 i32.sub)
  (func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)
  (func $add1 (param i32) (result i32) local.get 0 call $inc)

  (func (export "direct") (param $n i32) (result i32)
    (local $acc i32)
    block $done
      loop $next
        local.get $n
        i32.eqz
        br_if $done
        local.get $acc
        call $inc
        local.set $acc
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br $next
      end
    end
    local.get $acc)

  (func (export "indirect") (param $n i32) (result i32)
    (local $acc i32) (local $i i32)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_u
        br_if $done
        local.get $acc
        local.get $i
        i32.const 1
        i32.and
        call_indirect (type $unop)
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $acc)

  (func (export "mixed") (param $n i32) (result i32)
    (local $acc i32) (local $i i32)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_u
        br_if $done
        local.get $acc
        local.get $i
        call $sq
        i32.add
        local.get $i
        call $add1
        i32.add
        local.set $acc
        local.get $i
        call $inc
        local.set $i
        br $next
      end
    end
    local.get $acc))
