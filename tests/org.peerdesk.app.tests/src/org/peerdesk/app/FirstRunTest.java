package org.peerdesk.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunTest {

    @TempDir
    Path data;
    private String before;

    @BeforeEach
    void welcomeOn() {
        before = System.getProperty(FirstRun.SWITCH);
        System.setProperty(FirstRun.SWITCH, "on");
    }

    @AfterEach
    void asBefore() {
        if (before == null) {
            System.clearProperty(FirstRun.SWITCH);
        } else {
            System.setProperty(FirstRun.SWITCH, before);
        }
    }

    @Test
    void aNodeStillWithItsMadeUpNameIsWelcomedOnceThenNever() throws Exception {
        FirstRun firstRun = new FirstRun(data);
        assertTrue(firstRun.due(false));
        assertFalse(firstRun.due(true), "a node its user named needs no welcome");
        firstRun.done();
        assertFalse(new FirstRun(data).due(false), "seen once, whatever the user chose");
    }

    @Test
    void theSwitchLeavesTheWelcomeOut() {
        System.setProperty(FirstRun.SWITCH, "off");
        assertFalse(new FirstRun(data).due(false));
    }
}
