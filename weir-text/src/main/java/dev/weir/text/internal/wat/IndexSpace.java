package dev.weir.text.internal.wat;

import dev.weir.text.internal.Literals;
import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import java.util.HashMap;
import java.util.Map;

/**
 * One index space of the text format (spec 6.6.1 "identifier contexts"): the identifiers bound so
 * far and the number of entries. Symbolic references to unbound identifiers are parse errors
 * ("unknown function $f"); numeric references are kept as written so that out-of-range indices
 * are reported by the validator, as the reference interpreter does.
 */
final class IndexSpace {
    private final String bindCategory;
    private final String lookupCategory;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private int count;

    /**
     * @param bindCategory word in "duplicate X" errors ("func", "local", ...)
     * @param lookupCategory word in "unknown X" errors ("function", "local", ...)
     */
    IndexSpace(String bindCategory, String lookupCategory) {
        this.bindCategory = bindCategory;
        this.lookupCategory = lookupCategory;
    }

    int count() {
        return count;
    }

    /** Adds an entry, binding {@code id} (an ID token or null); returns its index. */
    int add(Token id) {
        int index = count++;
        if (id != null) {
            bind(id, index);
        }
        return index;
    }

    /** Adds {@code n} anonymous entries. */
    void addAnonymous(int n) {
        count += n;
    }

    void bind(Token id, int index) {
        String name = id.name();
        if (ids.putIfAbsent(name, index) != null) {
            throw id.error("duplicate " + bindCategory + " " + id.text());
        }
        names.put(index, name);
    }

    /** The index of an identifier, or -1. */
    int find(String name) {
        Integer i = ids.get(name);
        return i == null ? -1 : i;
    }

    /** Names bound to indices, for the name section. */
    Map<Integer, String> names() {
        return names;
    }

    /** Resolves an index atom: a u32 literal or a bound identifier. */
    int resolve(SExpr e) {
        Token t = Sx.atom(e);
        if (t == null) {
            throw Sx.unexpected(e);
        }
        if (t.kind() == TokenKind.NAT) {
            return Literals.parseU32(t);
        }
        if (t.kind() == TokenKind.ID) {
            Integer i = ids.get(t.name());
            if (i == null) {
                throw t.error("unknown " + lookupCategory + " " + t.text());
            }
            return i;
        }
        throw Sx.unexpected(e);
    }
}
