package dev.weir.internal.rt;

import dev.weir.wasm.FuncType;

/**
 * A tag (spec 4.2 "tag instances"). Tags match by identity: {@code catch $t} catches exactly the
 * exceptions thrown with the same tag instance, even if another tag has an equal type.
 */
public final class TagInstance {
    public final FuncType type;
    /** Canonical id of the tag's function type ({@link dev.weir.wasm.Types#canonicalId}). */
    public final int canonicalType;
    /** Number of payload slots (a v128 takes two). */
    public final int payloadSlots;
    /** The public view ({@code dev.weir.Tag}), created on demand. */
    public volatile Object publicView;

    public TagInstance(FuncType type, int canonicalType) {
        this.type = type;
        this.canonicalType = canonicalType;
        this.payloadSlots = Slots.of(type.params());
    }
}
