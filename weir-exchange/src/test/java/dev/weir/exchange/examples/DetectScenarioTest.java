package dev.weir.exchange.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Instance;
import dev.weir.exchange.Allocators;
import dev.weir.exchange.GuestHeap;
import org.junit.jupiter.api.Test;

/** Profile detection errors name every export combination looked for. */
class DetectScenarioTest {

    @Test
    void noAllocatorListsWhatWasLookedFor() {
        Instance add = Guests.instantiate("add");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuestHeap.detect(add));
        String m = e.getMessage();
        for (String expected : new String[] {"__wbindgen_malloc", "cabi_realloc", "__new", "alloc (func (param i32) (result i32))",
                "malloc", "dealloc", "exported functions: [add]"}) {
            assertTrue(m.contains(expected), "missing " + expected + " in\n" + m);
        }
    }

    @Test
    void choosingAProfileThatDoesNotFitSaysWhy() {
        Instance c = Guests.instantiate("c-exchange");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuestHeap.of(c, Allocators.rawRust()));
        assertTrue(e.getMessage().contains("no alloc"), e.getMessage());
    }
}
