package dev.weir.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** Lays out rows of cells as aligned columns (two spaces apart, no trailing blanks). */
public final class Columns {
    private final String align;
    private final List<String[]> rows = new ArrayList<>();

    /** @param align one letter per column: {@code l} left-aligned, {@code r} right-aligned */
    public Columns(String align) {
        this.align = align;
    }

    /** Adds a row; null cells print as empty. */
    public Columns row(String... cells) {
        if (cells.length != align.length()) {
            throw new IllegalArgumentException("expected " + align.length() + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Appends the rows, each line starting with {@code indent}. */
    public void appendTo(StringBuilder sb, String indent) {
        int n = align.length();
        int[] width = new int[n];
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], len(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < n; i++) {
                if (width[i] == 0) {
                    continue; // a column empty in every row takes no room
                }
                String c = r[i] == null ? "" : r[i];
                int pad = width[i] - c.length();
                if (line.length() > indent.length()) {
                    line.append("  ");
                }
                if (align.charAt(i) == 'r') {
                    line.append(" ".repeat(pad)).append(c);
                } else {
                    line.append(c).append(" ".repeat(pad));
                }
            }
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            sb.append(line, 0, end).append('\n');
        }
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }
}
