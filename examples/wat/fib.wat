;; Call-heavy and loop-heavy Fibonacci.
;; fib(i32) is the naive doubly-recursive version: fib(0)=0, fib(1)=1, fib(10)=55,
;;   fib(20)=6765, fib(30)=832040 (1.6 million calls - a call-overhead benchmark).
;; fib_iter(i64) is iterative with wrapping i64 adds: fib_iter(90)=2880067194370816120,
;;   fib_iter(92)=7540113804746346429, fib_iter(93)=-6246583658587674878 (wrapped).
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    local.get $n
    i32.const 2
    i32.lt_s
    if (result i32)
      local.get $n
    else
      local.get $n
      i32.const 1
      i32.sub
      call $fib
      local.get $n
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end)

  (func $fib_iter (export "fib_iter") (param $n i64) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    i64.const 0
    local.set $a
    i64.const 1
    local.set $b
    block $done
      loop $next
        local.get $n
        i64.const 0
        i64.le_s
        br_if $done
        local.get $a
        local.get $b
        i64.add
        local.set $t
        local.get $b
        local.set $a
        local.get $t
        local.set $b
        local.get $n
        i64.const 1
        i64.sub
        local.set $n
        br $next
      end
    end
    local.get $a))
