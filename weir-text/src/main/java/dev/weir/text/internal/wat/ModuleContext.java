package dev.weir.text.internal.wat;

import dev.weir.text.internal.SExpr;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identifier context of one module being parsed (spec 6.6.1): the index spaces with their
 * bound identifiers, the defined types (explicit ones first, then the ones implicitly inserted for
 * inline function types), and struct field names per type.
 */
final class ModuleContext {
    final IndexSpace types = new IndexSpace("type", "type");
    final IndexSpace funcs = new IndexSpace("func", "function");
    final IndexSpace tables = new IndexSpace("table", "table");
    final IndexSpace memories = new IndexSpace("memory", "memory");
    final IndexSpace globals = new IndexSpace("global", "global");
    final IndexSpace tags = new IndexSpace("tag", "tag");
    final IndexSpace elems = new IndexSpace("elem", "elem segment");
    final IndexSpace datas = new IndexSpace("data", "data segment");

    /** All types parsed so far, in index order. */
    final List<SubType> typeList = new ArrayList<>();
    /** Recursion groups (explicit, then one per implicitly inserted type). */
    final List<List<SubType>> groups = new ArrayList<>();
    /** Size of the recursion group each type belongs to (to find singleton final func types). */
    private final List<Integer> groupSizeOfType = new ArrayList<>();
    /** Field names of struct types, by type index. */
    final Map<Integer, IndexSpace> fieldNames = new HashMap<>();

    void addGroup(List<SubType> g) {
        groups.add(g);
        typeList.addAll(g);
        for (int i = 0; i < g.size(); i++) {
            groupSizeOfType.add(g.size());
        }
    }

    /** The function type at {@code index}, or null if there is none (left to the validator). */
    FuncType funcType(int index) {
        if (index < 0 || index >= typeList.size()) {
            return null;
        }
        return typeList.get(index).composite() instanceof FuncType f ? f : null;
    }

    /**
     * The index for an inline function type without {@code (type x)} (spec 6.6.4 abbreviation):
     * the first type that is a singleton recursion group holding a final function type without
     * supertypes and with exactly these parameters and results; otherwise a new such type
     * appended at the end of the type section.
     */
    int inlineType(List<ValType> params, List<ValType> results) {
        for (int i = 0; i < typeList.size(); i++) {
            SubType st = typeList.get(i);
            if (groupSizeOfType.get(i) == 1 && st.isFinal() && st.supertypes().isEmpty()
                    && st.composite() instanceof FuncType f && f.params().equals(params)
                    && f.results().equals(results)) {
                return i;
            }
        }
        int index = typeList.size();
        addGroup(List.of(SubType.of(new FuncType(params, results))));
        return index;
    }

    /**
     * Resolves a parsed type use to a type index. With {@code (type x)} and an inline signature,
     * the signature must equal type x's ("inline function type"; "unknown type" if x is not yet
     * a defined type).
     */
    int resolve(TypeUse u) {
        if (u.typeRef == null) {
            return inlineType(u.params, u.results);
        }
        if (u.hasInlineSignature()) {
            if (u.typeIndex < 0 || u.typeIndex >= typeList.size()) {
                throw u.typeRef.error("unknown type");
            }
            FuncType f = funcType(u.typeIndex);
            if (f == null || !f.params().equals(u.params) || !f.results().equals(u.results)) {
                throw u.typeRef.error("inline function type");
            }
        }
        return u.typeIndex;
    }

    List<RecGroup> recGroups() {
        List<RecGroup> out = new ArrayList<>(groups.size());
        for (List<SubType> g : groups) {
            out.add(new RecGroup(g));
        }
        return out;
    }

    /** A parsed type use {@code (type x)? (param ...)* (result ...)*}. */
    static final class TypeUse {
        /** The {@code (type x)} node, or null. */
        SExpr typeRef;
        int typeIndex = -1;
        final List<ValType> params = new ArrayList<>();
        final List<ValType> results = new ArrayList<>();
        /** Parameter identifiers (null entries for unnamed ones), parallel to {@link #params}. */
        final List<dev.weir.text.internal.Token> paramIds = new ArrayList<>();
        /** Index of the first item after the type use. */
        int end;

        boolean hasInlineSignature() {
            return !params.isEmpty() || !results.isEmpty();
        }
    }
}
