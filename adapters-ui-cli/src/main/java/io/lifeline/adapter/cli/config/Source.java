package io.lifeline.adapter.cli.config;

/** Which layer a setting's value came from; later layers win: default &lt; file &lt; environment &lt; flag. */
public enum Source {
    DEFAULT, FILE, ENV, FLAG
}
