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

# 2. Split the chosen service's layered jar into its layers, from the least to the most often changed.
FROM eclipse-temurin:${JAVA_VERSION}-jre-noble AS layers
ARG SERVICE
RUN test -n "$SERVICE" || { echo "Build with --build-arg SERVICE=<order|inventory|payment|shipping|analytics>-service or auth-server" >&2; exit 1; }
WORKDIR /layers
COPY --from=build /workspace/${SERVICE}/target/${SERVICE}-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

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
USER 10001:10001
# Container-aware memory: the heap is a share of the container's limit (mem_limit in compose), not of the host's
# RAM. An OutOfMemoryError ends the process so the restart policy brings up a clean one. Add flags with
# JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
