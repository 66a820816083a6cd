package io.recur.spark;

import io.recur.core.optim.Optimizer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The shard sessions open in this JVM (an executor, or the driver in local mode), by run and
 * shard. A round continues a shard's session when it picks up where that session stopped — Spark
 * keeps a shard on the executor that caches it, so this is the normal case and the recurrent state
 * carries over exactly as on one machine. Otherwise (a retried task, a shard moved to another
 * executor after one was lost) the worker opens a new session, whose state starts from zeros: the
 * round's first minibatch then begins without the state of the one before it.
 */
final class ShardSessions {
  private static final Map<String, ShardSession> OPEN = new HashMap<>();

  private ShardSessions() {}

  /**
   * The session for the round of {@code epoch} starting at minibatch {@code first}, marked busy;
   * a new one (opened on {@code start}'s parameters) unless the cached one continues there.
   */
  static ShardSession acquire(WorkerPlan plan, Shard shard, int epoch, int first, ModelState start) {
    String key = key(plan.runId(), shard.index());
    synchronized (OPEN) {
      ShardSession cached = OPEN.get(key);
      if (cached != null && !cached.busy && cached.continues(epoch, first)) {
        cached.busy = true;
        return cached;
      }
      if (cached != null && !cached.busy) {
        OPEN.remove(key).close();
      }
    }
    ShardSession opened = new ShardSession(plan.backend().open().openTraining(plan.modelSpec(), start.parameters(),
        Optimizer.named(plan.optimizer())), shard);
    opened.busy = true;
    synchronized (OPEN) {
      OPEN.putIfAbsent(key, opened);
    }
    return opened;
  }

  /**
   * Ends a task's use of {@code session}: kept for the next round when the task succeeded, else
   * closed (its state is no longer the one the next round expects). A session that was not the
   * cached one (a concurrent attempt of the same task) is closed either way.
   */
  static void release(WorkerPlan plan, Shard shard, ShardSession session, boolean succeeded) {
    String key = key(plan.runId(), shard.index());
    synchronized (OPEN) {
      session.busy = false;
      if (OPEN.get(key) == session && succeeded) {
        return;
      }
      OPEN.remove(key, session);
    }
    session.close();
  }

  /** Closes this JVM's sessions of run {@code runId} (those not in use). */
  static void closeRun(String runId) {
    synchronized (OPEN) {
      for (Iterator<Map.Entry<String, ShardSession>> it = OPEN.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, ShardSession> e = it.next();
        if (e.getKey().startsWith(runId + "/") && !e.getValue().busy) {
          e.getValue().close();
          it.remove();
        }
      }
    }
  }

  /** Sessions open in this JVM (for tests). */
  static int open() {
    synchronized (OPEN) {
      return OPEN.size();
    }
  }

  private static String key(String runId, int shard) {
    return runId + "/" + shard;
  }
}
