;; WASI preview 1 command: writes "hello from weir\n" to stdout with fd_write, then
;; proc_exit(0). Expected: stdout = "hello from weir\n", exit code 0.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; iovec { buf = 16, buf_len = 16 } at 0; the message at 16; nwritten at 8.
  (data (i32.const 0) "\10\00\00\00\10\00\00\00")
  (data (i32.const 16) "hello from weir\n")
  (func $_start (export "_start")
    i32.const 1     ;; fd 1 = stdout
    i32.const 0     ;; iovs
    i32.const 1     ;; iovs_len
    i32.const 8     ;; nwritten out-pointer
    call $fd_write
    drop            ;; errno; a failed write still exits 0 (nothing useful to report to)
    i32.const 0
    call $proc_exit
    unreachable))
