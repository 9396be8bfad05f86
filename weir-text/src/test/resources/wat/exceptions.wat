;; Legacy exception handling (try/catch/catch_all/delegate/rethrow), tags, imports of tags.
(module
  (import "env" "tag" (tag $imported (param i32)))
  (tag $e0 (export "e0"))
  (tag $e1 (param i32 i64))
  (func $throwing (param i32)
    (if (local.get 0) (then (throw $e1 (i32.const 1) (i64.const 2))))
    (throw $e0))
  (func (export "catcher") (param i32) (result i32)
    (try (result i32)
      (do (call $throwing (local.get 0)) (i32.const 0))
      (catch $e1 (drop) (drop) (i32.const 1))
      (catch $imported)
      (catch_all (i32.const 3))))
  (func (export "plain") (param i32) (result i32)
    try $outer (result i32)
      try
        local.get 0
        call $throwing
      delegate $outer
      i32.const 0
    catch $e0
      try
        i32.const 1
        throw $imported
      catch_all
        rethrow 1
      end
      i32.const 2
    end)
)
