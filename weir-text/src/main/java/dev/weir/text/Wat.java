package dev.weir.text;

import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.SExprReader;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.text.internal.wat.Annotations;
import dev.weir.text.internal.wat.ModuleParser;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The WebAssembly text format (spec chapter 6, Wasm 3.0 plus the testsuite's proposals) to the
 * {@link WasmModule} model. Malformed text throws {@link TextParseException} with line:column and
 * the reference interpreter's wording; whether the module is valid is the validator's business
 * (numeric indices out of range, type errors, ... are not parse errors).
 *
 * <p>Thread-safe: every call parses independently.
 */
public final class Wat {
    private Wat() {}

    /** Parses one {@code (module ...)} or a bare list of module fields, as wat2wasm accepts. */
    public static WasmModule parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses UTF-8 text: one {@code (module ...)} or a bare list of module fields. */
    public static WasmModule parse(byte[] utf8) {
        List<SExpr> top = SExprReader.read(utf8);
        if (top.size() == 1 && top.get(0) instanceof SExpr.Node n && n.isHead("module")) {
            return parseModule(n);
        }
        for (SExpr e : top) {
            if (e instanceof SExpr.Node n && n.isHead("module")) {
                throw n.error("unexpected token");
            }
        }
        return ModuleParser.parseFields(top, 0, null);
    }

    /**
     * Parses a {@code (module $id? field*)} node as read by {@link SExprReader} (annotations, if
     * kept, are ignored). Also accepts {@code (module definition $id? ...)} and the script forms
     * {@code (module $id? binary "..."*)} (decoded with {@link WasmDecoder}, which throws
     * {@code MalformedModuleException}) and {@code (module $id? quote "..."*)} (parsed as text).
     */
    public static WasmModule parseModule(SExpr.Node moduleNode) {
        SExpr.Node n = Annotations.strip(moduleNode);
        if (!n.isHead("module")) {
            throw n.error("unexpected token");
        }
        int p = fieldsStart(n);
        if (p < n.size() && isKeyword(n.get(p), "binary")) {
            return WasmDecoder.decode(binaryModuleBytes(n));
        }
        if (p < n.size() && isKeyword(n.get(p), "quote")) {
            return parse(quoteModuleSource(n));
        }
        return ModuleParser.parseFields(n.children(), p, moduleId(n));
    }

    /** The module's {@code $id} without the {@code $} (e.g. for {@code register}), or null. */
    public static String moduleId(SExpr.Node moduleNode) {
        int p = 1;
        if (p < moduleNode.size() && isKeyword(moduleNode.get(p), "definition")) {
            p++;
        }
        if (p < moduleNode.size() && moduleNode.get(p) instanceof SExpr.Atom a && a.kind() == TokenKind.ID) {
            return a.token().name();
        }
        return null;
    }

    /** True for {@code (module ... binary ...)}. */
    public static boolean isBinary(SExpr.Node moduleNode) {
        int p = fieldsStart(moduleNode);
        return p < moduleNode.size() && isKeyword(moduleNode.get(p), "binary");
    }

    /** True for {@code (module ... quote ...)}. */
    public static boolean isQuote(SExpr.Node moduleNode) {
        int p = fieldsStart(moduleNode);
        return p < moduleNode.size() && isKeyword(moduleNode.get(p), "quote");
    }

    /** The concatenated strings of {@code (module $id? binary "..."*)}. */
    public static byte[] binaryModuleBytes(SExpr.Node moduleNode) {
        return strings(moduleNode, "binary");
    }

    /**
     * The source text of {@code (module $id? quote "..."*)}: the strings concatenated (as raw
     * bytes: they may deliberately hold malformed UTF-8). Parse it with {@link #parse(byte[])}.
     */
    public static byte[] quoteModuleSource(SExpr.Node moduleNode) {
        return strings(moduleNode, "quote");
    }

    private static byte[] strings(SExpr.Node n, String kw) {
        int p = fieldsStart(n);
        if (p >= n.size() || !isKeyword(n.get(p), kw)) {
            throw (p < n.size() ? n.get(p) : n).error("unexpected token");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (p++; p < n.size(); p++) {
            SExpr e = n.get(p);
            if (!(e instanceof SExpr.Atom a) || a.kind() != TokenKind.STRING) {
                throw e.error("unexpected token");
            }
            Token t = a.token();
            out.writeBytes(t.bytes());
        }
        return out.toByteArray();
    }

    /** Index of the first child after {@code module definition? $id?}. */
    private static int fieldsStart(SExpr.Node n) {
        int p = 1;
        if (p < n.size() && isKeyword(n.get(p), "definition")) {
            p++;
        }
        if (p < n.size() && n.get(p) instanceof SExpr.Atom a && a.kind() == TokenKind.ID) {
            p++;
        }
        return p;
    }

    private static boolean isKeyword(SExpr e, String kw) {
        return e instanceof SExpr.Atom a && a.isKeyword(kw);
    }
}
