package io.github.sparkprop.internal.train;

import io.github.sparkprop.InputException;

/**
 * A run stopped by a signal ({@link io.github.sparkprop.internal.Interruption}): the iteration it reached and the
 * newest checkpoint to resume from, in the words of each face.
 */
public final class InterruptedRunException extends InputException {

    /**
     * @param iteration  the iteration the run was in
     * @param checkpoint the iteration of the newest checkpoint, or -1 when there is none
     */
    InterruptedRunException(int iteration, int checkpoint, Throwable cause) {
        super("interrupted at iteration " + iteration + (checkpoint > 0 ? "; the last checkpoint is iteration "
                + checkpoint + " (resume with {resume})" : "; nothing written (with {checkpointDir} an interrupted "
                        + "run resumes)"), cause);
    }
}
