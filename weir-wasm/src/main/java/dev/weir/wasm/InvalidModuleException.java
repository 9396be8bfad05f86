package dev.weir.wasm;

/**
 * A well-formed module that fails validation (spec chapter 3), e.g. "type mismatch",
 * "unknown function 3". Names the function index when inside code (-1 otherwise).
 */
public class InvalidModuleException extends WasmException {
    private final int functionIndex;

    public InvalidModuleException(String message, int functionIndex, long offset) {
        super(message, offset);
        this.functionIndex = functionIndex;
    }

    public InvalidModuleException(String message) {
        this(message, -1, -1);
    }

    /** Index (in the function index space) of the function being validated, or -1. */
    public int functionIndex() {
        return functionIndex;
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return functionIndex < 0 ? m : m + " in function " + functionIndex;
    }
}
