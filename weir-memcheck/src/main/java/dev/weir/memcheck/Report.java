package dev.weir.memcheck;

import dev.weir.memcheck.MemError.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * What memcheck found: memory errors in the order they happened, then one {@link Kind#LEAK} per
 * block still allocated when the report was made. Immutable.
 */
public final class Report {
    private static final String P = "==weir== ";

    private final List<MemError> errors;
    private final long allocations;
    private final long frees;
    private final long bytesAllocated;
    private final int suppressed;
    private final String trap;
    private final HeapTimeline timeline;
    private final List<MemError> stillReachable;

    /** {@code trap} is the message of the trap that ended the run, or null. */
    public Report(List<MemError> errors, long allocations, long frees, long bytesAllocated, int suppressed, String trap) {
        this(errors, allocations, frees, bytesAllocated, suppressed, trap, HeapTimeline.empty());
    }

    /** Like the other constructor, with the heap's history for {@link #toHtml()}. */
    public Report(List<MemError> errors, long allocations, long frees, long bytesAllocated, int suppressed, String trap,
                  HeapTimeline timeline) {
        this(errors, List.of(), allocations, frees, bytesAllocated, suppressed, trap, timeline);
    }

    /**
     * Like the other constructors, with the blocks still allocated that the guest still points to
     * ({@link #stillReachable()}: shown, not errors).
     */
    public Report(List<MemError> errors, List<MemError> stillReachable, long allocations, long frees,
                  long bytesAllocated, int suppressed, String trap, HeapTimeline timeline) {
        this.stillReachable = List.copyOf(stillReachable);
        this.trap = trap;
        this.timeline = timeline == null ? HeapTimeline.empty() : timeline;
        this.errors = List.copyOf(errors);
        this.allocations = allocations;
        this.frees = frees;
        this.bytesAllocated = bytesAllocated;
        this.suppressed = suppressed;
    }

    /** Every error, leaks last. */
    public List<MemError> errors() {
        return errors;
    }

    public List<MemError> errors(Kind kind) {
        List<MemError> out = new ArrayList<>();
        for (MemError e : errors) {
            if (e.kind() == kind) {
                out.add(e);
            }
        }
        return out;
    }

    /** Blocks still allocated that nothing points to any more ("definitely lost"): errors. */
    public List<MemError> leaks() {
        return errors(Kind.LEAK);
    }

    /**
     * Blocks still allocated whose start address is still stored in the guest's static data, live
     * stack or another such block (Valgrind's "still reachable"): memory a program keeps until it
     * exits, typical of C programs that never free global tables. Not errors: not in
     * {@link #errors()} and ignored by {@link #isClean()}.
     */
    public List<MemError> stillReachable() {
        return stillReachable;
    }

    public long stillReachableBytes() {
        long n = 0;
        for (MemError e : stillReachable) {
            n += e.size();
        }
        return n;
    }

    public long leakedBytes() {
        long n = 0;
        for (MemError e : leaks()) {
            n += e.size();
        }
        return n;
    }

    /** Whether there is no error and no leak. */
    public boolean isClean() {
        return errors.isEmpty();
    }

    public long allocations() {
        return allocations;
    }

    public long frees() {
        return frees;
    }

    public long bytesAllocated() {
        return bytesAllocated;
    }

    /** The message of the trap that ended the guest run, or null. */
    public String trap() {
        return trap;
    }

    /** Errors beyond the recording limit (counted, not kept). */
    public int suppressed() {
        return suppressed;
    }

    /** The heap's history (blocks over time), empty when the report was built without one. */
    public HeapTimeline timeline() {
        return timeline;
    }

    /**
     * A self-contained HTML page (inline CSS and SVG, no external resources): the error list and a
     * picture of the heap, blocks over time and addresses, leaks in red. See {@link HtmlReport}.
     */
    public String toHtml() {
        return HtmlReport.render(this);
    }

    /** A Valgrind-style text report. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(P).append("Memcheck (weir), a memory error detector for WebAssembly guests\n").append(P).append('\n');
        List<MemError> leaks = leaks();
        int contexts = 0;
        long occurrences = 0;
        for (MemError e : errors) {
            if (e.kind() == Kind.LEAK) {
                continue;
            }
            contexts++;
            occurrences += e.count();
            sb.append(P).append(headline(e)).append('\n');
            stack(sb, e.stack());
            if (e.count() > 1) {
                sb.append(P).append("   (").append(e.count()).append(" occurrences at this site)\n");
            }
            MemError.BlockInfo b = e.block();
            if (b != null) {
                sb.append(P).append(" Address ").append(hex(e.address())).append(" is ").append(e.detail()).append('\n');
                if (b.freedAt() != null) {
                    sb.append(P).append(" Block was free'd at\n");
                    stack(sb, b.freedAt());
                }
                sb.append(P).append(" Block was alloc'd at\n");
                stack(sb, b.allocatedAt());
            } else if (e.detail() != null) {
                sb.append(P).append(" Address ").append(hex(e.address())).append(": ").append(e.detail()).append('\n');
            }
            sb.append(P).append('\n');
        }
        if (trap != null) {
            sb.append(P).append("Guest trapped: ").append(trap).append('\n').append(P).append('\n');
        }
        long leaked = leakedBytes();
        sb.append(P).append("HEAP SUMMARY:\n");
        sb.append(P).append("    in use at exit: ").append(leaked + stillReachableBytes()).append(" bytes in ")
                .append(leaks.size() + stillReachable.size()).append(" blocks\n");
        sb.append(P).append("  total heap usage: ").append(allocations).append(" allocs, ").append(frees).append(" frees, ")
                .append(bytesAllocated).append(" bytes allocated\n").append(P).append('\n');
        int k = 1;
        for (MemError e : leaks) {
            sb.append(P).append(e.size()).append(" bytes in 1 blocks are definitely lost in loss record ").append(k++)
                    .append(" of ").append(leaks.size()).append('\n');
            stack(sb, e.stack());
            sb.append(P).append('\n');
        }
        sb.append(P).append("LEAK SUMMARY:\n");
        sb.append(P).append("   definitely lost: ").append(leaked).append(" bytes in ").append(leaks.size()).append(" blocks\n");
        sb.append(P).append("   still reachable: ").append(stillReachableBytes()).append(" bytes in ")
                .append(stillReachable.size()).append(" blocks\n");
        sb.append(P).append('\n');
        sb.append(P).append("ERROR SUMMARY: ").append(occurrences + leaks.size() + suppressed).append(" errors from ")
                .append(contexts + leaks.size()).append(" contexts");
        if (suppressed > 0) {
            sb.append(" (").append(suppressed).append(" more not recorded)");
        }
        return sb.append('\n').toString();
    }

    private static String headline(MemError e) {
        switch (e.kind()) {
            case DOUBLE_FREE:
            case INVALID_FREE:
                return "Invalid free() / delete / delete[] / realloc()" + (e.kind() == Kind.DOUBLE_FREE ? " (double free)" : "");
            case UNINIT_READ:
                return "Use of uninitialised value of size " + e.size();
            case STACK_OVERFLOW:
                return "Stack overflow (__stack_pointer below the stack's lower bound)";
            case USE_AFTER_FREE:
                return "Invalid " + (e.write() ? "write" : "read") + " of size " + e.size() + " (use after free)";
            default:
                return "Invalid " + (e.write() ? "write" : "read") + " of size " + e.size() + " (heap buffer overflow)";
        }
    }

    private static void stack(StringBuilder sb, List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            sb.append(P).append(i == 0 ? "   at " : "   by ").append(frames.get(i)).append('\n');
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** "leaky_upper (guest @0x12)" → "leaky_upper". */
    static String bareName(String frame) {
        int i = frame.indexOf(" (");
        return i < 0 ? frame : frame.substring(0, i);
    }

    /** The report as JSON: {@code {"errors":[...], "summary":{...}}}. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < errors.size(); i++) {
            MemError e = errors.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"kind\":\"").append(e.kind()).append("\",\"address\":").append(e.address())
                    .append(",\"size\":").append(e.size()).append(",\"write\":").append(e.write())
                    .append(",\"count\":").append(e.count()).append(",\"detail\":");
            str(sb, e.detail());
            sb.append(",\"stack\":");
            strs(sb, e.stack());
            if (e.block() != null) {
                MemError.BlockInfo b = e.block();
                sb.append(",\"block\":{\"address\":").append(b.address()).append(",\"size\":").append(b.size())
                        .append(",\"allocatedAt\":");
                strs(sb, b.allocatedAt());
                if (b.freedAt() != null) {
                    sb.append(",\"freedAt\":");
                    strs(sb, b.freedAt());
                }
                sb.append('}');
            }
            sb.append('}');
        }
        sb.append("],\"summary\":{\"errors\":").append(errors.size() - leaks().size()).append(",\"leaks\":")
                .append(leaks().size()).append(",\"leakedBytes\":").append(leakedBytes()).append(",\"allocations\":")
                .append(allocations).append(",\"frees\":").append(frees).append(",\"bytesAllocated\":")
                .append(bytesAllocated).append(",\"suppressed\":").append(suppressed).append(",\"stillReachable\":").append(stillReachable.size())
                .append(",\"stillReachableBytes\":").append(stillReachableBytes()).append(",\"trap\":");
        str(sb, trap);
        sb.append("}}");
        return sb.toString();
    }

    private static void strs(StringBuilder sb, List<String> l) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            str(sb, l.get(i));
        }
        sb.append(']');
    }

    private static void str(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return toText();
    }
}
