package io.dataconnector.camel.simulator;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe tokens (access tokens, signed-URL keys, S3 request ids). */
final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    /** {@code bytes} random bytes, Base64url without padding. */
    static String next(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static int randomInt(int bound) {
        return RANDOM.nextInt(bound);
    }
}
