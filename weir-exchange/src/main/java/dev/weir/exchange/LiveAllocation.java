package dev.weir.exchange;

import java.util.Locale;

/**
 * A guest block the host currently owns (or must still release), as listed by
 * {@link GuestHeap#liveAllocations()} and {@link GuestHeap#leaks()}.
 *
 * @param address        start of the block in guest memory
 * @param size           block size in bytes as it will be passed to the guest's free
 * @param ownership      {@link Ownership#HOST} or {@link Ownership#GUEST_RELEASE}
 * @param origin         how the host got it ({@code "copyIn"}, {@code "take"}, {@code "upper (packed u64)"}, ...)
 * @param unreachable    its handle was garbage-collected without {@code close()}: a definite leak
 * @param allocationSite where it was created, when {@link GuestHeap#recordAllocationSites} is on; else null
 */
public record LiveAllocation(long address, long size, Ownership ownership, String origin, boolean unreachable,
                             Throwable allocationSite) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "0x%x (%d bytes, %s%s%s)", address, size, origin,
                ownership == Ownership.GUEST_RELEASE ? ", awaiting guest release" : "",
                unreachable ? ", handle unreachable" : "");
    }
}
