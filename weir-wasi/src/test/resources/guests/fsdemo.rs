// Weir WASI guest test program (Rust std, wasm32-wasi). Run with a scratch directory preopened
// as ".": `fsdemo EXIT_CODE`. Deterministic output, compared by WasiGuestProgramsTest.
use std::fs;
use std::io::{Read, Write};

fn show<T>(what: &str, r: std::io::Result<T>) -> Option<T> {
    match r {
        Ok(v) => { println!("{}: ok", what); Some(v) }
        Err(e) => { println!("{}: {}", what, e.kind_name()); None }
    }
}

trait KindName { fn kind_name(&self) -> String; }
impl KindName for std::io::Error {
    fn kind_name(&self) -> String {
        match self.raw_os_error() { Some(63) => "EPERM".into(), Some(76) => "ENOTCAPABLE".into(), Some(n) => format!("errno {}", n), None => format!("{:?}", self.kind()) }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args={:?} env={:?}", &args[1..], std::env::var("WEIR_DEMO").ok());
    eprintln!("to stderr");
    show("create_dir", fs::create_dir("rs"));
    show("write", fs::write("rs/data.bin", b"0123456789"));
    if let Some(mut f) = show("open", fs::File::open("rs/data.bin")) {
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        println!("read={}", s);
    }
    if let Some(mut f) = show("append", fs::OpenOptions::new().append(true).open("rs/data.bin")) {
        f.write_all(b"AB").unwrap();
    }
    println!("len={}", fs::metadata("rs/data.bin").map(|m| m.len()).unwrap_or(0));
    show("rename", fs::rename("rs/data.bin", "rs/moved.bin"));
    let names: Vec<String> = fs::read_dir("rs").unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    println!("dir={:?}", names);
    show("read ../outside", fs::read("../outside.txt"));
    show("write rs/../../x", fs::write("rs/../../x", b"x"));
    show("remove_file", fs::remove_file("rs/moved.bin"));
    show("remove_dir", fs::remove_dir("rs"));
    std::process::exit(args.get(1).and_then(|a| a.parse().ok()).unwrap_or(0));
}
