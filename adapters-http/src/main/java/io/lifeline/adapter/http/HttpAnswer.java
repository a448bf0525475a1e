package io.lifeline.adapter.http;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a backend answered to one GET: the status, the first value of each header, and the body as far as it was
 * read: all of it, or, when {@code tooLarge}, only its start (more was sent than the caller's limit).
 *
 * @param status   the final status code, 100 to 999
 * @param headers  the first value of each header; looked up by name without regard to case
 * @param body     the body read; empty when it was not read
 * @param tooLarge whether the body is longer than the limit it was read with, so {@code body} is its start only
 */
record HttpAnswer(int status, Map<String, String> headers, byte[] body, boolean tooLarge) {

    HttpAnswer {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("an HTTP status has three digits, was " + status);
        }
        SortedMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(byName::putIfAbsent);
        headers = Collections.unmodifiableSortedMap(byName);
        body = body.clone();
    }

    /** An answer whose body has not been read. */
    static HttpAnswer head(int status, Map<String, String> headers) {
        return new HttpAnswer(status, headers, new byte[0], false);
    }

    /** The first value of the header {@code name}, whatever its case, or null. */
    String header(String name) {
        return headers.get(Objects.requireNonNull(name, "name"));
    }

    HttpAnswer withBody(byte[] read, boolean longerThanRead) {
        return new HttpAnswer(status, headers, read, longerThanRead);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
