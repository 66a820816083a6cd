/** Small utilities core needs and would otherwise pull a library for: a splittable RNG, atomic file writes. */
package io.recur.core.util;
