package io.github.sparkprop.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The messages one class logs while it is open (an appender of the test's own, on that class's logger). */
public final class LogLines implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final String logger;
    private final AbstractAppender appender;

    private LogLines(Class<?> source) {
        this.logger = source.getName();
        this.appender = new AbstractAppender("test-" + logger, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig loggerConfig = new LoggerConfig(logger, Level.INFO, true);
        loggerConfig.addAppender(appender, Level.INFO, null);
        config.addLogger(logger, loggerConfig);
        context.updateLoggers();
    }

    /** Starts capturing what the class logs at INFO and above. */
    public static LogLines of(Class<?> source) {
        return new LogLines(source);
    }

    /** The messages so far, all lines of each. */
    public String text() {
        return String.join("\n", messages);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(logger);
        context.updateLoggers();
        appender.stop();
    }
}
