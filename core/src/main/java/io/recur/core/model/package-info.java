/**
 * Models and their parameters, backend-neutral: {@link io.recur.core.model.ModelSpec} (the
 * architecture, a record), {@link io.recur.core.model.ParameterSet} (named float32 row-major
 * arrays) and {@link io.recur.core.model.LanguageModel} (the network, written once against
 * {@link io.recur.core.layer.LayerOps}).
 */
package io.recur.core.model;
