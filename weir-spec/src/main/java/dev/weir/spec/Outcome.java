package dev.weir.spec;

/**
 * The result of one command of a script on one engine.
 *
 * @param line 1-based line of the command
 * @param command short description, e.g. {@code assert_return (invoke "add" ...)}
 * @param status passed, failed or skipped
 * @param detail why it failed or was skipped (empty when passed, unless the message differed)
 * @param wrongMessage passed, but the error message did not contain the expected text
 */
public record Outcome(int line, String command, SpecEngine engine, Status status, String detail, boolean wrongMessage) {

    /** Outcome states. */
    public enum Status { PASSED, FAILED, SKIPPED }

    static Outcome pass(int line, String command, SpecEngine engine) {
        return new Outcome(line, command, engine, Status.PASSED, "", false);
    }

    static Outcome wrongMessage(int line, String command, SpecEngine engine, String detail) {
        return new Outcome(line, command, engine, Status.PASSED, detail, true);
    }

    static Outcome fail(int line, String command, SpecEngine engine, String detail) {
        return new Outcome(line, command, engine, Status.FAILED, detail, false);
    }

    static Outcome skip(int line, String command, SpecEngine engine, String reason) {
        return new Outcome(line, command, engine, Status.SKIPPED, reason, false);
    }

    /** This outcome turned into a skip, e.g. for a listed known failure. */
    public Outcome asSkipped(String reason) {
        return new Outcome(line, command, engine, Status.SKIPPED, reason, wrongMessage);
    }

    @Override
    public String toString() {
        return line + " " + engine.id() + " " + status + " " + command + (detail.isEmpty() ? "" : ": " + detail);
    }
}
