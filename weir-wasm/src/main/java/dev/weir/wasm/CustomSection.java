package dev.weir.wasm;

import java.util.Arrays;

/**
 * A custom section with its name and raw content. {@code afterSection} is the id of the last
 * known section before it (0 if it precedes all), so an encoder can put it back in place.
 */
public final class CustomSection {
    private final String name;
    private final byte[] content;
    private final int afterSection;

    public CustomSection(String name, byte[] content, int afterSection) {
        this.name = name;
        this.content = content;
        this.afterSection = afterSection;
    }

    public String name() {
        return name;
    }

    /** Raw content after the name. Callers must not modify it. */
    public byte[] content() {
        return content;
    }

    public int afterSection() {
        return afterSection;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomSection && name.equals(((CustomSection) o).name)
                && Arrays.equals(content, ((CustomSection) o).content);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
