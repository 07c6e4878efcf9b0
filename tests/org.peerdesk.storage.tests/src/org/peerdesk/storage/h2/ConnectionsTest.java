package org.peerdesk.storage.h2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections are reused in manual commit mode, never more than the limit are out at once, a broken
 * one is replaced, and closing closes them all, the busy ones as they come back.
 */
class ConnectionsTest {

    private final Connections connections = new Connections(ConnectionsTest::open, 2, Duration.ofMillis(200));

    private static Connection open() throws SQLException {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:connections-test;DB_CLOSE_DELAY=-1");
        return source.getConnection();
    }

    @AfterEach
    void close() {
        connections.close();
    }

    @Test
    void aConnectionGivenBackServesTheNextTransactionInManualCommitMode() throws Exception {
        Connection first = connections.take();
        assertFalse(first.getAutoCommit());
        connections.give(first, true);
        assertSame(first, connections.take());
    }

    @Test
    void noMoreThanTheLimitAreOutAtOnceAndTheNextWaitsThenSaysWhy() throws Exception {
        Connection one = connections.take();
        connections.take();
        SQLException busy = assertThrows(SQLException.class, connections::take);
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
        connections.give(one, true);
        assertSame(one, connections.take(), "a slot given back is taken again");
    }

    @Test
    void aConnectionThatIsNotReusableIsClosedAndReplaced() throws Exception {
        Connection broken = connections.take();
        connections.give(broken, false);
        assertTrue(broken.isClosed());
        assertNotSame(broken, connections.take());
    }

    @Test
    void closingClosesIdleConnectionsAtOnceAndBusyOnesAsTheyComeBack() throws Exception {
        Connection idle = connections.take();
        Connection busy = connections.take();
        connections.give(idle, true);
        connections.close();
        assertTrue(idle.isClosed());
        assertFalse(busy.isClosed(), "a transaction under way finishes");
        connections.give(busy, true);
        assertTrue(busy.isClosed());
        SQLException closed = assertThrows(SQLException.class, connections::take);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }
}
