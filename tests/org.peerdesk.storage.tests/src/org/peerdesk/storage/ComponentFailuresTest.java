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
        assertEquals("--listen: 'x' is not an address.", ComponentFailures.userMessage("org.peerdesk.Transport", trace));
        assertEquals("unknown failure", ComponentFailures.userMessage("org.peerdesk.Transport", null));
        assertEquals("unknown failure", ComponentFailures.userMessage("org.peerdesk.Transport", ""));
        assertEquals("the key needs its passphrase", ComponentFailures.userMessage("org.peerdesk.Identity",
                "org.peerdesk.identity.IdentityException: the key needs its passphrase\n\tat x"), "unwrapped, too");
    }

    @Test
    void aFailureWithoutAPeerdeskMessageNamesTheComponentAndTheRootCause() {
        String unforeseen = String.join("\n",
                "java.lang.reflect.InvocationTargetException",
                "\tat java.base/jdk.internal.reflect.DirectConstructorHandleAccessor.newInstance(X.java:74)",
                "Caused by: java.io.UncheckedIOException: reading the key",
                "Caused by: java.nio.charset.MalformedInputException: Input length = 1",
                "\tat java.base/java.nio.file.Files.readString(Files.java:3303)");
        assertEquals("org.peerdesk.node.api.AdminApi could not start: MalformedInputException: Input length = 1 (the log has the details)",
                ComponentFailures.userMessage("org.peerdesk.node.api.AdminApi", unforeseen));
        assertEquals("org.peerdesk.Files could not start: IOException: disk full (the log has the details)",
                ComponentFailures.userMessage("org.peerdesk.Files", "java.io.IOException: disk full\n\tat x"));
    }

    @Test
    void followOnFailuresOfDependentComponentsAreLeftOut() {
        String followOn = "org.apache.felix.scr.impl.manager.InstantiationException: Unable to get service for reference $001\n\tat x";
        assertEquals("Unable to get service for reference $001", ComponentFailures.userMessage("org.peerdesk.node.api.AdminApi", followOn),
                "said bare, so that summarize knows it for what it is");
        String cause = "This node's identity key is protected by a passphrase. Set PEERDESK_PASSPHRASE to it and start again.";
        assertEquals(java.util.Optional.of(cause), ComponentFailures.summarize(java.util.List.of(
                "Unable to get service for reference $000", cause, "Unable to get service for reference $001", cause)));
        assertEquals(java.util.Optional.of("Unable to get service for reference $000"),
                ComponentFailures.summarize(java.util.List.of("Unable to get service for reference $000")));
        assertEquals(java.util.Optional.empty(), ComponentFailures.summarize(java.util.List.of()));
    }
}
