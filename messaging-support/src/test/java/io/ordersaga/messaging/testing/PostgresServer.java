package io.ordersaga.messaging.testing;

/** Where the shared PostgreSQL server listens, from the test JVM's point of view. */
record PostgresServer(String host, int port) {

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
