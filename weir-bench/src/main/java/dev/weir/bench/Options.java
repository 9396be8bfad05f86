package dev.weir.bench;

/** Command-line option values shared by the benchmark mains ({@link SideBySide}, {@link WholeProgram}). */
final class Options {
    private Options() {
    }

    /** The value after {@code option} at {@code args[i]}. */
    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** {@code v} as an integer of at least {@code min}. */
    static int integer(String option, String v, int min) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + " needs an integer >= " + min + ", got " + v);
    }
}
