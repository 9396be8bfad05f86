package dev.weir.fuzz;

import java.util.List;
import java.util.Locale;

/**
 * What running a module's {@code run} export observably did: its result (or trap, or an
 * embedding error), a SHA-256 of the final memory and the final values of the exported globals.
 * Globals are rendered engine-independently: i64 as a decimal, other numbers as the bits of their
 * value converted to f64 (exact for i32/f32), any NaN as "nan".
 */
record Outcome(String result, String trap, String memHash, List<String> globals) {
    static Outcome error(String what) {
        return new Outcome("error", what, "", List.of());
    }

    boolean isError() {
        return result.equals("error");
    }

    /** The trap reduced to an engine-independent kind (Weir and V8 word traps differently). */
    static String trapKind(String msg) {
        if (msg == null) {
            return "";
        }
        String m = msg.toLowerCase(Locale.ROOT);
        if (m.contains("unreachable")) {
            return "unreachable";
        } else if (m.contains("divide by zero") || m.contains("division by zero") || m.contains("remainder by zero")) {
            return "div-zero";
        } else if (m.contains("integer overflow") || m.contains("unrepresentable") || m.contains("invalid conversion")) {
            return "int-overflow-or-conversion";
        } else if (m.contains("out of bounds memory") || m.contains("memory access out of bounds")) {
            return "memory-oob";
        } else if (m.contains("undefined element") || m.contains("table index is out of bounds")) {
            return "table-oob";
        } else if (m.contains("uninitialized element") || m.contains("signature mismatch")
                || m.contains("indirect call type mismatch") || m.contains("null function")) {
            return "indirect-call";
        } else if (m.contains("call stack") || m.contains("maximum call stack")) {
            return "stack-exhausted";
        }
        return "other: " + msg;
    }

    /** Null when equal; otherwise what differs. Exact mode compares trap messages verbatim. */
    String diff(Outcome o, boolean exactTraps) {
        if (!result.equals(o.result)) {
            return "result " + this.describe() + " vs " + o.describe();
        }
        if (result.equals("trap") || isError()) {
            boolean same = exactTraps || isError() ? trap.equals(o.trap) : trapKind(trap).equals(trapKind(o.trap));
            if (!same) {
                return "trap '" + trap + "' vs '" + o.trap + "'";
            }
        }
        if (isError()) {
            return null;
        }
        if (!memHash.equals(o.memHash)) {
            return "memory hash " + memHash + " vs " + o.memHash;
        }
        if (!globals.equals(o.globals)) {
            return "globals " + globals + " vs " + o.globals;
        }
        return null;
    }

    String describe() {
        return result.equals("trap") || isError() ? result + " '" + trap + "'" : result;
    }

    @Override
    public String toString() {
        return describe() + " mem=" + memHash + " globals=" + globals;
    }

    static String global(double asF64) {
        return Double.isNaN(asF64) ? "nan" : Long.toHexString(Double.doubleToRawLongBits(asF64));
    }
}
