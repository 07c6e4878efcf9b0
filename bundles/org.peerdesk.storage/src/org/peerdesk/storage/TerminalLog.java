package org.peerdesk.storage;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The logger for what the person who started Peerdesk from a terminal must read, such as why it
 * cannot start. Each record is one line {@code peerdesk: ...} on stderr, without the timestamp and
 * logger name the console handler would add, and goes into the log file too while one is open.
 */
public final class TerminalLog {

    static final String NAME = "org.peerdesk.terminal";
    /** Held here: the logging framework keeps loggers only weakly, and with them this set-up. */
    private static final Logger BACKING = configure();

    private TerminalLog() {
    }

    public static System.Logger logger() {
        return System.getLogger(NAME);
    }

    private static Logger configure() {
        Logger logger = Logger.getLogger(NAME);
        ConsoleHandler stderr = new ConsoleHandler();
        stderr.setLevel(Level.ALL);
        stderr.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return "peerdesk: " + formatMessage(record) + System.lineSeparator();
            }
        });
        logger.addHandler(stderr);
        logger.setUseParentHandlers(false); // the root's console handler would print it a second time
        return logger;
    }

    /** Where {@link LogFile} attaches its file while it runs. */
    static Logger backing() {
        return BACKING;
    }
}
