  ;; Appended to the rustc output by build.sh (inject step), like the wasm-bindgen CLI does:
  ;; moves the shadow stack pointer by `delta` and returns the new value. The JS glue calls
  ;; it with -16 to reserve a return area and with +16 to release it.
  (func $__wbindgen_add_to_stack_pointer (export "__wbindgen_add_to_stack_pointer")
    (param $delta i32) (result i32)
    global.get $__stack_pointer
    local.get $delta
    i32.add
    global.set $__stack_pointer
    global.get $__stack_pointer)
