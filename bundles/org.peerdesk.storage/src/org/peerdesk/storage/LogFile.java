package org.peerdesk.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the JDK's platform logging ({@link System.Logger}) to {@code logs/peerdesk.log} in the
 * data directory, rotated at 10 MiB with five files kept.
 */
public final class LogFile implements AutoCloseable {

    private static final int LIMIT = 10 * 1024 * 1024;
    private static final int COUNT = 5;

    private final Handler handler;
    private final Path path;

    private LogFile(Handler handler, Path path) {
        this.handler = handler;
        this.path = path;
    }

    /** Starts writing Peerdesk's log records (level INFO and above) into {@code directory}. */
    public static LogFile install(DataDirectory directory) throws IOException {
        Path logs = directory.resolve("logs");
        Files.createDirectories(logs);
        FileHandler handler = new FileHandler(logs.resolve("peerdesk.%g.log").toString(), LIMIT, COUNT, true);
        handler.setFormatter(new LineFormatter());
        handler.setLevel(Level.INFO);
        Logger root = Logger.getLogger("");
        for (Handler console : root.getHandlers()) {
            console.setLevel(Level.WARNING); // the console shows problems; the file has the whole story
            console.setFormatter(new LineFormatter());
        }
        root.addHandler(handler);
        TerminalLog.backing().addHandler(handler);
        return new LogFile(handler, logs.resolve("peerdesk.0.log"));
    }

    /** The file being written now. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        TerminalLog.backing().removeHandler(handler);
        handler.close();
    }

    private static final class LineFormatter extends SimpleFormatter {
        @Override
        public String format(LogRecord record) {
            String message = formatMessage(record);
            String thrown = record.getThrown() == null ? "" : " (" + record.getThrown() + ")";
            return String.format("%1$tF %1$tT.%1$tL %2$-7s %3$s: %4$s%5$s%n", record.getMillis(),
                    record.getLevel().getName(), shortName(record.getLoggerName()), message, thrown);
        }

        private static String shortName(String logger) {
            return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
        }
    }
}
