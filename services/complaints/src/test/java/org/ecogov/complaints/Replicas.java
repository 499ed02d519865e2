package org.ecogov.complaints;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Two runs of a scheduler pass started at the same moment on two threads, as two replicas would run them. */
public final class Replicas {

    private Replicas() {
    }

    /** Runs {@code pass} twice at once and answers the sum of what the two runs report. */
    public static int twoAtOnce(Callable<Integer> pass) throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> passes = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                passes.add(replicas.submit(() -> {
                    start.await();
                    return pass.call();
                }));
            }
            start.countDown();
            return passes.get(0).get() + passes.get(1).get();
        } finally {
            replicas.shutdownNow();
        }
    }
}
