package dev.weir.cli;

import dev.weir.Module;
import dev.weir.Value;
import dev.weir.cli.internal.ExchangeArgs;
import dev.weir.cli.internal.ValueText;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code weir run --invoke NAME ARG...}: checks the export, the argument count and the exchange
 * options against the export's type, and parses the plain ARGs per parameter type. Everything
 * here happens before instantiation, and every failure is a usage error (exit 2) naming the
 * export and its type, so a mistyped command never runs guest code.
 */
final class InvokeArguments {
    private final RunCommand cmd;
    /** The convention --returns uses: --ret-convention, or the one the result types imply. */
    private String effectiveConvention;

    InvokeArguments(RunCommand cmd) {
        this.cmd = cmd;
    }

    String effectiveConvention() {
        return effectiveConvention;
    }

    static boolean exportsFunction(Module module, String name) {
        return module.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNC && e.name().equals(name));
    }

    static String exportedFunctions(List<Export> exports) {
        List<String> funcs = new ArrayList<>();
        for (Export e : exports) {
            if (e.kind() == ExternKind.FUNC) {
                funcs.add(e.name());
            }
        }
        return "exported functions: " + (funcs.isEmpty() ? "none" : String.join(", ", funcs));
    }

    /**
     * The type of the exported function {@code name}; otherwise a usage error naming the exported
     * functions (shared by run and memcheck, so both say the same).
     */
    static FuncType exportedFunctionType(WasmModule module, String file, String name, CommandSpec spec) {
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(name)) {
                return module.functionType(e.index());
            }
        }
        boolean other = module.exports().stream().anyMatch(e -> e.name().equals(name));
        throw new ParameterException(spec.commandLine(), file + ": " + (other ? "export '" + name + "' is not a function"
                : "no exported function '" + name + "'") + " (" + exportedFunctions(module.exports()) + ")");
    }

    /** Parses {@code args} per {@code params}; a wrong count or syntax is a usage error. */
    static Value[] parsePlain(String name, FuncType type, List<String> args, CommandSpec spec) {
        List<ValType> params = type.params();
        if (args.size() != params.size()) {
            throw new ParameterException(spec.commandLine(), name + " " + type + " takes "
                    + plural(params.size(), "argument") + ", got " + args.size());
        }
        return parsePlain(name, params, args, 0, spec);
    }

    private static Value[] parsePlain(String name, List<ValType> params, List<String> args, int firstIndex,
            CommandSpec spec) {
        Value[] values = new Value[params.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ValueText.parse(args.get(i), params.get(i));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "argument " + (firstIndex + i + 1) + " of " + name
                        + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** The --invoke arguments parsed per the export's parameter types; usage errors (exit 2) otherwise. */
    Value[] parse(Module module) {
        FuncType type = exportedFunctionType(module.wasm(), cmd.file, cmd.invoke, cmd.spec);
        if (cmd.exchange.isEmpty() && cmd.returns == null) {
            if (cmd.retConvention != null) {
                throw usage("--ret-convention needs --returns string|bytes|int");
            }
            return parsePlain(cmd.invoke, type, cmd.args, cmd.spec);
        }
        return exchangeArguments(type);
    }

    /** Checks the exchange options against the export's type; returns the plain ARGs' values. */
    private Value[] exchangeArguments(FuncType type) {
        String invoke = cmd.invoke;
        List<ValType> params = type.params();
        try {
            for (ExchangeArgs.Arg a : cmd.exchange) {
                ExchangeArgs.check(a);
            }
            if (cmd.retConvention != null && cmd.returns == null) {
                throw usage("--ret-convention needs --returns string|bytes|int");
            }
            if (cmd.returns != null) {
                ExchangeArgs.returns(cmd.returns);
                effectiveConvention = cmd.retConvention != null ? cmd.retConvention
                        : ExchangeArgs.inferConvention(type.results());
                if (effectiveConvention == null) {
                    throw usage("--returns: say how " + invoke + " " + type + " returns its length with --ret-convention"
                            + " packed|outptr|pair|len=N|same|nul|prefixed");
                }
                ExchangeArgs.convention(effectiveConvention, cmd.exchange.isEmpty() ? -1 : 0);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        int lead = 2 * cmd.exchange.size();
        int extra = cmd.returns == null ? 0 : ExchangeArgs.extraParams(effectiveConvention);
        int plain = params.size() - lead - extra;
        if (plain < 0 || cmd.args.size() != plain) {
            throw usage(invoke + " " + type + " takes " + plural(params.size(), "parameter") + "; "
                    + plural(cmd.exchange.size(), "exchange argument") + " fill " + lead
                    + (extra == 0 ? "" : " and the out-pointer 1") + ", so " + plural(Math.max(plain, 0), "ARG")
                    + " expected, got " + cmd.args.size());
        }
        for (int i = 0; i < lead; i++) {
            if (!params.get(i).equals(ValType.I32)) {
                throw usage("--string/--bytes/--ints pass (ptr, len) as two i32 parameters, but parameter " + (i + 1)
                        + " of " + invoke + " " + type + " is " + params.get(i));
            }
        }
        if (extra == 1 && !params.get(params.size() - 1).equals(ValType.I32)) {
            throw usage("--ret-convention outptr passes an i32 out-pointer last, but " + invoke + " " + type
                    + " ends with " + params.get(params.size() - 1));
        }
        Value[] values = parsePlain(invoke, params.subList(lead, lead + plain), cmd.args, lead, cmd.spec);
        if (cmd.returns != null) {
            for (int i = 0; i < values.length; i++) {
                ValType t = values[i].type();
                if (t.isRef() || t.equals(ValType.V128)) {
                    throw usage("argument " + (lead + i + 1) + " of " + invoke + ": a " + t
                            + " parameter cannot be combined with --returns");
                }
            }
        }
        return values;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private ParameterException usage(String message) {
        return cmd.usage(message);
    }
}
