package io.ordersaga.messaging.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The replication slot and the publication {@link LogicalOutboxRelay} reads, and the server it needs for them. */
final class OutboxSlot {

    /** The publication the slot streams: it holds no table, so only messages come. */
    static final String PUBLICATION = "ordersaga_outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxSlot.class);

    private OutboxSlot() {
    }

    /**
     * Fails with what to do unless the server decodes logically and the role may replicate; then creates the
     * publication and the slot when they are missing (another instance may race: its copy is as good).
     *
     * @return the slot's name: {@code ordersaga_outbox_<database>}, slot names being per server
     */
    static String prepare(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            String walLevel;
            String database;
            String role;
            boolean mayReplicate;
            try (ResultSet rs = sql.executeQuery("""
                    SELECT current_setting('wal_level'), current_database(), current_user,
                           rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user""")) {
                rs.next();
                walLevel = rs.getString(1);
                database = rs.getString(2);
                role = rs.getString(3);
                mayReplicate = rs.getBoolean(4);
            }
            requireLogicalDecoding(walLevel, role, mayReplicate);
            String slot = name(database);
            if (!exists(connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", PUBLICATION)) {
                createIgnoringDuplicate(connection, "CREATE PUBLICATION " + PUBLICATION, null);
                log.info("Created the empty publication {} for the logical outbox relay", PUBLICATION);
            }
            try (PreparedStatement existing = connection.prepareStatement(
                    "SELECT plugin, database FROM pg_replication_slots WHERE slot_name = ?")) {
                existing.setString(1, slot);
                try (ResultSet rs = existing.executeQuery()) {
                    if (rs.next()) {
                        if (!"pgoutput".equals(rs.getString(1)) || !database.equals(rs.getString(2))) {
                            throw new IllegalStateException("Replication slot " + slot + " exists, but for plugin "
                                    + rs.getString(1) + " in database " + rs.getString(2) + "; the outbox relay needs"
                                    + " it for pgoutput in " + database + ". Drop it (pg_drop_replication_slot) if"
                                    + " it is a leftover.");
                        }
                        return slot;
                    }
                }
            }
            // From PostgreSQL 17 a failover slot: a standby set up to synchronize slots keeps a copy of it.
            createIgnoringDuplicate(connection, connection.getMetaData().getDatabaseMajorVersion() >= 17
                    ? "SELECT pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)"
                    : "SELECT pg_create_logical_replication_slot(?, 'pgoutput')", slot);
            log.info("Created the replication slot {} for the logical outbox relay: while this service is stopped,"
                    + " it keeps the server's WAL from its last confirmed event on", slot);
            return slot;
        }
    }

    /** @throws IllegalStateException saying what to change, unless the server decodes and the role may replicate */
    static void requireLogicalDecoding(String walLevel, String role, boolean mayReplicate) {
        if (!walLevel.equals("logical")) {
            throw new IllegalStateException("ordersaga.messaging.outbox.relay=logical needs wal_level=logical,"
                    + " and this PostgreSQL runs with wal_level=" + walLevel + ". Set wal_level=logical (with"
                    + " max_replication_slots and max_wal_senders of at least one per service) and restart the"
                    + " server, or use ordersaga.messaging.outbox.relay=table (the default).");
        }
        if (!mayReplicate) {
            throw new IllegalStateException("ordersaga.messaging.outbox.relay=logical needs a role with the"
                    + " REPLICATION attribute, and " + role + " has none: ALTER ROLE " + role + " REPLICATION, or"
                    + " use ordersaga.messaging.outbox.relay=table (the default).");
        }
    }

    static String name(String database) {
        String name = "ordersaga_outbox_" + database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static void createIgnoringDuplicate(Connection connection, String statement, String parameter)
            throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(statement)) {
            if (parameter != null) {
                create.setString(1, parameter);
            }
            create.execute();
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // duplicate_object: another instance was first
                throw e;
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(query)) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }
}
