// Engine fixture: stand-in for Guava's Optional.
package com.google.common.base;

public class Optional<T> {
    public static <T> Optional<T> absent() { return new Optional<T>(); }
}
