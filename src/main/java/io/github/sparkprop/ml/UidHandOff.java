package io.github.sparkprop.ml;

/**
 * Hands a uid to the constructor of a Spark ML class written in Java before its Spark superclass runs. The
 * superclass's params (featuresCol and the others, Scala trait vals) are created during {@code super()} and
 * take their parent from {@code uid()}, before a Java constructor can assign a field; so the constructor
 * first hands the uid over here ({@code this(uid, UidHandOff.give(uid))}), {@code uid()} answers with it
 * while the superclass runs, and the constructor body stores it and calls {@link #done()}.
 */
final class UidHandOff {

    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private UidHandOff() {
    }

    /** Keeps the uid for the constructor about to run on this thread; returns a marker argument. */
    static Void give(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("a uid must not be empty");
        }
        PENDING.set(uid);
        return null;
    }

    /** The uid of the object under construction on this thread. */
    static String pending() {
        return PENDING.get();
    }

    static void done() {
        PENDING.remove();
    }
}
