;; Smallest useful module: one exported function, no memory.
;; add(2, 3) = 5; add(0x7fffffff, 1) = -2147483648 (i32 wraps).
(module
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))
