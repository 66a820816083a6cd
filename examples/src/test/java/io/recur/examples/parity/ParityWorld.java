package io.recur.examples.parity;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.Cells;
import io.recur.core.inject.CoreModule;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextSpec;
import io.recur.data.corpus.TokenizedCorpus;

/**
 * What every parity test shares: the application's own Guice wiring ({@link CoreModule}, which
 * discovers the ND4J, TensorFlow and ONNX Runtime backends on the class path, plus a user module
 * registering the custom cell {@code cifg}), one thread everywhere, and the Time Machine text split into a training head and
 * a held-out tail.
 */
final class ParityWorld {
  static final RecurConfig CONFIG = RecurConfig.defaults().withThreads(1);

  final Injector injector = Guice.createInjector(new CoreModule(CONFIG),
      binder -> Cells.binder(binder).addBinding("cifg").toInstance(CifgCell::new));
  final TokenizedCorpus corpus = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
  /** The first 90% of the tokens. */
  final Sequence train;
  /** 3,000 tokens of the last 10%. */
  final Sequence heldOut;

  ParityWorld() {
    Sequence[] parts = corpus.ids().splitTail(0.1);
    train = parts[0];
    heldOut = parts[1].slice(0, 3_000);
  }

  Backend backend(String name) {
    return injector.getInstance(BackendSelector.class).select(name);
  }

  /** The ids of {@code text} under the corpus's preprocessing and vocabulary. */
  int[] encode(String text) {
    return corpus.encode(text).toArray();
  }
}
