package dev.weir.wasm.internal.validate;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide table of canonical rec groups (spec 3.1.3 / 4.2, iso-recursive type
 * equivalence). A rec group is keyed by its structure with references inside the group written
 * relative to the group and references outside it written as the canonical ids of the types they
 * name; equal keys are equivalent groups and share canonical ids. Ids are dense, allocated
 * contiguously per group, never reused.
 *
 * <p>Per canonical id the registry remembers what cross-module checks need: the composite kind,
 * the declared supertype (as a canonical id, -1 if none) and the depth of the supertype chain.
 * Writes happen under a lock; readers see the arrays through a volatile field, and any id a reader
 * holds was published (via the map) after its entries were written.
 *
 * <p>The registry only grows: like every engine with a global canonical type table, a process that
 * loads endlessly many distinct type structures keeps them all.
 */
public final class TypeRegistry {
    public static final byte KIND_FUNC = 0;
    public static final byte KIND_STRUCT = 1;
    public static final byte KIND_ARRAY = 2;

    private static final ConcurrentHashMap<Key, Integer> GROUPS = new ConcurrentHashMap<>();
    private static final Object LOCK = new Object();
    private static volatile Entries entries = new Entries(new byte[256], new int[256], new int[256]);
    private static int next; // guarded by LOCK

    private TypeRegistry() {
    }

    private static final class Entries {
        final byte[] kind;
        final int[] superId;
        final int[] depth;

        Entries(byte[] kind, int[] superId, int[] depth) {
            this.kind = kind;
            this.superId = superId;
            this.depth = depth;
        }
    }

    /** An immutable rec-group key; the array must not be modified after construction. */
    public static final class Key {
        private final int[] data;
        private final int hash;

        public Key(int[] data) {
            this.data = data;
            this.hash = Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hash == hash && Arrays.equals(((Key) o).data, data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The first canonical id of the group with this key, registering it if new. {@code kinds},
     * {@code supers} (canonical supertype ids, or {@code -(2 + i)} for the group's own type i, or
     * -1 for none) and {@code depths} describe the group's types in order.
     */
    public static int canonicalize(Key key, byte[] kinds, int[] supers, int[] depths) {
        Integer id = GROUPS.get(key);
        if (id != null) {
            return id;
        }
        synchronized (LOCK) {
            id = GROUPS.get(key);
            if (id != null) {
                return id;
            }
            int n = kinds.length;
            int base = next;
            Entries e = entries;
            if (base + n > e.kind.length) {
                int cap = Math.max(e.kind.length * 2, base + n);
                e = new Entries(Arrays.copyOf(e.kind, cap), Arrays.copyOf(e.superId, cap), Arrays.copyOf(e.depth, cap));
            }
            for (int i = 0; i < n; i++) {
                int s = supers[i];
                e.kind[base + i] = kinds[i];
                e.superId[base + i] = s >= -1 ? s : base + (-s - 2);
                e.depth[base + i] = depths[i];
            }
            next = base + n;
            entries = e;
            GROUPS.put(key, base);
            return base;
        }
    }

    /** The composite kind ({@link #KIND_FUNC}, ...) of a canonical type. */
    public static byte kind(int canonicalId) {
        return entries.kind[canonicalId];
    }

    /** The canonical id of the declared supertype, or -1. */
    public static int supertype(int canonicalId) {
        return entries.superId[canonicalId];
    }

    /** Whether canonical type {@code a} is {@code b} or declares it as a (transitive) supertype. */
    public static boolean isSubtype(int a, int b) {
        if (a == b) {
            return true;
        }
        Entries e = entries;
        int d = e.depth[a] - e.depth[b];
        if (d <= 0) {
            return false;
        }
        while (d-- > 0) {
            a = e.superId[a];
        }
        return a == b;
    }

    /** Number of canonical types registered so far (for tests and diagnostics). */
    public static int size() {
        synchronized (LOCK) {
            return next;
        }
    }
}
