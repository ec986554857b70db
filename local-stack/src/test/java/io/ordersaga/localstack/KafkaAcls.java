package io.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * The cluster profile's ACLs, read from {@code docker/kafka/acls.txt} (the file kafka-init applies with
 * {@code kafka-acls.sh}), as the {@link AclBinding}s an Admin client creates. The names in the file are
 * {@code kafka-acls.sh}'s, so they are read with the same {@link SecurityUtils} parsers that tool uses.
 */
record KafkaAcls(Set<AclBinding> bindings) {

    static final String FILE = "docker/kafka/acls.txt";

    static KafkaAcls load() {
        Path file = repositoryRoot().resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 5) {
                throw new IllegalArgumentException(FILE + ":" + (i + 1) + " needs 5 fields "
                        + "(principal operations resource-type pattern names), has " + fields.length + ": " + line);
            }
            ResourceType type = SecurityUtils.resourceType(fields[2]);
            PatternType pattern = PatternType.fromString(fields[3].toUpperCase(Locale.ROOT));
            if (type == ResourceType.UNKNOWN || pattern == PatternType.UNKNOWN) {
                throw new IllegalArgumentException(
                        FILE + ":" + (i + 1) + ": unknown resource type or pattern: " + line);
            }
            for (String operationName : fields[1].split(",")) {
                AclOperation operation = SecurityUtils.operation(operationName);
                if (operation == AclOperation.UNKNOWN) {
                    throw new IllegalArgumentException(FILE + ":" + (i + 1) + ": unknown operation " + operationName);
                }
                for (String name : fields[4].split(",")) {
                    bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                            new AccessControlEntry("User:" + fields[0], "*", operation, AclPermissionType.ALLOW)));
                }
            }
        }
        return new KafkaAcls(Set.copyOf(bindings));
    }

    /** Every user a rule names, in the file's order. */
    Set<String> users() {
        Set<String> users = new LinkedHashSet<>();
        bindings.forEach(binding -> users.add(binding.entry().principal().substring("User:".length())));
        return users;
    }

    /** Every topic a rule names literally (not {@code *}): the topics the cluster's kafka-init creates. */
    Set<String> literalTopics() {
        Set<String> topics = new LinkedHashSet<>();
        bindings.stream().map(AclBinding::pattern)
                .filter(p -> p.resourceType() == ResourceType.TOPIC && p.patternType() == PatternType.LITERAL)
                .map(ResourcePattern::name)
                .filter(name -> !name.equals(ResourcePattern.WILDCARD_RESOURCE))
                .forEach(topics::add);
        return topics;
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve(FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + FILE + " above " + Path.of("").toAbsolutePath());
    }
}
