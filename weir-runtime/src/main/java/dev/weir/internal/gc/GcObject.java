package dev.weir.internal.gc;

/**
 * A heap object of the GC proposal: a struct or an array (spec 4.2 "structure instances", "array
 * instances"). Every object carries its run-time type, which casts compare by canonical id.
 */
public abstract class GcObject {
    public final RuntimeType rtt;

    GcObject(RuntimeType rtt) {
        this.rtt = rtt;
    }

    /** The descriptor of the object's defined type. */
    public final RuntimeType type() {
        return rtt;
    }
}
