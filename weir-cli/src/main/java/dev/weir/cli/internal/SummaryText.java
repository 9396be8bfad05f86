package dev.weir.cli.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ModuleSummary} tree for people: a header of key facts, then one aligned block
 * per index space. Names from the name section appear as {@code $name}; strings from the module
 * (import/export names) are quoted with WAT escapes only when they contain odd characters.
 */
public final class SummaryText {
    private final StringBuilder sb = new StringBuilder();

    private SummaryText() {
    }

    public static String render(Map<String, Object> s) {
        return new SummaryText().doRender(s);
    }

    private String doRender(Map<String, Object> s) {
        Columns head = new Columns("ll");
        head.row("file", s.get("file") + " (" + plural(num(s, "size"), "byte") + ", " + s.get("format") + ")");
        if (s.get("moduleName") != null) {
            head.row("module", WatText.id(str(s, "moduleName")));
        }
        head.row("valid", validity(s));
        Map<String, Object> f = map(s, "functions");
        head.row("functions", f.get("count") + " (" + f.get("imported") + " imported, " + f.get("defined") + " defined)");
        Map<String, Object> start = map(s, "start");
        head.row("start", start == null ? "none"
                : "function " + start.get("index") + opt(WatText.id(str(start, "name"))) + "  " + start.get("type"));
        Map<String, Object> d = map(s, "dataSegments");
        String data = num(d, "count") == 0 ? "none" : plural(num(d, "count"), "segment") + " (" + d.get("active")
                + " active, " + d.get("passive") + " passive), " + plural(num(d, "bytes"), "byte");
        if (s.get("dataCount") != null) {
            data += ", datacount " + s.get("dataCount");
        }
        head.row("data", data);
        Map<String, Object> e = map(s, "elementSegments");
        head.row("elements", num(e, "count") == 0 ? "none" : plural(num(e, "count"), "segment") + " ("
                + e.get("active") + " active, " + e.get("passive") + " passive, " + e.get("declarative")
                + " declarative), " + plural(num(e, "items"), "item"));
        head.row("names", names(map(s, "names")));
        head.appendTo(sb, "");

        sections(list(s, "sections"), "text".equals(s.get("format")));
        types(list(s, "types"));
        imports(list(s, "imports"));
        exports(list(s, "exports"));
        memories(list(s, "memories"));
        tables(list(s, "tables"));
        globals(list(s, "globals"));
        tags(list(s, "tags"));
        customSections(list(s, "customSections"));
        return sb.toString();
    }

    private static String validity(Map<String, Object> s) {
        if (Boolean.TRUE.equals(s.get("valid"))) {
            return "yes";
        }
        Map<String, Object> e = map(s, "validationError");
        StringBuilder v = new StringBuilder("no: ").append(e.get("reason"));
        if (e.get("offset") != null) {
            v.append(" at byte ").append(WatText.hex(num(e, "offset")));
        }
        if (e.get("function") != null) {
            v.append(" in function ").append(e.get("function"));
        }
        return v.toString();
    }

    private static String names(Map<String, Object> n) {
        String[] keys = {"functions", "locals", "types", "globals", "memories", "tables", "tags"};
        String[] singular = {"function", "local", "type", "global", "memory", "table", "tag"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            long c = num(n, keys[i]);
            if (c > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(c).append(' ').append(c == 1 ? singular[i] : keys[i]);
            }
        }
        return b.length() == 0 ? (n.get("module") == null ? "none" : "module name only") : b.toString();
    }

    private void heading(String title, List<Map<String, Object>> items) {
        sb.append('\n').append(title);
        sb.append(items.isEmpty() ? ": none\n" : " (" + items.size() + ")\n");
    }

    private void sections(List<Map<String, Object>> items, boolean fromText) {
        if (items.isEmpty() && fromText) {
            sb.append("\nsections: none (module parsed from text)\n");
            return;
        }
        heading("sections", items);
        if (items.isEmpty()) {
            return;
        }
        Columns c = new Columns("rlrr");
        c.row("id", "name", "offset", "size");
        // Offsets as zero-padded hex of one width, so they line up digit by digit.
        long maxOffset = 0;
        for (Map<String, Object> o : items) {
            maxOffset = Math.max(maxOffset, num(o, "offset"));
        }
        int digits = Math.max(2, Long.toHexString(maxOffset).length());
        for (Map<String, Object> o : items) {
            String name = str(o, "name");
            if (o.containsKey("customName")) {
                name += " " + WatText.quoted(str(o, "customName"));
            }
            String hex = Long.toHexString(num(o, "offset"));
            c.row(String.valueOf(o.get("id")), name, "0x" + "0".repeat(digits - hex.length()) + hex,
                    String.valueOf(o.get("size")));
        }
        c.appendTo(sb, "  ");
    }

    private void types(List<Map<String, Object>> items) {
        heading("types", items);
        Columns c = new Columns("rll");
        for (Map<String, Object> o : items) {
            c.row(String.valueOf(o.get("index")), WatText.id(str(o, "name")), str(o, "type"));
        }
        c.appendTo(sb, "  ");
    }

    private void imports(List<Map<String, Object>> items) {
        heading("imports", items);
        Columns c = new Columns("llrll");
        for (Map<String, Object> o : items) {
            c.row(str(o, "kind"), WatText.nameOrQuoted(str(o, "module")) + "." + WatText.nameOrQuoted(str(o, "name")),
                    String.valueOf(o.get("index")), WatText.id(str(o, "itemName")), str(o, "type"));
        }
        c.appendTo(sb, "  ");
    }

    private void exports(List<Map<String, Object>> items) {
        heading("exports", items);
        Columns c = new Columns("llrll");
        for (Map<String, Object> o : items) {
            c.row(str(o, "kind"), WatText.nameOrQuoted(str(o, "name")), String.valueOf(o.get("index")),
                    WatText.id(str(o, "itemName")), str(o, "type"));
        }
        c.appendTo(sb, "  ");
    }

    private void memories(List<Map<String, Object>> items) {
        heading("memories", items);
        Columns c = new Columns("rlllll");
        for (Map<String, Object> o : items) {
            Object max = o.get("max");
            String pages = "pages " + o.get("min") + ".." + (max == null ? "" : max);
            String bytes = WatText.humanBytes(big(o, "minBytes")) + ".."
                    + (max == null ? "" : WatText.humanBytes(big(o, "maxBytes")));
            StringBuilder flags = new StringBuilder();
            if ("i64".equals(o.get("address"))) {
                flags.append("i64 ");
            }
            if (Boolean.TRUE.equals(o.get("shared"))) {
                flags.append("shared ");
            }
            if (num(o, "pageSize") != 65536) {
                flags.append("pagesize ").append(o.get("pageSize"));
            }
            c.row(String.valueOf(o.get("index")), WatText.id(str(o, "name")), pages, bytes, flags.toString().trim(),
                    where(o));
        }
        c.appendTo(sb, "  ");
    }

    private void tables(List<Map<String, Object>> items) {
        heading("tables", items);
        Columns c = new Columns("rlllll");
        for (Map<String, Object> o : items) {
            Object max = o.get("max");
            c.row(String.valueOf(o.get("index")), WatText.id(str(o, "name")), str(o, "elementType"),
                    "size " + o.get("min") + ".." + (max == null ? "" : max), "i64".equals(o.get("address")) ? "i64" : "",
                    where(o));
        }
        c.appendTo(sb, "  ");
    }

    private void globals(List<Map<String, Object>> items) {
        heading("globals", items);
        Columns c = new Columns("rlll");
        for (Map<String, Object> o : items) {
            String t = Boolean.TRUE.equals(o.get("mutable")) ? "(mut " + o.get("valueType") + ")" : str(o, "valueType");
            c.row(String.valueOf(o.get("index")), WatText.id(str(o, "name")), t, where(o));
        }
        c.appendTo(sb, "  ");
    }

    private void tags(List<Map<String, Object>> items) {
        heading("tags", items);
        Columns c = new Columns("rlll");
        for (Map<String, Object> o : items) {
            c.row(String.valueOf(o.get("index")), WatText.id(str(o, "name")), str(o, "type"), where(o));
        }
        c.appendTo(sb, "  ");
    }

    private void customSections(List<Map<String, Object>> items) {
        heading("custom sections", items);
        Columns c = new Columns("lrl");
        for (Map<String, Object> o : items) {
            c.row(WatText.nameOrQuoted(str(o, "name")), plural(num(o, "size"), "byte"),
                    o.get("offset") == null ? "" : "at " + WatText.hex(num(o, "offset")));
        }
        c.appendTo(sb, "  ");
    }

    /** "import env.memory, export "memory"" for an item's provenance and visibility. */
    private static String where(Map<String, Object> o) {
        StringBuilder w = new StringBuilder();
        if (o.get("import") != null) {
            w.append("import ").append(o.get("import"));
        }
        for (Object e : (List<?>) o.get("exports")) {
            w.append(w.length() == 0 ? "" : ", ").append("export ").append(WatText.nameOrQuoted((String) e));
        }
        return w.toString();
    }

    private static String opt(String s) {
        return s == null ? "" : " " + s;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static BigInteger big(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof BigInteger ? (BigInteger) v : BigInteger.valueOf(((Number) v).longValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String k) {
        return (Map<String, Object>) m.get(k);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String k) {
        return (List<Map<String, Object>>) m.get(k);
    }
}
