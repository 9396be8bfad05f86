package dev.weir.exchange.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Instance;
import dev.weir.exchange.GuestAbortException;
import dev.weir.exchange.GuestBindings;
import dev.weir.exchange.GuestBindings.CString;
import dev.weir.exchange.GuestBindings.Convention;
import dev.weir.exchange.GuestBindings.Export;
import dev.weir.exchange.GuestBindings.Give;
import dev.weir.exchange.GuestBindings.ResultBits;
import dev.weir.exchange.GuestBindings.Returns;
import dev.weir.exchange.GuestHeap;
import org.junit.jupiter.api.Test;

/** The scenarios as typed interfaces: {@code guest.upper("...")} with no marshalling code. */
class TypedBindingsScenarioTest {

    interface RustRaw {
        String upper(String s);

        @Export("upper_outlen") @Returns(Convention.OUT_POINTER) String upperOutLen(String s);

        @Export("upper_packed") @Returns(Convention.PACKED) String upperPacked(String s);

        @Export("upper_pair") @Returns(Convention.PAIR) String upperPair(String s);

        @Export("array_sum") int arraySum(byte[] data);

        /** A u8 result declared as such: the binding masks whatever the guest hands back. */
        @Export("array_sum_i32") @ResultBits(8) int arraySumAsU8(byte[] data);

        @Export("sum_i32s") int sumI32s(int[] values);

        @Export("take_ownership") int consume(@Give byte[] data);
    }

    interface AssemblyScriptGuest {
        String upper(String s);

        int arraySum(byte[] data);

        @Returns(Convention.ASSEMBLYSCRIPT_TYPED_ARRAY) byte[] iota(int n);

        void fail();
    }

    interface CGuest {
        String upper(@CString String s);

        @Export("array_sum") byte arraySum(byte[] data);
    }

    interface Wrong {
        @Export("upper_pair") String upperPair(String s); // default convention adds nothing, so it fits
        @Export("array_sum") int arraySum(byte[] a, int extra);
    }

    @Test
    void rustRaw() {
        GuestHeap heap = GuestHeap.detect(Guests.instantiate("rust-raw"));
        RustRaw guest = GuestBindings.bind(heap, RustRaw.class);
        assertEquals("THIS SHOULD BE UPPERCASE", guest.upper("this should be uppercase"));
        assertEquals("GRÜSSE, FIX", guest.upperOutLen("grüße, ﬁx"));
        assertEquals("GRÜSSE, FIX", guest.upperPacked("grüße, ﬁx"));
        assertEquals("GRÜSSE, FIX", guest.upperPair("grüße, ﬁx"));
        assertEquals(15, guest.arraySum(new byte[] {1, 2, 3, 4, 5}));
        assertEquals(44, guest.arraySumAsU8(new byte[] {(byte) 200, 100}));
        assertEquals(40002, guest.sumI32s(new int[] {1, -2, 3, 40000}));
        for (int i = 0; i < 100; i++) { // given, freed by the guest, never by the host: no double free
            assertEquals(15, guest.consume(new byte[] {1, 2, 3, 4, 5}));
        }
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void assemblyScript() {
        Instance instance = Guests.instantiate("assemblyscript");
        AssemblyScriptGuest guest = GuestBindings.bind(GuestHeap.detect(instance), AssemblyScriptGuest.class);
        assertEquals("THIS SHOULD BE UPPERCASE", guest.upper("this should be uppercase"));
        assertEquals(15, guest.arraySum(new byte[] {1, 2, 3, 4, 5}));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, guest.iota(5));
        GuestAbortException e = assertThrows(GuestAbortException.class, guest::fail);
        assertEquals("weir: deliberate failure (assembly/index.ts:47:3)", e.getMessage());
    }

    @Test
    void cAndOtherProfiles() {
        Instance c = Guests.instantiate("c-exchange");
        c.func("_initialize").callInt();
        CGuest guest = GuestBindings.bind(GuestHeap.detect(c), CGuest.class);
        assertEquals("THIS SHOULD BE UPPERCASE", guest.upper("this should be uppercase"));
        assertEquals(44, guest.arraySum(new byte[] {(byte) 200, 100}) & 0xFF);

        GuestHeap wb = GuestHeap.detect(Guests.instantiate("wasm-bindgen-style"));
        assertEquals("GRÜSSE, FIX", GuestBindings.bind(wb, AssemblyScriptLike.class).upper("grüße, ﬁx"));
        GuestHeap cm = GuestHeap.detect(Guests.instantiate("component-style"));
        assertEquals("GRÜSSE, FIX", GuestBindings.bind(cm, AssemblyScriptLike.class).upper("grüße, ﬁx"));
        assertTrue(cm.liveAllocations().isEmpty());
    }

    interface AssemblyScriptLike {
        String upper(String s);
    }

    @Test
    void signatureMismatchesAreReportedWhenBinding() {
        GuestHeap heap = GuestHeap.detect(Guests.instantiate("rust-raw"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuestBindings.bind(heap, Wrong.class));
        assertTrue(e.getMessage().contains("arraySum lowers to 3 argument(s)"), e.getMessage());
    }
}
