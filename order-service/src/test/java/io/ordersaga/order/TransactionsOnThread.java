package io.ordersaga.order;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Which transactions one piece of work begins on the calling thread (the consumers' threads are not watched): what
 * a request costs in transactions. Boot adds every {@link TransactionExecutionListener} bean to the transaction
 * manager when the context starts.
 */
public class TransactionsOnThread implements TransactionExecutionListener {

    private final List<String> begun = new CopyOnWriteArrayList<>();
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

    @Override
    public void beforeBegin(TransactionExecution transaction) {
        if (Thread.currentThread() == watched) {
            begun.add(transaction.getTransactionName() + (transaction.isReadOnly() ? " (read-only)" : ""));
        }
    }
}
