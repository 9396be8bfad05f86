package dev.weir.wasm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An element segment. Items are either plain function indices ({@link #functionIndices}, the
 * compact MVP form) or constant expressions ({@link #expressions}); exactly one is non-null.
 * For passive and declarative segments {@code tableIndex} is 0 and {@code offset} is null.
 */
public final class ElementSegment {
    private final SegmentMode mode;
    private final int tableIndex;
    private final Expression offset;
    private final ValType type;
    private final int[] functionIndices;
    private final List<Expression> expressions;

    public ElementSegment(SegmentMode mode, int tableIndex, Expression offset, ValType type,
                          int[] functionIndices, List<Expression> expressions) {
        if ((functionIndices == null) == (expressions == null)) {
            throw new IllegalArgumentException("exactly one of functionIndices and expressions must be given");
        }
        this.mode = mode;
        this.tableIndex = tableIndex;
        this.offset = offset;
        this.type = type;
        this.functionIndices = functionIndices;
        this.expressions = expressions == null ? null : List.copyOf(expressions);
    }

    public SegmentMode mode() {
        return mode;
    }

    public int tableIndex() {
        return tableIndex;
    }

    public Expression offset() {
        return offset;
    }

    /** The element reference type ({@code funcref} for the index form). */
    public ValType type() {
        return type;
    }

    /** Function indices, or null when items are expressions. Callers must not modify the array. */
    public int[] functionIndices() {
        return functionIndices;
    }

    /** Item expressions, or null when items are function indices. */
    public List<Expression> expressions() {
        return expressions;
    }

    public int size() {
        return functionIndices != null ? functionIndices.length : expressions.size();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ElementSegment)) {
            return false;
        }
        ElementSegment e = (ElementSegment) o;
        return mode == e.mode && tableIndex == e.tableIndex && Objects.equals(offset, e.offset)
                && type.equals(e.type) && Arrays.equals(functionIndices, e.functionIndices)
                && Objects.equals(expressions, e.expressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, tableIndex, type, size());
    }
}
