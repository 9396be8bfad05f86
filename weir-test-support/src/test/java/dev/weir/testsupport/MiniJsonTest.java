package dev.weir.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = MiniJson.parse(" {\"a\": [1, -2.5e3, \"x\\u0041\\n\\\"\"], \"b\": {\"t\": true, \"f\": false, \"n\": null}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b"), List.copyOf(m.keySet()));
        List<?> a = (List<?>) m.get("a");
        assertEquals(new BigDecimal("1"), a.get(0));
        assertEquals(-2500L, ((Number) a.get(1)).longValue());
        assertEquals("xA\n\"", a.get(2));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertEquals(Boolean.TRUE, b.get("t"));
        assertEquals(Boolean.FALSE, b.get("f"));
        assertTrue(b.containsKey("n") && b.get("n") == null);
        assertEquals(List.of(), MiniJson.parse("[]"));
        assertEquals(Map.of(), MiniJson.parse("{}"));
    }

    @Test
    void rejectsWhatIsNotJsonWithTheOffset() {
        for (String bad : Arrays.asList("", "{", "[1,", "{\"a\":1,\"a\":2}", "\"a\u0001\"", "\"\\x\"", "\"\\u12\"",
                "\"\\u12g4\"", "tru", "1 2", "{a:1}", "\"abc", "\"\\", "-", "1e")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(bad), bad);
            assertTrue(e.getMessage().matches(".* at \\d+"), e.getMessage());
        }
    }
}
