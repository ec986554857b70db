package io.ordersaga.systemtests.faults;

import io.ordersaga.sagaclient.SagaClient.Service;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Records, in each service's database, every row deleted from its outbox and when. The relay deletes a row only
 * once the broker has acknowledged it, so this tells exactly which rows were acknowledged within a window; looking
 * at the table now and then would miss a row that came and went between two looks (a relay that deleted rows
 * before their acknowledgement would delete them within milliseconds). A trigger of the harness's own, in a schema
 * of its own: the services' migrations and code know nothing of it.
 */
final class OutboxAudit {

    private static final String INSTALL = """
            CREATE SCHEMA IF NOT EXISTS fault_harness;
            CREATE TABLE IF NOT EXISTS fault_harness.outbox_deleted (
                id         BIGINT      NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                deleted_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp());
            CREATE OR REPLACE FUNCTION fault_harness.record_outbox_delete() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER AS $$
                BEGIN
                    INSERT INTO fault_harness.outbox_deleted (id, created_at) VALUES (OLD.id, OLD.created_at);
                    RETURN OLD;
                END $$;
            CREATE OR REPLACE TRIGGER fault_harness_outbox_deleted AFTER DELETE ON messaging.outbox
                FOR EACH ROW EXECUTE FUNCTION fault_harness.record_outbox_delete();
            """;

    private final FaultStack stack;

    private OutboxAudit(FaultStack stack) {
        this.stack = stack;
    }

    /** Installs the trigger in every service's database (once the services have created their outboxes). */
    static OutboxAudit install(FaultStack stack) {
        for (Service service : Service.values()) {
            try (Connection connection = stack.superuser(service); Statement sql = connection.createStatement()) {
                sql.execute(INSTALL);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot install the outbox audit in " + service + "'s database", e);
            }
        }
        return new OutboxAudit(stack);
    }

    /**
     * Outbox rows, over all four services, written at or after {@code writtenFrom} (by a transaction that began
     * then) and deleted, that is acknowledged by the broker, before {@code deletedBefore}.
     */
    long acknowledged(Instant writtenFrom, Instant deletedBefore) {
        long rows = 0;
        for (Service service : Service.values()) {
            try (Connection connection = stack.superuser(service);
                 PreparedStatement sql = connection.prepareStatement("""
                         SELECT count(*) FROM fault_harness.outbox_deleted
                         WHERE created_at >= ? AND deleted_at < ?""")) {
                sql.setTimestamp(1, Timestamp.from(writtenFrom));
                sql.setTimestamp(2, Timestamp.from(deletedBefore));
                try (ResultSet count = sql.executeQuery()) {
                    count.next();
                    rows += count.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read " + service + "'s outbox audit", e);
            }
        }
        return rows;
    }
}
