package dev.weir;

import dev.weir.internal.rt.CompiledFrames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A WebAssembly trap: execution stopped because the guest did something the spec forbids
 * (an out-of-bounds access, an integer division by zero, {@code unreachable}, ...).
 *
 * <p>{@link #getMessage()} is the spec interpreter's wording ("integer divide by zero", "out of
 * bounds memory access", "call stack exhausted", ...) so that spec tests can match it; a trap
 * caused by a host function's exception has that exception as its {@link #getCause() cause}.
 * {@link #wasmStackTrace()} lists the Wasm frames the trap unwound, innermost first, with function
 * names from the module's name section and code offsets.
 */
public class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Deep recursions unwind thousands of frames; keep the innermost ones. */
    private static final int MAX_FRAMES = 100;

    private final transient List<WasmFrame> frames = new ArrayList<>();
    private int omittedFrames;
    /** Where compiled Wasm was when this trap was created (null: none), for exact code offsets. */
    private final transient CompiledFrames compiled = CompiledFrames.capture();

    public Trap(String message) {
        super(message);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause);
    }

    /** One frame of a Wasm stack trace. {@code codeOffset} is a byte offset in the module binary (or -1). */
    public record WasmFrame(String moduleName, int functionIndex, String functionName, int codeOffset) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("at ");
            if (moduleName != null) {
                sb.append(moduleName).append('.');
            }
            sb.append(functionName != null ? functionName : "func[" + functionIndex + "]");
            if (functionName != null) {
                sb.append(" (func[").append(functionIndex).append("])");
            }
            if (codeOffset >= 0) {
                sb.append(" @0x").append(Integer.toHexString(codeOffset));
            }
            return sb.toString();
        }
    }

    /** The Wasm frames this trap unwound, innermost first. */
    public List<WasmFrame> wasmStackTrace() {
        return Collections.unmodifiableList(frames);
    }

    /** Appends a frame as the trap unwinds; called by the runtime, not by embedders. */
    public void addWasmFrame(WasmFrame frame) {
        if (frames.size() < MAX_FRAMES) {
            frames.add(frame);
        } else {
            omittedFrames++;
        }
    }

    /**
     * Appends the frame of a compiled function as the trap unwinds through it; called by
     * weir-compiler's code, not by embedders. The code offset is that of the instruction the
     * function was executing (the trapping one, or the call the trap came out of), found from the
     * compiled frames on the stack when the trap was created; {@code functionOffset} when unknown.
     *
     * @param codeStart module offset of the function's first instruction (line numbers count from it)
     */
    public void addCompiledWasmFrame(String moduleName, int functionIndex, String functionName, int functionOffset,
            int codeStart) {
        int line = compiled == null || frames.size() >= MAX_FRAMES ? -1 : compiled.nextLine(functionIndex);
        addWasmFrame(new WasmFrame(moduleName, functionIndex, functionName,
                line > 0 ? codeStart + line - 1 : functionOffset));
    }

    /** The message followed by the Wasm stack trace, one frame per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(super.toString());
        for (WasmFrame f : frames) {
            sb.append("\n    ").append(f);
        }
        if (omittedFrames > 0) {
            sb.append("\n    ... ").append(omittedFrames).append(" more");
        }
        return sb.toString();
    }
}
