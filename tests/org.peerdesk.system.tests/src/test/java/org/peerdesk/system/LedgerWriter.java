package org.peerdesk.system;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;

import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.h2.H2Storage;

/**
 * A process that writes to a node's database as fast as it can until it is killed: each
 * transaction moves money between two accounts and records the move with the next sequence
 * number, then prints that number once the commit has returned. The total never changes, so a
 * torn transaction shows as a wrong total, and a lost commit as a missing printed number.
 */
public final class LedgerWriter {

    static final int ACCOUNTS = 10;
    static final long OPENING_BALANCE = 1_000;

    static final AreaSchema SCHEMA = AreaSchema.of("ledger", Migration.sql(1, "accounts and transfers",
            "CREATE TABLE IF NOT EXISTS accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS transfers (seq BIGINT PRIMARY KEY, source INT, target INT, amount BIGINT)"));

    private LedgerWriter() {
    }

    public static void main(String[] arguments) throws Exception {
        DataDirectory directory = DataDirectory.open(Path.of(arguments[0]));
        Storage storage = new H2Storage(directory);
        storage.migrate(SCHEMA);
        storage.transact(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("MERGE INTO accounts KEY (id) VALUES (?, ?)")) {
                for (int id = 0; id < ACCOUNTS; id++) {
                    insert.setInt(1, id);
                    insert.setLong(2, OPENING_BALANCE);
                    insert.executeUpdate();
                }
            }
            return null;
        });
        System.out.println("ready");
        Random random = new Random();
        for (long seq = 1; ; seq++) {
            long next = seq;
            storage.transact(connection -> {
                int source = random.nextInt(ACCOUNTS);
                int target = (source + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt(50);
                move(connection, source, -amount);
                move(connection, target, amount);
                try (PreparedStatement record = connection.prepareStatement("INSERT INTO transfers VALUES (?, ?, ?, ?)")) {
                    record.setLong(1, next);
                    record.setInt(2, source);
                    record.setInt(3, target);
                    record.setLong(4, amount);
                    record.executeUpdate();
                }
                return null;
            });
            System.out.println(next);
            System.out.flush();
        }
    }

    private static void move(java.sql.Connection connection, int account, long delta) throws java.sql.SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
            update.setLong(1, delta);
            update.setInt(2, account);
            update.executeUpdate();
        }
    }

    static long total(Storage storage) throws Exception {
        return storage.transact(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT SUM(balance) FROM accounts")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
