package dev.weir.wasm;

/**
 * The bytes are not a well-formed WebAssembly binary (spec chapter 5), e.g. "unexpected end",
 * "magic header not detected", "integer too large", "illegal opcode".
 */
public class MalformedModuleException extends WasmException {
    public MalformedModuleException(String message, long offset) {
        super(message, offset);
    }
}
