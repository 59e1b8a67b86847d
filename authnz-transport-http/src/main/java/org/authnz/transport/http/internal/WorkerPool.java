package org.authnz.transport.http.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that runs actions (and the health check) off Jetty's threads: a fixed number of workers,
 * as authnzerver's {@code workers} setting, with a bounded queue; a full queue rejects.
 */
public final class WorkerPool {

  private WorkerPool() {}

  /** The name of worker {@code index} (from 1). */
  public static String threadName(int index) {
    return "authnz-worker-" + index;
  }

  /** Creates a started pool of {@code workers} threads with room for {@code queued} tasks. */
  public static ThreadPoolExecutor create(int workers, int queued) {
    AtomicInteger next = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queued),
            task -> {
              Thread thread = new Thread(task, threadName(next.incrementAndGet()));
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    pool.prestartAllCoreThreads();
    return pool;
  }

  /** Stops taking tasks and waits up to {@code grace} for running ones, then interrupts them. */
  public static void shutdown(ThreadPoolExecutor pool, Duration grace) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
