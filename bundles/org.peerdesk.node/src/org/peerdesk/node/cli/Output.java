package org.peerdesk.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

/** Where the CLI prints: the API's answer as JSON with {@code --json}, else for people. */
record Output(PrintStream out, PrintStream err, boolean json) {

    interface Printer {
        void print(Map<String, Object> answer);
    }

    int show(Map<String, Object> answer, Printer printer) throws Cli.ApiFailure {
        if (json) {
            try {
                out.println(JSON.std.asString(answer));
            } catch (IOException e) {
                throw new Cli.ApiFailure("cannot print the answer: " + e.getMessage());
            }
        } else {
            printer.print(answer);
        }
        return Cli.OK;
    }

    int usage(String message) {
        err.println("peerdesk: " + message);
        return Cli.USAGE;
    }

    static String orDash(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? "-" : String.valueOf(value);
    }
}
