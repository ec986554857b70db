package io.ordersaga.order;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Which transactions one piece of work begins on the calling thread (the consumers' threads are not watched): what
 * a request costs in transactions. Also counts the transactions each consumer group's listener threads begin. Boot
 * adds every {@link TransactionExecutionListener} bean to the transaction manager when the context starts.
 */
public class TransactionsOnThread implements TransactionExecutionListener {

    private final List<String> begun = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> byGroup = new ConcurrentHashMap<>();
    private volatile Thread watched;

    /** Runs {@code work} and returns the names of the transactions it began, "(read-only)" marked. */
    public synchronized List<String> begunBy(Callable<?> work) throws Exception {
        begun.clear();
        watched = Thread.currentThread();
        try {
            work.call();
        } finally {
            watched = null;
        }
        return List.copyOf(begun);
    }

    /** How many transactions the listener threads of each consumer group have begun since the context started. */
    public Map<String, Long> begunByGroup() {
        Map<String, Long> counts = new TreeMap<>();
        byGroup.forEach((group, count) -> counts.put(group, count.sum()));
        return counts;
    }

    @Override
    public void beforeBegin(TransactionExecution transaction) {
        String group = KafkaUtils.getConsumerGroupId();
        if (group != null) {
            byGroup.computeIfAbsent(group, name -> new LongAdder()).increment();
        }
        if (Thread.currentThread() == watched) {
            begun.add(transaction.getTransactionName() + (transaction.isReadOnly() ? " (read-only)" : ""));
        }
    }
}
