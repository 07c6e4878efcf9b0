package org.peerdesk.node.cli;

import java.io.PrintStream;

/**
 * A line on the terminal that a long command rewrites as it goes and wipes when it ends, so that
 * only the result stays. Where standard error is no terminal (a script, a log) or the output is
 * JSON, it shows nothing.
 */
final class ProgressLine {

    private final PrintStream err;
    private final boolean shown;
    private int width;

    ProgressLine(Output output) {
        this.err = output.err();
        this.shown = System.console() != null && !output.json();
    }

    void show(String text) {
        if (shown) {
            err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            err.flush();
            width = text.length();
        }
    }

    void clear() {
        if (shown && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
