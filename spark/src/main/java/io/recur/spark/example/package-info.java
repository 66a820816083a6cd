/** An application to submit to a Spark cluster: the README's character model, trained data-parallel. */
package io.recur.spark.example;
