package org.peerdesk.node;

import java.io.Console;
import java.nio.file.Path;

import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeyLock;

/**
 * Asks the person at the terminal for the key's passphrase, as the desktop does in a dialog, and again
 * after a wrong one, up to {@value #TRIES} times. The launcher says when a person is there
 * ({@value #ASK}); a node that systemd starts reads {@code PEERDESK_PASSPHRASE} instead.
 */
final class TerminalUnlock {

    /** The system property that the launcher sets when the node runs on a terminal and no passphrase was given. */
    static final String ASK = "peerdesk.askPassphrase";
    static final int TRIES = 3;
    static final String PROMPT = "Passphrase of this node's key: ";

    /** Where the passphrase is typed, and where what went wrong is said. */
    interface Terminal {
        /** What was typed, without echo; null at the end of input. */
        char[] readSecret(String prompt);

        void say(String line);
    }

    private TerminalUnlock() {
    }

    static Terminal on(Console console) {
        return new Terminal() {
            @Override
            public char[] readSecret(String prompt) {
                return console.readPassword("%s", prompt);
            }

            @Override
            public void say(String line) {
                console.printf("%s%n", line);
            }
        };
    }

    /**
     * Unlocks the key in {@code dataDirectory} with what is typed.
     *
     * @throws IdentityException when nothing was typed (the end of input) or the last try was wrong too
     */
    static void unlock(KeyLock lock, Path dataDirectory, Terminal terminal) throws IdentityException {
        for (int tried = 1;; tried++) {
            char[] typed = terminal.readSecret(PROMPT);
            if (typed == null) {
                throw new IdentityException("No passphrase was given, so the node did not start.");
            }
            try {
                lock.unlock(dataDirectory, typed);
                return;
            } catch (IdentityException wrong) {
                if (tried == TRIES) {
                    throw wrong;
                }
                terminal.say(wrong.getMessage());
            }
        }
    }
}
