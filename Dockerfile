# One image recipe for the services and the token issuer (auth-server); the SERVICE build argument picks the module:
#
#   docker build --build-arg SERVICE=order-service -t ordersaga/order-service .
#
# docker-compose.yml builds all four. Nothing is needed on the host but Docker: Maven runs in the build stage.
# No configuration and no credentials are baked in; they come from the environment at run time (DESIGN section 6).

ARG JAVA_VERSION=17

# 1. Build the four services in one Maven reactor run. This stage does not depend on SERVICE, so BuildKit runs it
#    once and every service image reuses it. The cache mount keeps ~/.m2 (Maven itself and the dependencies)
#    across builds without putting it in a layer.
FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -ntp -pl order-service,inventory-service,payment-service,shipping-service,analytics-service,auth-server -am package -DskipTests

# 2. Split the chosen service's layered jar into its layers, from the least to the most often changed. Without
#    --launcher: app.jar plus the jars of lib/ that its manifest names, a class path of jars only, which class data
#    sharing needs (JDK 17 cannot archive classes read from a directory, such as the launcher layout's classes).
FROM eclipse-temurin:${JAVA_VERSION}-jre-noble AS layers
ARG SERVICE
RUN test -n "$SERVICE" || { echo "Build with --build-arg SERVICE=<order|inventory|payment|shipping|analytics>-service or auth-server" >&2; exit 1; }
WORKDIR /layers
COPY --from=build /workspace/${SERVICE}/target/${SERVICE}-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# 3. Run on a JRE, one layer per COPY, as an unprivileged user.
FROM eclipse-temurin:${JAVA_VERSION}-jre-noble
ARG SERVICE
LABEL org.opencontainers.image.title="ordersaga ${SERVICE}" \
      org.opencontainers.image.description="ordersaga ${SERVICE}: a Spring Boot service of the ordersaga choreography saga"
# compose's healthcheck probes /actuator/health/readiness with curl, which the base image ships. /var/lib/ordersaga
# belongs to the service user, so a volume mounted there is writable by it (auth-server keeps its signing key there).
RUN command -v curl > /dev/null \
 && groupadd --system --gid 10001 ordersaga \
 && useradd --system --uid 10001 --gid ordersaga --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ordersaga \
 && install -d -o ordersaga -g ordersaga -m 700 /var/lib/ordersaga
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# 4. Class data sharing (AppCDS), made by Spring Boot's "training run": the service starts once, here, from the
#    working directory and with the -jar of the ENTRYPOINT below (JDK 17 uses an archive only with the class path
#    it was made with), and the JVM archives every class it loaded into app.jsa (45-120 MB) as it exits; each start
#    of the image then maps them instead of reading and verifying them again (docs/docker.md, "Faster start: class
#    data sharing"). spring.context.exit=onRefresh ends the run once every bean is created, before anything
#    listens or consumes. Nothing is reachable here, so the training run alone, never the service, gets: no Flyway
#    migration (the service's, and messaging-support's outbox and inbox schema), no schema validation and no JDBC
#    metadata (hence the dialect), no topic creation (it would wait 30 s for a broker); auth-server's signing key,
#    made while its beans are created, and Tomcat's work directories go to /tmp/cds-training, deleted in this same
#    step, so no key reaches a layer. -Xmx256m is compose's heap for a service (50 % of 512m) and keeps compressed
#    oops on whatever the build machine's memory: the JVM ignores an archive made with another compressed-oops
#    setting. -Xlog:cds=error keeps out one warning per class left out of the archive. A training run that fails,
#    or writes no archive, fails the build.
RUN mkdir /tmp/cds-training \
 && java -Xmx256m -XX:ArchiveClassesAtExit=app.jsa -Xlog:cds=error -XX:-UsePerfData -Djava.io.tmpdir=/tmp/cds-training \
      -Dspring.context.exit=onRefresh \
      -Dspring.flyway.enabled=false \
      -Dspring.jpa.hibernate.ddl-auto=none \
      -Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
      -Dspring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
      -Dspring.kafka.admin.auto-create=false \
      -Dordersaga.auth.keys-dir=/tmp/cds-training/keys \
      -jar app.jar \
 && test -s app.jsa \
 && rm -rf /tmp/cds-training
USER 10001:10001
# Container-aware memory: the heap is a share of the container's limit (mem_limit in compose), not of the host's
# RAM. An OutOfMemoryError ends the process so the restart policy brings up a clean one. Add flags with
# JAVA_TOOL_OPTIONS.
# The archive: the JVM's default -Xshare:auto starts without it (slower, nothing else) when it cannot use it, e.g.
# after a JVM flag that changes the archive's layout. JAVA_TOOL_OPTIONS=-Xshare:off turns class data sharing off.
# The JIT is the JVM's default, tiered C1 and C2: the services run for long, and C2's code is what their
# throughput rests on (docs/performance.md, section 4); compose keeps auth-server, which serves a few logins, on C1
# alone (JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=app.jsa", "-jar", "app.jar"]
