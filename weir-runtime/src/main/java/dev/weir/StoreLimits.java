package dev.weir;

/**
 * Resource limits of a {@link Store}: a guest can exhaust nothing of the host beyond them.
 * Memory and table limits apply to each memory and table; growth past them makes
 * {@code memory.grow}/{@code table.grow} return -1 (spec 4.4.7 allows growth to fail), and a
 * minimum size beyond them fails instantiation.
 */
public final class StoreLimits {
    /** No limits beyond the spec's own (and 64 Ki instances). */
    public static final StoreLimits DEFAULT = builder().build();

    private final long maxMemoryBytes;
    private final long maxTableElements;
    private final int maxInstances;
    private final long fuel;

    private StoreLimits(Builder b) {
        this.maxMemoryBytes = b.maxMemoryBytes;
        this.maxTableElements = b.maxTableElements;
        this.maxInstances = b.maxInstances;
        this.fuel = b.fuel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Maximum bytes of each memory ({@link Long#MAX_VALUE} = no limit). */
    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /** Maximum elements of each table. */
    public long maxTableElements() {
        return maxTableElements;
    }

    public int maxInstances() {
        return maxInstances;
    }

    /** Initial fuel (used when the engine has fuel enabled). */
    public long fuel() {
        return fuel;
    }

    public static final class Builder {
        private long maxMemoryBytes = Long.MAX_VALUE;
        private long maxTableElements = 10_000_000;
        private int maxInstances = 65_536;
        private long fuel = Long.MAX_VALUE;

        private Builder() {
        }

        public Builder maxMemoryBytes(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative memory limit");
            }
            this.maxMemoryBytes = v;
            return this;
        }

        public Builder maxTableElements(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative table limit");
            }
            this.maxTableElements = Math.min(v, Integer.MAX_VALUE - 8);
            return this;
        }

        public Builder maxInstances(int v) {
            this.maxInstances = v;
            return this;
        }

        public Builder fuel(long v) {
            this.fuel = v;
            return this;
        }

        public StoreLimits build() {
            return new StoreLimits(this);
        }
    }
}
