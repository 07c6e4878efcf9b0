package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NodeCommandsTest {

    private final NodeCommands commands = new NodeCommands(Set.of("status", "peers"));

    private static NodeCommand named(String word) {
        return running(word, arguments -> word + " ran with " + arguments);
    }

    /** A command that answers what {@code work} makes of its arguments. */
    private static NodeCommand running(String word, Function<List<String>, String> work) {
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
                return Answer.of(work.apply(arguments));
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
    void aCommandThatHangsIsInterruptedAfterItsTimeAndHoldsUpNoOneBeyondIt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        commands.add(running("hang", arguments -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "stopped";
        }), "org.example.hanging");
        assertThrows(TimeoutException.class, () -> commands.run(commands.find("hang").orElseThrow(), List.of(), Duration.ofMillis(200)));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the command's thread is interrupted");
    }

    @Test
    void whileTheMostCommandsRunThatMayAnotherIsRefusedUntilOneEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        commands.add(running("stuck", arguments -> {
            while (release.getCount() > 0) { // a command that does not heed interrupts
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // on it goes
                }
            }
            return "released";
        }), "org.example.stubborn");
        commands.add(named("quick"), "org.example.quick");
        NodeCommands.Entry stuck = commands.find("stuck").orElseThrow();
        for (int i = 0; i < NodeCommands.MOST_AT_ONCE; i++) {
            assertThrows(TimeoutException.class, () -> commands.run(stuck, List.of(), Duration.ofMillis(50)));
        }
        NodeCommands.Entry quick = commands.find("quick").orElseThrow();
        NodeCommands.Busy busy = assertThrows(NodeCommands.Busy.class, () -> commands.run(quick, List.of(), Duration.ofSeconds(5)));
        assertEquals("4 commands of plugins are still running; try again when one has finished.", busy.getMessage());

        release.countDown();
        NodeCommand.Answer answer = null;
        while (answer == null) { // the stuck ones' threads end a moment after the release
            try {
                answer = commands.run(quick, List.of("ben"), Duration.ofSeconds(5));
            } catch (NodeCommands.Busy stillBusy) {
                Thread.sleep(10);
            }
        }
        assertEquals("quick ran with [ben]", answer.text());
    }

    @Test
    void whatACommandThrowsReachesTheCaller() {
        commands.add(running("picky", arguments -> {
            throw new IllegalArgumentException("a plugin's bug");
        }), "org.example.buggy");
        IllegalArgumentException bug = assertThrows(IllegalArgumentException.class,
                () -> commands.run(commands.find("picky").orElseThrow(), List.of(), Duration.ofSeconds(5)));
        assertEquals("a plugin's bug", bug.getMessage());
    }

    @Test
    void anAnswerThatScriptsCouldNotReadIsRefusedWhereItIsMade() {
        assertEquals(Map.of("peers", List.of(Map.of("name", "Ben", "online", true, "files", 3))),
                new NodeCommand.Answer("", Map.of("peers", List.of(Map.of("name", "Ben", "online", true, "files", 3)))).data());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new NodeCommand.Answer("", Map.of("peers", List.of(Map.of("id", new Object())))));
        assertTrue(refused.getMessage().startsWith("data.peers[0].id is a java.lang.Object; an answer's data holds texts,"),
                refused.getMessage());
    }

    @AfterEach
    void close() {
        commands.close();
    }

    @Test
    void theListGoesByWord() {
        commands.add(named("zeta"), "z");
        commands.add(named("alpha"), "a");
        assertEquals(List.of("alpha", "zeta"), commands.all().stream().map(NodeCommands.Entry::word).toList());
    }
}
