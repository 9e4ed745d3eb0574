package com.lianarig.hal.node;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * A copy-on-write array of listeners: added and removed from any thread (rare), iterated by the
 * owner thread without allocating (every sample).
 */
final class Listeners<T> {
    private final Class<T> type;
    private volatile T[] all;

    Listeners(Class<T> type) {
        this.type = type;
        this.all = newArray(0);
    }

    synchronized void add(T listener) {
        if (listener == null) {
            throw new IllegalArgumentException("a listener must not be null");
        }
        T[] next = Arrays.copyOf(all, all.length + 1);
        next[all.length] = listener;
        all = next;
    }

    synchronized void remove(T listener) {
        T[] current = all;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                T[] next = newArray(current.length - 1);
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                all = next;
                return;
            }
        }
    }

    /** The listeners now; iterate with an index, do not modify. */
    T[] snapshot() {
        return all;
    }

    @SuppressWarnings("unchecked")
    private T[] newArray(int length) {
        return (T[]) Array.newInstance(type, length);
    }
}
