package dev.weir.memcheck.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.memcheck.HeapTimeline;
import dev.weir.memcheck.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shadow heap's block history for the HTML picture: times, free marks and the cap. */
class TimelineTest {
    private final Sites sites = new Sites();
    private final int call = sites.add(Sites.CALL, 0, 0x10, 0, 0);
    private final ShadowHeap h = new ShadowHeap(sites, new String[] {"main"}, 1000);

    private void malloc(int size, int result) {
        h.enter(AllocFn.MALLOC.ordinal(), call, size, 0, 0, 0);
        h.leave(AllocFn.MALLOC.ordinal(), result);
    }

    private void free(int p) {
        if (h.enter(AllocFn.FREE.ordinal(), call, p, 0, 0, 0) == 1) {
            h.leave(AllocFn.FREE.ordinal(), 0);
        }
    }

    @Test
    void recordsAllocationAndFreeTimes() {
        malloc(16, 2000);
        malloc(32, 3000);
        free(2000);
        free(2000); // double free: an error at time 3, not a free event
        HeapTimeline t = h.timeline();
        assertEquals(2, t.blockCount());
        assertEquals(2000, t.address(0));
        assertEquals(16, t.size(0));
        assertEquals(0, t.allocTime(0));
        assertEquals(2, t.freeTime(0));
        assertEquals(1, t.allocTime(1));
        assertEquals(-1, t.freeTime(1));
        assertEquals(3, t.endTime());
        assertEquals(3, t.errorTime(0));
        assertEquals(-1, t.errorTime(1));
    }

    @Test
    void blocksBeyondTheCapAreCountedNotRecorded() {
        int n = HeapTimeline.CAP + 10;
        for (int i = 0; i < n; i++) {
            malloc(8, 2000);
            free(2000);
        }
        HeapTimeline t = h.timeline();
        assertEquals(HeapTimeline.CAP, t.blockCount());
        assertEquals(10, t.dropped());
        assertEquals(2L * n, t.endTime());
        String html = new Report(h.snapshot(true), h.allocations(), h.frees(), h.bytesAllocated(), 0, null, t).toHtml();
        assertTrue(html.contains("10 blocks allocated after the first " + HeapTimeline.CAP + " are not drawn"));
        int rects = 0;
        for (int i = html.indexOf("<rect class=\"blk "); i >= 0; i = html.indexOf("<rect class=\"blk ", i + 1)) {
            rects++;
        }
        assertEquals(HeapTimeline.CAP, rects);
        assertEquals(List.of(), h.snapshot(true));
    }
}
