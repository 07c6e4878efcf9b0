package org.peerdesk.app.tests;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the ends of the logs of the peer nodes a test started, when it fails: their data goes with the test's temporary
 * folder, and a peer's message that never came is explained, if at all, by what its node logged.
 */
public final class PeerLogsOnFailure implements BeforeEachCallback, TestWatcher {

    @Override
    public void beforeEach(ExtensionContext context) {
        PeerProcess.forgetLogs();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        PeerProcess.stoppedLogs().forEach(System.out::println);
    }
}
