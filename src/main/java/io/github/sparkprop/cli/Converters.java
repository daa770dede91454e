package io.github.sparkprop.cli;

import io.github.sparkprop.Task;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors name the valid values. */
final class Converters {

    private Converters() {
    }

    static final class TaskName implements ITypeConverter<Task> {
        @Override
        public Task convert(String value) {
            try {
                return Task.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
