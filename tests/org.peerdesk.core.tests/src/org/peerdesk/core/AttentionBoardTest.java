package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AttentionBoardTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final LinkedBlockingQueue<List<Attention>> announced = new LinkedBlockingQueue<>();

    @Test
    void listsTheBuiltInAreasInTheirOrderAndPluginsAfterThemByName() {
        List<AttentionSource> sources = List.of(source("scratchpad"), source("backup"), source("access"), source("atlas"),
                source("files"));
        try (AttentionBoard board = new AttentionBoard(() -> sources, announced::add, NEVER, NEVER)) {
            assertEquals(List.of("access", "files", "backup", "atlas", "scratchpad"), board.now().stream().map(Attention::area).toList());
        }
    }

    @Test
    void aSourceThatFailsIsListedAsSuchAndTheOthersStillAre() {
        AttentionSource broken = source("backup", () -> {
            throw new PeerdeskException("the catalog cannot be read");
        });
        AttentionSource buggy = source("scratchpad", () -> {
            throw new IllegalStateException("a plugin's bug");
        });
        try (AttentionBoard board = new AttentionBoard(() -> List.of(broken, buggy, source("access")), announced::add, NEVER, NEVER)) {
            assertEquals(List.of("access waits", "could not find out what waits in backup: the catalog cannot be read",
                    "could not find out what waits in scratchpad: a plugin's bug"), board.now().stream().map(Attention::what).toList());
        }
    }

    @Test
    void announcesTheListOnlyWhenItChanges() throws InterruptedException {
        CopyOnWriteArrayList<AttentionSource> sources = new CopyOnWriteArrayList<>(List.of(source("access")));
        try (AttentionBoard board = new AttentionBoard(() -> sources, announced::add, NEVER, NEVER)) {
            board.now();
            board.now();
            sources.add(source("backup"));
            board.now();
            assertEquals(List.of("access"), areas(announced.poll(0, TimeUnit.SECONDS)));
            assertEquals(List.of("access", "backup"), areas(announced.poll(0, TimeUnit.SECONDS)));
            assertEquals(null, announced.poll(0, TimeUnit.SECONDS));
        }
    }

    @Test
    void gathersOnceForABurstOfEvents() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        AttentionSource counting = source("files", () -> List.of(new Attention("files", "asked " + asked.incrementAndGet() + " times", "", "")));
        try (AttentionBoard board = new AttentionBoard(() -> List.of(counting), announced::add, Duration.ofMillis(100), NEVER)) {
            for (int event = 0; event < 50; event++) {
                board.somethingHappened();
            }
            assertEquals("asked 1 times", announced.poll(10, TimeUnit.SECONDS).get(0).what());
            assertEquals(null, announced.poll(500, TimeUnit.MILLISECONDS), "a second gathering for the same burst");
            board.somethingHappened();
            assertEquals("asked 2 times", announced.poll(10, TimeUnit.SECONDS).get(0).what(), "the next burst is gathered too");
        }
    }

    @Test
    void looksAgainWithoutAnyEvent() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        AttentionSource counting = source("messages",
                () -> asked.incrementAndGet() < 3 ? List.of() : List.of(new Attention("messages", "the mailbox is unreachable", "", "")));
        try (AttentionBoard board = new AttentionBoard(() -> List.of(counting), announced::add, NEVER, Duration.ofMillis(50))) {
            assertEquals("the mailbox is unreachable", announced.poll(10, TimeUnit.SECONDS).get(0).what());
            assertTrue(asked.get() >= 3);
        }
    }

    private static List<String> areas(List<Attention> items) {
        return items.stream().map(Attention::area).toList();
    }

    private static AttentionSource source(String area) {
        return source(area, () -> List.of(new Attention(area, area + " waits", "", "")));
    }

    private interface Answer {
        List<Attention> get() throws PeerdeskException;
    }

    private static AttentionSource source(String area, Answer answer) {
        return new AttentionSource() {
            @Override
            public String area() {
                return area;
            }

            @Override
            public List<Attention> attention() throws PeerdeskException {
                return answer.get();
            }
        };
    }
}
