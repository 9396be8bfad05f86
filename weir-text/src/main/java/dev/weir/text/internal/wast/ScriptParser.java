package dev.weir.text.internal.wast;

import dev.weir.text.internal.Literals;
import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.text.internal.V128Literals;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the S-expressions of a {@code .wast} script into {@link Command}s. Modules are not parsed
 * here (the runner hands {@link Command.ModuleCommand}s to the WAT parser or the decoder), so a
 * script whose assertions deliberately contain malformed modules still reads completely.
 *
 * <p>Grammar: the spec interpreter's script syntax ({@code interpreter/README.md}, "Scripts"),
 * including Wasm 3.0's {@code module definition}/{@code module instance}, GC result patterns and
 * the threads proposal's {@code thread}/{@code wait}.
 */
public final class ScriptParser {
    private ScriptParser() {}

    /** Parses all top-level expressions of a script. */
    public static List<Command> parse(List<SExpr> top) {
        if (!top.isEmpty() && top.get(0) instanceof SExpr.Node first && isModuleField(first)) {
            // A script may be a bare inline module (spec interpreter: "script: cmd* | inline_module"),
            // e.g. the testsuite's inline-module.wast "(func) (memory 0) ...".
            SExpr.Node f = first;
            SExpr.Node last = top.get(top.size() - 1) instanceof SExpr.Node l ? l : f;
            List<SExpr> children = new ArrayList<>(top.size() + 1);
            children.add(new SExpr.Atom(syntheticModuleKeyword()));
            children.addAll(top);
            SExpr.Node module = new SExpr.Node(children, f.line(), f.column(), f.offset(), last.endOffset(), null);
            return List.of(new Command.ModuleCommand(f.line(), null, Command.ModuleKind.TEXT, false, module, null));
        }
        List<Command> out = new ArrayList<>(top.size());
        for (SExpr e : top) {
            out.add(command(e));
        }
        return out;
    }

    /** Parses one command. */
    public static Command command(SExpr e) {
        SExpr.Node n = node(e, "script command");
        Token head = n.headKeyword();
        if (head == null || n.isAnnotation()) {
            throw n.error("unexpected token: expected a script command");
        }
        switch (head.text()) {
            case "module":
                return module(n);
            case "register":
                return register(n);
            case "invoke":
            case "get":
                return action(n);
            case "assert_return":
                return assertReturn(n);
            case "assert_trap":
                return assertTrap(n);
            case "assert_exhaustion":
                arity(n, 3);
                return new Command.AssertExhaustion(n.line(), action(n.get(1)), string(n.get(2)));
            case "assert_exception":
                arity(n, 2);
                return new Command.AssertException(n.line(), action(n.get(1)));
            case "assert_invalid":
            case "assert_invalid_custom":
                arity(n, 3);
                return new Command.AssertInvalid(n.line(), moduleOnly(n.get(1)), string(n.get(2)),
                        head.text().endsWith("_custom"));
            case "assert_malformed":
            case "assert_malformed_custom":
                arity(n, 3);
                return new Command.AssertMalformed(n.line(), moduleOnly(n.get(1)), string(n.get(2)),
                        head.text().endsWith("_custom"));
            case "assert_unlinkable":
                arity(n, 3);
                return new Command.AssertUnlinkable(n.line(), moduleOnly(n.get(1)), string(n.get(2)));
            case "assert_uninstantiable":
                arity(n, 3);
                return new Command.AssertUninstantiable(n.line(), moduleOnly(n.get(1)), string(n.get(2)));
            case "thread":
                return thread(n);
            case "wait":
                arity(n, 2);
                return new Command.Wait(n.line(), id(n.get(1)));
            default:
                throw head.error("unexpected token: unknown script command " + head.text());
        }
    }

    // ------------------------------------------------------------------ modules

    private static Command module(SExpr.Node n) {
        int i = 1;
        boolean definition = false;
        String id = null;
        SExpr idAtom = null;
        // Wasm 3.0 writes "(module definition $id? ...)"; accept the id on either side of it.
        for (int k = 0; k < 2 && i < n.size(); k++) {
            if (!definition && isKeyword(n.get(i), "definition")) {
                definition = true;
                i++;
            } else if (id == null && isId(n.get(i))) {
                idAtom = n.get(i);
                id = id(idAtom);
                i++;
            }
        }
        if (i < n.size() && isKeyword(n.get(i), "instance")) {
            if (definition) {
                throw n.get(i).error("unexpected token: a module definition cannot be an instance");
            }
            // (module instance $inst? $def?): like the reference parser, a single id names the instance.
            String inst = id;
            String def = null;
            int j = i + 1;
            if (inst == null && j < n.size() && isId(n.get(j))) {
                inst = id(n.get(j++));
            }
            if (j < n.size() && isId(n.get(j))) {
                def = id(n.get(j++));
            }
            if (j != n.size()) {
                throw n.get(j).error("unexpected token in module instance");
            }
            return new Command.ModuleInstance(n.line(), inst, def);
        }
        if (i < n.size() && (isKeyword(n.get(i), "binary") || isKeyword(n.get(i), "quote"))) {
            boolean binary = isKeyword(n.get(i), "binary");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int j = i + 1; j < n.size(); j++) {
                SExpr s = n.get(j);
                if (!(s instanceof SExpr.Atom a) || a.kind() != TokenKind.STRING) {
                    throw s.error("unexpected token: expected a string");
                }
                // Fragments are concatenated without separators, as the reference parser does.
                bytes.writeBytes(a.token().bytes());
            }
            return new Command.ModuleCommand(n.line(), id, binary ? Command.ModuleKind.BINARY
                    : Command.ModuleKind.QUOTE, definition, null, bytes.toByteArray());
        }
        List<SExpr> children = new ArrayList<>(n.size());
        children.add(n.get(0));
        if (idAtom != null) {
            children.add(idAtom);
        }
        children.addAll(n.children().subList(i, n.size()));
        SExpr.Node text = new SExpr.Node(children, n.line(), n.column(), n.offset(), n.endOffset(), null);
        return new Command.ModuleCommand(n.line(), id, Command.ModuleKind.TEXT, definition, text, null);
    }

    private static Command.ModuleCommand moduleOnly(SExpr e) {
        SExpr.Node n = node(e, "module");
        if (!n.isHead("module")) {
            throw n.error("unexpected token: expected a module");
        }
        Command c = module(n);
        if (!(c instanceof Command.ModuleCommand m)) {
            throw n.error("unexpected token: expected a module, found a module instance");
        }
        return m;
    }

    private static Command register(SExpr.Node n) {
        if (n.size() < 2 || n.size() > 3) {
            throw n.error("unexpected token: expected (register \"name\" $id?)");
        }
        return new Command.Register(n.line(), string(n.get(1)), n.size() == 3 ? id(n.get(2)) : null);
    }

    private static Command thread(SExpr.Node n) {
        if (n.size() < 2) {
            throw n.error("unexpected token: expected (thread $name ...)");
        }
        String name = id(n.get(1));
        List<String> shared = new ArrayList<>();
        int i = 2;
        while (i < n.size() && n.get(i) instanceof SExpr.Node s && s.isHead("shared")) {
            // (shared (module $m))
            if (s.size() != 2 || !(s.get(1) instanceof SExpr.Node m) || !m.isHead("module") || m.size() != 2) {
                throw s.error("unexpected token: expected (shared (module $id))");
            }
            shared.add(id(m.get(1)));
            i++;
        }
        List<Command> cmds = new ArrayList<>();
        for (; i < n.size(); i++) {
            cmds.add(command(n.get(i)));
        }
        return new Command.Thread(n.line(), name, shared, cmds);
    }

    // ------------------------------------------------------------------ actions and assertions

    private static Command.Action action(SExpr e) {
        SExpr.Node n = node(e, "action");
        Token head = n.headKeyword();
        boolean invoke = n.isHead("invoke");
        if (!invoke && !n.isHead("get")) {
            throw n.error("unexpected token: expected (invoke ...) or (get ...)"
                    + (head != null ? ", found " + head.text() : ""));
        }
        int i = 1;
        String moduleId = null;
        if (i < n.size() && isId(n.get(i))) {
            moduleId = id(n.get(i++));
        }
        if (i >= n.size()) {
            throw n.error("unexpected token: missing export name");
        }
        String name = string(n.get(i++));
        List<Const> args = new ArrayList<>();
        for (; i < n.size(); i++) {
            args.add(constant(n.get(i)));
        }
        if (!invoke && !args.isEmpty()) {
            throw n.get(2).error("unexpected token: get takes no arguments");
        }
        return new Command.Action(n.line(), invoke ? Command.ActionKind.INVOKE : Command.ActionKind.GET,
                moduleId, name, args);
    }

    private static Command assertReturn(SExpr.Node n) {
        if (n.size() < 2) {
            throw n.error("unexpected token: expected (assert_return action result*)");
        }
        Command.Action a = action(n.get(1));
        List<Expected> results = new ArrayList<>();
        for (int i = 2; i < n.size(); i++) {
            results.add(result(n.get(i)));
        }
        return new Command.AssertReturn(n.line(), a, results);
    }

    private static Command assertTrap(SExpr.Node n) {
        arity(n, 3);
        String msg = string(n.get(2));
        if (n.get(1) instanceof SExpr.Node m && m.isHead("module")) {
            return new Command.AssertTrap(n.line(), null, moduleOnly(m), msg);
        }
        return new Command.AssertTrap(n.line(), action(n.get(1)), null, msg);
    }

    // ------------------------------------------------------------------ values

    /** An argument constant. */
    static Const constant(SExpr e) {
        SExpr.Node n = node(e, "constant");
        Token head = n.headKeyword();
        if (head == null) {
            throw n.error("unexpected token: expected a constant");
        }
        switch (head.text()) {
            case "i32.const":
                arity(n, 2);
                return new Const.Num(ValType.I32, Literals.parseI32(token(n.get(1))));
            case "i64.const":
                arity(n, 2);
                return new Const.Num(ValType.I64, Literals.parseI64(token(n.get(1))));
            case "f32.const":
                arity(n, 2);
                return new Const.Num(ValType.F32, Literals.parseF32Bits(token(n.get(1))));
            case "f64.const":
                arity(n, 2);
                return new Const.Num(ValType.F64, Literals.parseF64Bits(token(n.get(1))));
            case "v128.const": {
                if (n.size() < 2) {
                    throw n.error("unexpected token: missing v128 shape");
                }
                List<Token> lanes = new ArrayList<>();
                for (int i = 2; i < n.size(); i++) {
                    lanes.add(token(n.get(i)));
                }
                byte[] b = V128Literals.parse(token(n.get(1)), lanes);
                return new Const.Vec(le64(b, 0), le64(b, 8));
            }
            case "ref.null":
                arity(n, 2);
                return new Const.RefNull(heapType(n.get(1)));
            case "ref.extern":
            case "ref.host":
                arity(n, 2);
                return new Const.HostRef(Literals.parseU32(token(n.get(1))) & 0xFFFF_FFFFL,
                        head.text().equals("ref.extern"));
            default:
                throw head.error("unexpected token: unknown constant " + head.text());
        }
    }

    /** An expected result (constant or pattern). */
    static Expected result(SExpr e) {
        SExpr.Node n = node(e, "result");
        Token head = n.headKeyword();
        if (head == null) {
            throw n.error("unexpected token: expected a result");
        }
        String h = head.text();
        switch (h) {
            case "f32.const":
            case "f64.const": {
                arity(n, 2);
                ValType t = h.startsWith("f32") ? ValType.F32 : ValType.F64;
                byte nan = nanPattern(n.get(1));
                if (nan != Expected.VecPattern.EXACT) {
                    return new Expected.Nan(t, nan == Expected.VecPattern.CANONICAL);
                }
                return new Expected.Exact(constant(n));
            }
            case "v128.const":
                return vecPattern(n);
            case "either": {
                if (n.size() < 2) {
                    throw n.error("unexpected token: either needs alternatives");
                }
                List<Expected> alts = new ArrayList<>();
                for (int i = 1; i < n.size(); i++) {
                    alts.add(result(n.get(i)));
                }
                return new Expected.Either(alts);
            }
            case "ref.null":
                if (n.size() == 1) {
                    return new Expected.RefNull(Expected.RefNull.ANY_HIERARCHY);
                }
                arity(n, 2);
                return new Expected.RefNull(heapType(n.get(1)));
            case "ref":
                arity(n, 1);
                return new Expected.RefKind(Expected.RefKind.ANY_REF);
            case "ref.extern":
            case "ref.host":
                if (n.size() == 1 && h.equals("ref.extern")) {
                    return new Expected.RefKind(HeapType.EXTERN);
                }
                return new Expected.Exact(constant(n));
            case "ref.func":
            case "ref.struct":
            case "ref.array":
            case "ref.i31":
            case "ref.eq":
            case "ref.any":
            case "ref.exn":
                // A bare kind pattern; the spec interpreter also allows no further operands here.
                arity(n, 1);
                return new Expected.RefKind(heapTypeKeyword(h.substring(4), head));
            default:
                return new Expected.Exact(constant(n));
        }
    }

    private static Expected vecPattern(SExpr.Node n) {
        if (n.size() < 2) {
            throw n.error("unexpected token: missing v128 shape");
        }
        Token shape = token(n.get(1));
        String s = shape.text();
        int count = V128Literals.laneCount(s);
        if (shape.kind() != TokenKind.KEYWORD || count < 0) {
            throw shape.error("unexpected token");
        }
        if (n.size() - 2 != count) {
            throw shape.error("wrong number of lane literals");
        }
        long[] lanes = new long[count];
        byte[] nan = new byte[count];
        if (s.charAt(0) == 'f') {
            for (int i = 0; i < count; i++) {
                Token lane = token(n.get(2 + i));
                nan[i] = nanPattern(lane);
                if (nan[i] == Expected.VecPattern.EXACT) {
                    lanes[i] = count == 4 ? Literals.parseF32Bits(lane) & 0xFFFF_FFFFL : Literals.parseF64Bits(lane);
                }
            }
        } else {
            List<Token> toks = new ArrayList<>();
            for (int i = 2; i < n.size(); i++) {
                toks.add(token(n.get(i)));
            }
            byte[] b = V128Literals.parse(shape, toks);
            int width = 16 / count;
            for (int i = 0; i < count; i++) {
                long v = 0;
                for (int k = width - 1; k >= 0; k--) {
                    v = (v << 8) | (b[i * width + k] & 0xFF);
                }
                lanes[i] = v;
            }
        }
        return new Expected.VecPattern(s, lanes, nan);
    }

    private static byte nanPattern(SExpr e) {
        if (e instanceof SExpr.Atom a) {
            return nanPattern(a.token());
        }
        return Expected.VecPattern.EXACT;
    }

    private static byte nanPattern(Token t) {
        if (t.textEquals("nan:canonical")) {
            return Expected.VecPattern.CANONICAL;
        }
        if (t.textEquals("nan:arithmetic")) {
            return Expected.VecPattern.ARITHMETIC;
        }
        return Expected.VecPattern.EXACT;
    }

    private static int heapType(SExpr e) {
        Token t = token(e);
        if (t.kind() != TokenKind.KEYWORD) {
            throw t.error("unexpected token: expected a heap type");
        }
        return heapTypeKeyword(t.text(), t);
    }

    private static int heapTypeKeyword(String s, Token at) {
        int h = HeapType.byName(s);
        if (h == 0) {
            throw at.error("unexpected token: unknown heap type " + s);
        }
        return h;
    }

    // ------------------------------------------------------------------ helpers

    private static final java.util.Set<String> MODULE_FIELDS = java.util.Set.of("type", "rec", "import",
            "func", "table", "memory", "global", "tag", "export", "start", "elem", "data");

    private static boolean isModuleField(SExpr.Node n) {
        Token h = n.headKeyword();
        return h != null && !n.isAnnotation() && MODULE_FIELDS.contains(h.text());
    }

    /** A {@code module} keyword token for the synthetic wrapper of an inline-module script. */
    private static Token syntheticModuleKeyword() {
        return new dev.weir.text.internal.Lexer("module").next();
    }

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static SExpr.Node node(SExpr e, String what) {
        if (!(e instanceof SExpr.Node n)) {
            throw e.error("unexpected token: expected " + what + ", found " + e);
        }
        return n;
    }

    private static Token token(SExpr e) {
        if (!(e instanceof SExpr.Atom a)) {
            throw e.error("unexpected token: expected an atom");
        }
        return a.token();
    }

    private static void arity(SExpr.Node n, int size) {
        if (n.size() != size) {
            SExpr at = n.size() > size ? n.get(size) : n;
            throw at.error("unexpected token: " + n.get(0) + " takes " + (size - 1) + " operand(s)");
        }
    }

    private static boolean isKeyword(SExpr e, String kw) {
        return e instanceof SExpr.Atom a && a.isKeyword(kw);
    }

    private static boolean isId(SExpr e) {
        return e instanceof SExpr.Atom a && a.kind() == TokenKind.ID;
    }

    private static String id(SExpr e) {
        if (!isId(e)) {
            throw e.error("unexpected token: expected an identifier");
        }
        return ((SExpr.Atom) e).token().name();
    }

    private static String string(SExpr e) {
        if (!(e instanceof SExpr.Atom a) || a.kind() != TokenKind.STRING) {
            throw e.error("unexpected token: expected a string");
        }
        return a.token().utf8Value();
    }
}
