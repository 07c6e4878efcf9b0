package org.peerdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ComponentFailuresTest {

    @Test
    void theUserSeesThePeerdeskMessageNotTheReflectionWrapper() {
        String trace = String.join("\n",
                "java.lang.reflect.InvocationTargetException",
                "\tat java.base/jdk.internal.reflect.DirectConstructorHandleAccessor.newInstance(X.java:74)",
                "Caused by: org.peerdesk.transport.TransportException: --listen: 'x' is not an address.",
                "\tat org.peerdesk.transport.netty.NettyTransportComponent.settings(N.java:67)",
                "Caused by: org.peerdesk.core.InvalidInputException: 'x' is not an address.",
                "Root exception:",
                "org.peerdesk.transport.TransportException: --listen: 'x' is not an address.");
        assertEquals("--listen: 'x' is not an address.", ComponentFailures.userMessage(trace));
        assertEquals("disk full", ComponentFailures.userMessage("java.io.IOException: disk full\n\tat x"));
        assertEquals("unknown failure", ComponentFailures.userMessage(null));
    }
}
