package dev.weir.memcheck;

import java.util.Arrays;

/**
 * The history of the guest heap for pictures ({@link Report#toHtml()}): for each of the first
 * {@link #CAP} blocks, its address, size and the logical times it was allocated and freed. Time is
 * an event counter (one tick per allocation or free), so the picture does not depend on how fast
 * the host ran. Immutable; the arrays are copies.
 */
public final class HeapTimeline {
    /** Blocks beyond this many are counted ({@link #dropped()}) but not recorded. */
    public static final int CAP = 100_000;

    private static final HeapTimeline EMPTY = new HeapTimeline(new long[0], new long[0], new long[0], new long[0], 0, 0,
            new long[0]);

    private final long[] address;
    private final long[] size;
    private final long[] allocTime;
    private final long[] freeTime;
    private final long dropped;
    private final long endTime;
    private final long[] errorTimes;

    /**
     * @param freeTime   -1 for blocks still allocated at {@code endTime}
     * @param errorTimes the time of each non-leak error, in the report's order
     */
    public HeapTimeline(long[] address, long[] size, long[] allocTime, long[] freeTime, long dropped, long endTime,
                        long[] errorTimes) {
        int n = address.length;
        if (size.length != n || allocTime.length != n || freeTime.length != n) {
            throw new IllegalArgumentException("timeline arrays differ in length");
        }
        this.address = address.clone();
        this.size = size.clone();
        this.allocTime = allocTime.clone();
        this.freeTime = freeTime.clone();
        this.dropped = dropped;
        this.endTime = endTime;
        this.errorTimes = errorTimes.clone();
    }

    public static HeapTimeline empty() {
        return EMPTY;
    }

    public int blockCount() {
        return address.length;
    }

    public long address(int i) {
        return address[i];
    }

    public long size(int i) {
        return size[i];
    }

    public long allocTime(int i) {
        return allocTime[i];
    }

    /** When block {@code i} was freed, or -1 if it is still allocated. */
    public long freeTime(int i) {
        return freeTime[i];
    }

    /** Blocks allocated after the first {@link #CAP} (not in the picture). */
    public long dropped() {
        return dropped;
    }

    /** The time when the timeline was taken (the number of allocation and free events). */
    public long endTime() {
        return endTime;
    }

    /** Time of the {@code i}-th non-leak error of the report, or -1 when unknown. */
    public long errorTime(int i) {
        return i < errorTimes.length ? errorTimes[i] : -1;
    }

    @Override
    public String toString() {
        return "HeapTimeline[" + address.length + " blocks, " + dropped + " dropped, t=" + endTime + ", errors at "
                + Arrays.toString(errorTimes) + "]";
    }
}
