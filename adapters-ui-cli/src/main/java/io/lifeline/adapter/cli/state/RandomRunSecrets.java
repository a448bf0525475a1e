package io.lifeline.adapter.cli.state;

import io.lifeline.domain.port.out.RunSecrets;

import java.security.SecureRandom;
import java.util.HexFormat;

/** 256 random bits from the operating system's generator, as 64 hex digits. */
public final class RandomRunSecrets implements RunSecrets {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
