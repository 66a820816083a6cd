package io.recur.core.sequence;

/**
 * What a model reads and how its data becomes numbers — stored with every checkpoint and exported
 * model so that later input is prepared exactly as the training data was: {@link TextData} (the
 * text pipeline and vocabulary) or {@link SeriesData} (lags, columns and scaling).
 */
public sealed interface DataSpec permits TextData, SeriesData {}
