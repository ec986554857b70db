package io.ordersaga.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.consumer.ConsoleConsumer;

/**
 * Runs Kafka's own command-line tools from the {@code kafka-tools} jar against the local broker, adding the
 * arguments a user of this stack would otherwise type every time. Nothing here re-implements a tool.
 */
public final class KafkaTools {

    private static final List<String> PRINT_PROPERTIES =
            List.of("print.key=true", "print.headers=true", "print.timestamp=true");

    private KafkaTools() {
    }

    /** {@code kafka-console-consumer.sh} with {@link #consoleConsumerArgs defaults added}. */
    public static void consoleConsumer(List<String> userArgs) throws Exception {
        List<String> args = consoleConsumerArgs(userArgs);
        requireBroker(args);
        ConsoleConsumer.main(args.toArray(String[]::new));
    }

    /** {@code kafka-topics.sh} with {@link #topicsArgs defaults added}. */
    public static void topics(List<String> userArgs) {
        List<String> args = topicsArgs(userArgs);
        requireBroker(args);
        TopicCommand.main(args.toArray(String[]::new));
    }

    /**
     * The user's arguments plus {@code --bootstrap-server localhost:9092} and the formatter properties that print
     * each record's key, headers and timestamp, unless the user already chose them.
     */
    public static List<String> consoleConsumerArgs(List<String> userArgs) {
        List<String> args = new ArrayList<>(userArgs);
        if (!isHelp(userArgs)) {
            addBootstrapServer(args);
            for (String property : PRINT_PROPERTIES) {
                String key = property.substring(0, property.indexOf('=') + 1);
                boolean chosen = userArgs.stream().anyMatch(arg -> arg.startsWith(key) || arg.contains("=" + key));
                if (!chosen) {
                    args.add("--property");
                    args.add(property);
                }
            }
        }
        return args;
    }

    /** The user's arguments plus {@code --bootstrap-server localhost:9092}, and {@code --list} if no action. */
    public static List<String> topicsArgs(List<String> userArgs) {
        List<String> args = new ArrayList<>(userArgs);
        if (!isHelp(userArgs)) {
            addBootstrapServer(args);
            boolean hasAction = userArgs.stream().anyMatch(
                    arg -> List.of("--list", "--describe", "--create", "--delete", "--alter").contains(arg));
            if (!hasAction) {
                args.add("--list");
            }
        }
        return args;
    }

    private static boolean isHelp(List<String> args) {
        return args.contains("--help") || args.contains("--version");
    }

    private static void addBootstrapServer(List<String> args) {
        boolean given = args.stream().anyMatch(arg -> arg.equals("--bootstrap-server")
                || arg.startsWith("--bootstrap-server="));
        if (!given) {
            args.add(0, Options.defaults().kafkaBootstrapServers());
            args.add(0, "--bootstrap-server");
        }
    }

    /**
     * Fails fast with advice when nothing listens at the bootstrap address; the tools themselves would retry
     * silently forever.
     */
    private static void requireBroker(List<String> args) {
        String servers = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--bootstrap-server") && i + 1 < args.size()) {
                servers = args.get(i + 1);
            } else if (args.get(i).startsWith("--bootstrap-server=")) {
                servers = args.get(i).substring("--bootstrap-server=".length());
            }
        }
        if (servers == null) {
            return;
        }
        String first = servers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        String host = first.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(first.substring(colon + 1));
        } catch (NumberFormatException e) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new StartupException("No Kafka broker answers at " + first + ". Start the stack first with"
                    + " 'bin/local-stack' (or 'bin/local-stack --infra-only').");
        }
    }
}
