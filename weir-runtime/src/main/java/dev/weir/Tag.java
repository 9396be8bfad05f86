package dev.weir;

import dev.weir.internal.rt.TagInstance;
import dev.weir.wasm.FuncType;

/** An exception tag (exception handling): exported by an instance or created with {@link #create}. */
public final class Tag {
    private final TagInstance t;

    private Tag(TagInstance t) {
        this.t = t;
    }

    static Tag view(TagInstance t) {
        Object v = t.publicView;
        if (v == null) {
            synchronized (t) {
                v = t.publicView;
                if (v == null) {
                    v = new Tag(t);
                    t.publicView = v;
                }
            }
        }
        return (Tag) v;
    }

    /** A new tag (distinct from every other, even of the same type) with the given parameter types. */
    public static Tag create(FuncType type) {
        if (!type.results().isEmpty()) {
            throw new IllegalArgumentException("tag types have no results: " + type);
        }
        return view(new TagInstance(type, HostFunctionInstance.canonicalId(type)));
    }

    TagInstance instance() {
        return t;
    }

    public FuncType type() {
        return t.type;
    }
}
