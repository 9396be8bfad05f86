package dev.weir.cli;

import dev.weir.cli.internal.ExchangeArgs;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * picocli consumers of {@code weir run --string/--bytes/--ints}. Each appends one exchange
 * argument to {@link RunCommand#exchange}: a consumer per option keeps the order across options
 * (picocli's per-option lists would lose it), and takes the next word as the value even when it
 * starts with '-' (e.g. {@code --ints -1,2}).
 */
final class ExchangeConsumers {
    private ExchangeConsumers() {
    }

    private abstract static class Consumer implements IParameterConsumer {
        private final ExchangeArgs.Kind kind;

        Consumer(ExchangeArgs.Kind kind) {
            this.kind = kind;
        }

        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(), "Missing required parameter for option '"
                        + kind.option + "' (" + argSpec.paramLabel() + ")");
            }
            ((RunCommand) commandSpec.userObject()).exchange.add(new ExchangeArgs.Arg(kind, args.pop()));
        }
    }

    static final class StringConsumer extends Consumer {
        StringConsumer() {
            super(ExchangeArgs.Kind.STRING);
        }
    }

    static final class BytesConsumer extends Consumer {
        BytesConsumer() {
            super(ExchangeArgs.Kind.BYTES);
        }
    }

    static final class IntsConsumer extends Consumer {
        IntsConsumer() {
            super(ExchangeArgs.Kind.INTS);
        }
    }
}
