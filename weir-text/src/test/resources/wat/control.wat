;; Control flow: plain and folded forms, labels (shadowing), block types, br_table, select.
(module
  (type $pair (func (param i32 i32) (result i32)))
  (func $max (type $pair)
    (select (local.get 0) (local.get 1) (i32.gt_s (local.get 0) (local.get 1))))
  (func (export "labels") (param $x i32) (result i32)
    (block $out (result i32)
      (block $out
        (br_if $out (i32.eqz (local.get $x))))
      (i32.const 5)
      (block $in (param i32) (result i32 i32)
        (i32.const 3))
      i32.add
      (br $out))
    (if (result i32) (local.get $x)
      (then (i32.const 2))
      (else (i32.const 3)))
    i32.add)
  (func (export "plain") (param i32) (result i32)
    block $a
      block $b
        block $c
          local.get 0
          br_table $a $b $c 1
        end $c
        i32.const 10
        return
      end $b
      i32.const 20
      return
    end
    local.get 0
    if $i (result i32)
      i32.const 1
    else $i
      i32.const 0
    end $i
    loop $l (param i32) (result i32)
    end
    (select (result i32) (i32.const 1) (i32.const 2) (local.get 0))
    drop)
  (func (export "calls") (param i32 i32) (result i32)
    (call $max (local.get 0) (local.get 1))
    (call_indirect 0 (type $pair) (i32.const 1) (i32.const 2) (i32.const 0))
    (call_indirect (param i32 i32) (result i32) (i32.const 3) (i32.const 4))
    (return_call_indirect $t (param i32) (result i32) (i32.const 0) (i32.const 0)))
  (table $t 3 funcref)
  (elem (table $t) (i32.const 0) func $max)
  (elem declare func 0)
  (func (export "tail") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (return (i32.const 0))))
    (return_call 4 (i32.sub (local.get 0) (i32.const 1))))
  (func (result i64 i32)
    (i64.const 0x7fff_ffff_ffff_ffff) (i32.const -0x8000_0000))
)
