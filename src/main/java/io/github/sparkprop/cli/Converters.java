package io.github.sparkprop.cli;

import io.github.sparkprop.Task;
import io.github.sparkprop.math.Activation;
import io.github.sparkprop.math.Loss;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors name the valid values. */
final class Converters {

    private Converters() {
    }

    static final class HiddenActivation implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            Activation activation = convertOrThrow(() -> Activation.fromId(value));
            if (!activation.isHiddenCapable()) {
                throw new TypeConversionException("softmax is an output activation; hidden layers take "
                        + "relu, tanh, sigmoid or identity");
            }
            return activation;
        }
    }

    static final class LossName implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String value) {
            return convertOrThrow(() -> Loss.fromId(value));
        }
    }

    static final class TaskName implements ITypeConverter<Task> {
        @Override
        public Task convert(String value) {
            return convertOrThrow(() -> Task.fromId(value));
        }
    }

    private static <T> T convertOrThrow(java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
