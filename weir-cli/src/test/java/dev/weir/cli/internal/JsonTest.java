package dev.weir.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesQuotesBackslashesControlsAndNonAscii() {
        StringBuilder sb = new StringBuilder();
        Json.string(sb, "a\"b\\c\n\t\r\b\f\u0000\u001f\u007f é \ud83d\ude00 \ud800");
        assertEquals("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0000\\u001f\\u007f \\u00e9 \\ud83d\\ude00 \\ud800\"", sb.toString());
    }

    @Test
    void writesNestedValuesCompactAndPretty() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x");
        m.put("n", 42);
        m.put("big", new BigInteger("18446744073709551616"));
        m.put("t", true);
        m.put("z", null);
        m.put("l", Arrays.asList(1L, "two", null));
        m.put("e", List.of());
        m.put("o", Map.of());
        assertEquals("{\"s\":\"x\",\"n\":42,\"big\":18446744073709551616,\"t\":true,\"z\":null,"
                + "\"l\":[1,\"two\",null],\"e\":[],\"o\":{}}", Json.write(m, false));
        // Pretty: flat containers stay on one line.
        assertEquals("{\n  \"s\": \"x\",\n  \"n\": 42,\n  \"big\": 18446744073709551616,\n  \"t\": true,\n"
                + "  \"z\": null,\n  \"l\": [1, \"two\", null],\n  \"e\": [],\n  \"o\": {}\n}",
                Json.write(m, true));
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("a", 1);
        flat.put("b", "x");
        assertEquals("{\"a\": 1, \"b\": \"x\"}", Json.write(flat, true));
    }

    @Test
    void longFlatContainersBreakOverLines() {
        List<String> words = Collections.nCopies(20, "wordword");
        String pretty = Json.write(List.of(words), true);
        assertEquals(24, pretty.split("\n").length, pretty);
        assertEquals(Json.write(List.of(words), false), pretty.replaceAll("\\s", ""));
    }

    @Test
    void rejectsValuesJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object(), false));
    }
}
