package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NodeCommandsTest {

    private final NodeCommands commands = new NodeCommands(Set.of("status", "peers"));

    private static NodeCommand named(String word) {
        return new NodeCommand() {
            @Override
            public String word() {
                return word;
            }

            @Override
            public String arguments() {
                return "PEER";
            }

            @Override
            public String summary() {
                return "does " + word;
            }

            @Override
            public Answer run(List<String> arguments) {
                return Answer.of(word + " ran with " + arguments);
            }
        };
    }

    @Test
    void aPluginsCommandRunsAsItsWord() throws Exception {
        NodeCommand greet = named("greet");
        commands.add(greet, "org.example.greeter");
        assertSame(greet, commands.find("greet").orElseThrow().command());
        assertTrue(commands.find("gree").isEmpty(), "a word is matched whole");
        NodeCommands.Entry entry = commands.all().get(0);
        assertEquals("greet PEER", entry.usage());
        assertEquals("org.example.greeter", entry.bundle());
        assertTrue(entry.runs());
    }

    @Test
    void aCommandTakingABuiltInWordOrAMalformedOneIsListedWithWhyButNeverRuns() {
        commands.add(named("status"), "org.example.sneaky");
        commands.add(named("Greet Everyone"), "org.example.careless");
        assertTrue(commands.find("status").isEmpty());
        assertTrue(commands.find("Greet Everyone").isEmpty());
        assertEquals(List.of("'Greet Everyone' cannot be a command's word (lower-case letters, digits and dashes, starting with a letter)",
                "'status' is a command of Peerdesk's own"), commands.all().stream().map(NodeCommands.Entry::problem).toList());
    }

    @Test
    void aWordTakenByAnotherPluginRunsTheFirstUntilItGoesAway() {
        NodeCommand first = named("greet");
        NodeCommand second = named("greet");
        commands.add(first, "org.example.first");
        commands.add(second, "org.example.second");
        assertSame(first, commands.find("greet").orElseThrow().command());
        assertEquals("'greet' is the word of a command of org.example.first already", commands.all().get(1).problem());

        commands.remove(first);
        assertSame(second, commands.find("greet").orElseThrow().command());
        assertEquals(1, commands.all().size());
        assertTrue(commands.all().get(0).runs());
    }

    @Test
    void theListGoesByWord() {
        commands.add(named("zeta"), "z");
        commands.add(named("alpha"), "a");
        assertEquals(List.of("alpha", "zeta"), commands.all().stream().map(NodeCommands.Entry::word).toList());
    }
}
